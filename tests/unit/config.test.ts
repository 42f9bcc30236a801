import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

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
