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
    [{ ESDB_CONNECTION_STRING: 'tcp://node1:1113' }, 'ESDB_CONNECTION_STRING'],
    [{ KURRENTDB_CONNECTION_STRING: 'https://node1:2113' }, 'KURRENTDB_CONNECTION_STRING'],
    [
      {
        ESDB_CONNECTION_STRING: 'esdb://a:2113',
        KURRENTDB_CONNECTION_STRING: 'kurrentdb://b:2113',
      },
      'KURRENTDB_CONNECTION_STRING',
    ],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/99' }, 'TRUST_PROXY'],
    [{ VAT_IBAN: 'IR070100000000401234567890' }, 'VAT_IBAN'],
    [{ VAT_IBAN: '060100000000401234567890' }, 'VAT_IBAN'],
  ])('a bad value (%j) stops start-up naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${variable}:`));
  });

  it.each([
    'kurrentdb://node1:2113,node2:2113,node3:2113?tls=true&nodePreference=leader',
    'kurrentdb+discover://cluster.ledger.internal:2113',
    'esdb://127.0.0.1:2113?tls=false',
    'esdb+discover://cluster.ledger.internal:2113',
  ])('takes the KurrentDB connection string %s under either name', (cs) => {
    const viaEsdb = loadConfig({ EVENT_STORE: 'esdb', ESDB_CONNECTION_STRING: cs });
    const viaKurrent = loadConfig({ EVENT_STORE: 'esdb', KURRENTDB_CONNECTION_STRING: cs });
    expect([viaEsdb.ESDB_CONNECTION_STRING, viaKurrent.ESDB_CONNECTION_STRING]).toEqual([cs, cs]);
  });

  it('trusts no proxy by default; takes a hop count or a list of addresses and CIDR ranges', () => {
    expect(loadConfig({}).TRUST_PROXY.trust('127.0.0.1', 0)).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY.trust('198.51.100.1', 0)).toBe(true);
    const listed = loadConfig({ TRUST_PROXY: '10.0.0.0/8,loopback' }).TRUST_PROXY.trust;
    expect([listed('10.1.2.3', 0), listed('127.0.0.1', 0), listed('198.51.100.1', 0)]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
