import type { IncomingMessage } from 'node:http';
import { addressKey, clientAddress, parseTrustProxy } from './clientAddress';

const request = (remoteAddress: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress },
    connection: { remoteAddress },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  }) as unknown as IncomingMessage;

describe('the client address of a public rate limit', () => {
  it('ignores X-Forwarded-For when TRUST_PROXY is off', () => {
    for (const off of [undefined, '', 'off', 'false', '0']) {
      const addressOf = clientAddress(parseTrustProxy(off));
      expect(addressOf(request('10.0.0.2', '203.0.113.7'))).toBe('10.0.0.2');
    }
  });

  it('takes the address a trusted proxy names, and only from a trusted proxy', () => {
    const addressOf = clientAddress(parseTrustProxy('10.0.0.0/8, 192.168.1.1'));
    expect(addressOf(request('10.0.0.2', '203.0.113.7'))).toBe('203.0.113.7');
    expect(addressOf(request('192.168.1.1', '203.0.113.8'))).toBe('203.0.113.8');
    expect(addressOf(request('198.51.100.9', '203.0.113.7'))).toBe('198.51.100.9');
  });

  it('with a hop count, skips exactly that many proxies, so a client cannot prepend its own', () => {
    const addressOf = clientAddress(parseTrustProxy('1'));
    expect(addressOf(request('10.0.0.2', '1.2.3.4, 203.0.113.7'))).toBe('203.0.113.7');
    expect(clientAddress(parseTrustProxy('2'))(request('10.0.0.2', '1.2.3.4, 203.0.113.7'))).toBe(
      '1.2.3.4',
    );
  });

  it('keys IPv6 by its /64 and an IPv4-mapped address as the IPv4 address', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
  });

  it.each(['true', 'not-an-address', '10.0.0.0/99'])('refuses TRUST_PROXY=%s', (value) => {
    expect(() => parseTrustProxy(value)).toThrow();
  });
});
