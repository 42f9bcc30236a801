// Runs the real CLI (TypeScript sources through tsx) as a child process, as a user would.
import { execFile, spawnSync } from 'node:child_process';
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

/**
 * The same, without blocking this process's event loop: for tests that run an API in this process while
 * the CLI works (a blocked loop would freeze the API and its keep-alive timers with it).
 */
export function runCliAsync(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(packageRoot, 'src/cli/main.ts'), ...args],
      {
        cwd: packageRoot,
        env: { ...process.env, LOG_LEVEL: 'warn', ...env },
        encoding: 'utf8',
        timeout: 600_000,
      },
      (err, stdout, stderr) => {
        const status = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}
