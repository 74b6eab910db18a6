import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyaddr from 'proxy-addr';

/** Which hops may tell the client's address in `X-Forwarded-For`: `(address, hop) => trusted`. */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * Reads TRUST_PROXY the way express reads its `trust proxy` setting, less `true`: empty,
 * `false`, `off` or `0` trusts no proxy (the header is ignored); a whole number trusts that
 * many hops in front of the node; anything else is a comma-separated list of addresses, CIDR
 * ranges and proxy-addr's names (`loopback`, `linklocal`, `uniquelocal`). `true` (trust every
 * hop) is refused: it would let any client choose the address it is limited by.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim();
  if (text === '' || /^(false|off|0)$/i.test(text)) return () => false;
  if (/^true$/i.test(text))
    throw new Error('true trusts every hop; name the proxies or their hop count');
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return (_address, hop) => hop < hops;
  }
  return proxyaddr.compile(text.split(',').map((part) => part.trim()));
}

/**
 * The address a public rate limit counts a request against (نشانی کارخواه): the client's
 * address as the trusted proxies report it, one key per IPv4 address and per IPv6 /64
 * (one subscriber's network; a single host may use any address in it). An IPv4 address
 * mapped into IPv6 counts as the IPv4 address. Express's `req.ip` and the direct lane both
 * take it from here, so the two paths agree.
 */
export function clientAddress(trust: TrustProxy): (req: IncomingMessage) => string {
  return (req) => {
    if (!req.socket.remoteAddress) return 'unknown';
    return addressKey(proxyaddr(req, trust));
  };
}

/** An address as a rate-limit key: IPv4 as is, IPv6 as its /64 prefix. */
export function addressKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString()}/64`;
}
