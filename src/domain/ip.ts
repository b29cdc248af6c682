// Strict IPv4 and CIDR arithmetic for client addresses. Addresses are unsigned 32-bit numbers.

export interface Cidr {
  /** Network address, host bits always zero. */
  network: number;
  /** Prefix length, 0–32. */
  prefix: number;
}

const MAX_IPV4 = 0xffffffff;

// One octet 0–255 in plain decimal; a leading zero is refused because some parsers read `010` as octal (8).
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const IPV4_PATTERN = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);
const PREFIX_PATTERN = /^(?:3[0-2]|[12][0-9]|[0-9])$/;

/** Parses dotted-quad IPv4 (`10.0.0.1`); anything else (spaces, leading zeros, `/24`, IPv6) is `undefined`. */
export function parseIPv4(text: string): number | undefined {
  if (typeof text !== 'string' || text.length > 15 || !IPV4_PATTERN.test(text)) return undefined;
  const [a, b, c, d] = text.split('.').map(Number);
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

/** Formats an unsigned 32-bit address; throws RangeError for anything else (a programming error). */
export function formatIPv4(n: number): string {
  if (!isIPv4Number(n)) throw new RangeError(`not an IPv4 address number: ${String(n)}`);
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join('.');
}

export function isIPv4Number(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_IPV4;
}

const PRIVATE_BLOCKS: readonly Cidr[] = [
  { network: 0x0a000000, prefix: 8 }, // 10.0.0.0/8
  { network: 0xac100000, prefix: 12 }, // 172.16.0.0/12
  { network: 0xc0a80000, prefix: 16 }, // 192.168.0.0/16
];

/**
 * RFC 1918 private address. 100.64.0.0/10 (RFC 6598 CGNAT shared space) is deliberately NOT private:
 * it belongs to carriers' NAT, and SmartAG asks for a private (RFC 1918) client block.
 */
export function isPrivateIPv4(n: number): boolean {
  return isIPv4Number(n) && PRIVATE_BLOCKS.some((block) => cidrContains(block, n));
}

/** Netmask of a prefix length as an unsigned 32-bit number (/0 → 0). */
export function prefixMask(prefix: number): number {
  return prefix <= 0 ? 0 : (MAX_IPV4 << (32 - Math.min(prefix, 32))) >>> 0;
}

/**
 * Parses `a.b.c.d/p`. Host bits set in the address (`10.1.2.3/16`) are accepted and cleared
 * (→ 10.1.0.0/16): administrators often paste the gateway's own address with its prefix.
 */
export function parseCidr(text: string): Cidr | undefined {
  if (typeof text !== 'string' || text.length > 18) return undefined;
  const slash = text.indexOf('/');
  if (slash < 0 || slash !== text.lastIndexOf('/')) return undefined;
  const address = parseIPv4(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (address === undefined || !PREFIX_PATTERN.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return { network: (address & prefixMask(prefix)) >>> 0, prefix };
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIPv4(cidr.network)}/${cidr.prefix}`;
}

export function cidrContains(cidr: Cidr, ip: number): boolean {
  const mask = prefixMask(cidr.prefix);
  return isIPv4Number(ip) && ((ip & mask) >>> 0) === ((cidr.network & mask) >>> 0);
}

/** Broadcast (last) address of the block. */
export function cidrBroadcast(cidr: Cidr): number {
  return (cidr.network | ~prefixMask(cidr.prefix)) >>> 0;
}

/** First and last address a client may be given; /31 and /32 have no network/broadcast (RFC 3021). */
export function assignableRange(cidr: Cidr): { first: number; last: number } {
  const network = (cidr.network & prefixMask(cidr.prefix)) >>> 0;
  const broadcast = cidrBroadcast({ network, prefix: cidr.prefix });
  return cidr.prefix >= 31 ? { first: network, last: broadcast } : { first: network + 1, last: broadcast - 1 };
}

/** Inside the block and neither its network nor its broadcast address. */
export function isAssignableInCidr(cidr: Cidr, ip: number): boolean {
  if (!cidrContains(cidr, ip)) return false;
  const { first, last } = assignableRange(cidr);
  return ip >= first && ip <= last;
}
