import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { isIP } from 'node:net';

/**
 * The address a request comes from, as a rate-limit key. By default the TCP
 * peer (X-Forwarded-For is set by whoever sends the request, so it is not
 * trusted). Behind `trustedProxies` reverse proxies, each appending to
 * X-Forwarded-For, the client is the entry that many hops back from the peer.
 * Undefined outside Node's HTTP server (e.g. `app.request()` in tests).
 */
export function clientAddress(c: Context, trustedProxies: number): string | undefined {
  const peer = socketAddress(c);
  if (peer === undefined || trustedProxies === 0) return peer && normalize(peer);
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const hops = [peer, ...forwarded.reverse()];
  const candidate = hops[Math.min(trustedProxies, hops.length - 1)]!;
  return normalize(isIP(candidate) ? candidate : peer);
}

function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // no Node socket behind this request
  }
}

/**
 * One key per client: IPv4-mapped IPv6 becomes plain IPv4, and an IPv6
 * address counts by its /64, since one subscriber usually holds a whole /64.
 */
function normalize(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  return `${expandIPv6(address.replace(/%.*$/, '')).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, `::` filled in (an IPv4 tail counts as two). */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':').flatMap(toGroups));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const zeros = Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...zeros, ...right];
}

function toGroups(part: string): string[] {
  if (!part.includes('.')) return [part.toLowerCase().replace(/^0+(?=.)/, '')];
  const [a, b, c, d] = part.split('.').map(Number) as [number, number, number, number];
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
