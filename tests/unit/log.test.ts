// The logger's level is the configuration's LOG_LEVEL (validated by the same schema), read in a fresh
// process each time since the logger is made once per process.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { packageRoot } from '../../src/paths.js';

function levelWith(value: string | undefined): string {
  const env = { ...process.env };
  if (value === undefined) delete env.LOG_LEVEL;
  else env.LOG_LEVEL = value;
  return execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      "import { log } from './src/log.ts'; process.stdout.write(log.level);",
    ],
    { cwd: packageRoot, env, encoding: 'utf8' },
  );
}

describe('LOG_LEVEL', () => {
  it('is the level the logger uses, default info', () => {
    expect(levelWith('warn')).toBe('warn');
    expect(levelWith('silent')).toBe('silent');
    expect(levelWith(undefined)).toBe('info');
    expect(levelWith('')).toBe('info');
  });

  it('an invalid value is the configuration error every command reports, not a level', () => {
    expect(levelWith('LOUD')).toBe('info');
    expect(() => loadConfig({ LOG_LEVEL: 'LOUD' })).toThrow(/LOG_LEVEL="LOUD"/);
  });
});
