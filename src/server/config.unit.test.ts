import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, settings } from './config';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.publicUrl.href).toBe('http://localhost:3000/');
    expect(config.isHttps).toBe(false);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir.endsWith('data')).toBe(true);
  });

  it('names the variable and what is wrong with it', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT: must be a number/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => loadConfig({ PUBLIC_URL: 'engage.example.com' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET: must be at least 32 characters/);
    expect(() => loadConfig({ TRUST_PROXY: 'maybe' })).toThrow(/TRUST_PROXY: must be false, a number of proxies/);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/would believe any client/);
    expect(() => loadConfig({ ENGAGE_ADMIN_EMAIL: 'boss@example.com' })).toThrow(/set both or neither/);
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: '0', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((problem) => problem.split(':')[0])).toEqual(['PORT', 'LOG_LEVEL']);
    }
  });

  it('never echoes a secret in its message', () => {
    for (const [name, value] of [
      ['SESSION_SECRET', 'short-but-secret'],
      ['ENGAGE_ADMIN_PASSWORD', 'hunter2'],
      ['DATABASE_URL', 'mysql://admin:s3cret@db/engage'],
    ] as const) {
      const environment = {
        [name]: value,
        ...(name === 'ENGAGE_ADMIN_PASSWORD' ? { ENGAGE_ADMIN_EMAIL: 'a@example.com' } : {}),
      };
      expect(() => loadConfig(environment)).toThrow(name);
      expect(() => loadConfig(environment)).not.toThrow(value);
    }
  });

  it('trusts a proxy only when told how many or which', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 192.168.0.0/16' }).trustProxy).toEqual(['10.0.0.5', '192.168.0.0/16']);
  });

  it('turns on https behaviour from PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://engage.example.com' }).isHttps).toBe(true);
  });

  it('documents every setting it reads', () => {
    expect(settings.map(([name]) => name)).toContain('DATABASE_URL');
    for (const [, defaultValue, meaning] of settings) {
      expect(defaultValue.length).toBeGreaterThan(0);
      expect(meaning.length).toBeGreaterThan(10);
    }
  });
});
