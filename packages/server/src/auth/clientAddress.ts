import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key under which failed log-ins from one client are counted: an IPv4 address as it is,
 * an IPv6 address by its /64 network (one subscriber usually holds a whole /64 and could
 * otherwise take a new address for every attempt).
 */
export function addressKey(address: string): string {
  const ip = address.trim();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(ip)) return ip;
  const plain = ip.split('%')[0] ?? ip;
  if (isIPv6(plain)) return `${hextets(plain).slice(0, 4).join(':')}::/64`;
  return ip.slice(0, 100);
}

/** The eight groups of an IPv6 address, without leading zeros. */
function hextets(ip: string): string[] {
  let text = ip.toLowerCase();
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const first = head ? head.split(':') : [];
  const last = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - first.length - last.length).fill('0');
  return [...first, ...fill, ...last].map((group) => parseInt(group, 16).toString(16));
}
