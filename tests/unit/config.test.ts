import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, localPasswordFile, withLocalPassword } from '../../src/config.js';

describe('loadConfig', () => {
  it('applies the documented defaults and derives the local Bolt URI', () => {
    const cfg = loadConfig({});
    expect(cfg.PORT).toBe(4000);
    expect(cfg.localNeo4j).toBe(true);
    expect(cfg.neo4jUri).toBe('bolt://127.0.0.1:7687');
    expect(cfg.PLANTRACE_CURATED).toBe(true);
  });

  it('uses NEO4J_URI and manages no server when it is set', () => {
    const cfg = loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io' });
    expect(cfg.localNeo4j).toBe(false);
    expect(cfg.neo4jUri).toBe('neo4j+s://abc.databases.neo4j.io');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ NEO4J_URI: 'http://localhost:7474' }, 'NEO4J_URI'],
    [{ PLANTRACE_CURATED: 'maybe' }, 'PLANTRACE_CURATED'],
    [{ PLANTRACE_NEO4J_HEAP: 'lots' }, 'PLANTRACE_NEO4J_HEAP'],
  ])('rejects %o naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^invalid configuration: ${name}=`));
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ PORT: '', NEO4J_URI: '' }).PORT).toBe(4000);
  });
});

describe('the local server password', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'plantrace-config-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const local = { PLANTRACE_NEO4J_HOME: home };

  it('is empty before the first start (loadConfig creates nothing)', () => {
    expect(loadConfig(local).NEO4J_PASSWORD).toBe('');
    expect(() => mkdirSync(path.dirname(localPasswordFile(home)))).not.toThrow(); // the folder did not exist
  });

  it('is read from <PLANTRACE_NEO4J_HOME>/auth/password once the server has made it', () => {
    writeFileSync(localPasswordFile(home), 'generated-secret-value\n', { mode: 0o600 });
    expect(loadConfig(local).NEO4J_PASSWORD).toBe('generated-secret-value');
    const before = { ...loadConfig(local), NEO4J_PASSWORD: '' };
    expect(withLocalPassword(before).NEO4J_PASSWORD).toBe('generated-secret-value');
  });

  it('gives way to an explicit NEO4J_PASSWORD, and is not used for a server named by NEO4J_URI', () => {
    expect(loadConfig({ ...local, NEO4J_PASSWORD: 'mine' }).NEO4J_PASSWORD).toBe('mine');
    expect(loadConfig({ ...local, NEO4J_URI: 'bolt://db.example:7687' }).NEO4J_PASSWORD).toBe('');
  });
});
