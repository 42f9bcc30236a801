// Runs the real CLI (TypeScript sources through tsx) as a child process, as a user would.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { packageRoot } from '../../src/paths.js';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  input?: string,
): CliResult {
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(packageRoot, 'src/cli/main.ts'), ...args],
    {
      cwd: packageRoot,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      encoding: 'utf8',
      input,
      timeout: 600_000,
    },
  );
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}
