import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('defaults to the embedded SQLite store under ./data on port 3000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, EVENT_STORE: 'sqlite', LOG_LEVEL: 'info' });
    expect(c.dataDir).toMatch(/\/data$/);
  });

  it('VAT_IBAN is a Sheba, checked mod-97, with Persian digits accepted and normalised', () => {
    expect(loadConfig({ VAT_IBAN: 'IR۰۶۰۱۰۰۰۰۰۰۰۰۴۰۱۲۳۴۵۶۷۸۹۰' }).VAT_IBAN).toBe(
      'IR060100000000401234567890',
    );
    expect(loadConfig({}).VAT_IBAN).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ EVENT_STORE: 'mongo' }, 'EVENT_STORE'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ EVENT_STORE: 'postgres' }, 'DATABASE_URL'],
    [{ EVENT_STORE: 'esdb' }, 'ESDB_CONNECTION_STRING'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ VAT_IBAN: 'IR070100000000401234567890' }, 'VAT_IBAN'],
    [{ VAT_IBAN: '060100000000401234567890' }, 'VAT_IBAN'],
  ])('a bad value (%j) stops start-up naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${variable}:`));
  });
});
