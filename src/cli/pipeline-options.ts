// The options `align` and `load` share, declared once, with their defaults from the configuration
// (PLANTRACE_CURATED, PLANTRACE_LINK_THRESHOLD, PLANTRACE_CALIBRATION_FILE).
import type { Command } from 'commander';
import type { Config } from '../config.js';
import type { PrepareOptions } from '../pipeline/prepare.js';

export interface PipelineFlags {
  curated: boolean;
  national?: string;
  ocr?: boolean;
}

export function addPipelineOptions(command: Command): Command {
  return command
    .option('--no-curated', 'leave out the hand-curated links (data/curated-links.yaml)')
    .option(
      '--national <file>',
      'national plan for plans that cite none (default: the bundled catalog of 国发〔2024〕17号)',
    )
    .option('--ocr', 'read scanned PDF pages with OCR (Debian tesseract-ocr, tesseract-ocr-chi-sim)');
}

export function pipelineOptions(cfg: Config, flags: PipelineFlags): PrepareOptions {
  return {
    curated: flags.curated && cfg.PLANTRACE_CURATED,
    national: flags.national,
    ocr: flags.ocr,
    threshold: cfg.PLANTRACE_LINK_THRESHOLD,
    calibrationFile: cfg.PLANTRACE_CALIBRATION_FILE,
  };
}
