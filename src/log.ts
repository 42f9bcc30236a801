// One pino logger for the process. Logs go to stderr so that `--json` output on stdout stays clean.
import { pino } from 'pino';

export const log = pino(
  { level: process.env.LOG_LEVEL ?? 'info', base: undefined },
  pino.destination({ fd: 2, sync: true }),
);
