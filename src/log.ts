// One pino logger for the process. Logs go to stderr so that `--json` output on stdout stays clean.
// The level is LOG_LEVEL read through the configuration's own schema (same values, same default; an
// empty value counts as unset, as in loadConfig). An invalid value leaves 'info' here and is reported
// by loadConfig, which every command calls first.
import { pino } from 'pino';
import { ConfigSchema } from './config.js';

const level = ConfigSchema.shape.LOG_LEVEL.safeParse(process.env.LOG_LEVEL || undefined);

export const log = pino(
  { level: level.success ? level.data : 'info', base: undefined },
  pino.destination({ fd: 2, sync: true }),
);
