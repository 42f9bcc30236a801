// Target charts (Chart.js, only the parts used registered), loaded on demand as a separate chunk.
import {
  Chart,
  Legend,
  LinearScale,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
  type ChartDataset,
  type PointStyle,
} from 'chart.js';

Chart.register(ScatterController, LinearScale, PointElement, Tooltip, Legend, Title);

export interface Point {
  x: number;
  y: number;
  comparator: string | null;
  label: string;
}
export interface Series {
  name: string;
  color: string;
  points: Point[];
}

const STYLE: Record<string, PointStyle> = {
  gte: 'triangle',
  lte: 'rectRot',
  approx: 'circle',
  eq: 'rect',
  increase: 'star',
};
export const pointStyleOf = (c: string | null): PointStyle => STYLE[c ?? ''] ?? 'crossRot';

const charts: Chart[] = [];

export function destroyCharts(): void {
  for (const c of charts.splice(0)) c.destroy();
}

export function drawTargets(
  canvas: HTMLCanvasElement,
  series: Series[],
  labels: { title: string; x: string; y: string; years: [number, number] },
): number {
  const datasets: ChartDataset<'scatter', Point[]>[] = series.map((s) => ({
    label: s.name,
    data: s.points,
    backgroundColor: s.color,
    borderColor: s.color,
    pointStyle: s.points.map((p) => pointStyleOf(p.comparator)),
    pointRadius: 7,
    pointHoverRadius: 9,
  }));
  const chart = new Chart(canvas, {
    type: 'scatter',
    data: { datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        title: { display: true, text: labels.title, font: { size: 13 } },
        legend: { position: 'bottom', labels: { usePointStyle: true, boxWidth: 8 } },
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${(ctx.raw as Point).label}` } },
      },
      scales: {
        x: {
          type: 'linear',
          min: labels.years[0] - 1,
          max: labels.years[1] + 1,
          title: { display: true, text: labels.x },
          ticks: { stepSize: 1, callback: (v) => String(v) },
        },
        y: { title: { display: true, text: labels.y }, grace: '10%' },
      },
    },
  });
  charts.push(chart);
  return series.reduce((n, s) => n + s.points.length, 0);
}
