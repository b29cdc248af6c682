import {
  assignableRange,
  cidrBroadcast,
  cidrContains,
  formatCidr,
  formatIPv4,
  isAssignableInCidr,
  isPrivateIPv4,
  parseCidr,
  parseIPv4,
} from '../../../src/domain/ip';

const ip = (text: string): number => {
  const n = parseIPv4(text);
  if (n === undefined) throw new Error(`test address ${text} does not parse`);
  return n;
};
const cidr = (text: string) => {
  const c = parseCidr(text);
  if (c === undefined) throw new Error(`test block ${text} does not parse`);
  return c;
};

describe('parseIPv4', () => {
  it.each([
    ['0.0.0.0', 0],
    ['10.0.0.1', 0x0a000001],
    ['192.168.1.254', 0xc0a801fe],
    ['255.255.255.255', 0xffffffff],
  ])('reads %s', (text, n) => {
    expect(parseIPv4(text)).toBe(n);
  });

  it.each([
    ['an octet above 255', '10.0.0.256'],
    ['a leading zero (octal in some parsers)', '010.0.0.1'],
    ['a leading zero in the last octet', '10.0.0.01'],
    ['IPv6 loopback', '::1'],
    ['IPv4-mapped IPv6', '::ffff:10.0.0.1'],
    ['a CIDR suffix', '10.1.2.3/24'],
    ['three octets', '10.0.1'],
    ['five octets', '10.0.0.1.5'],
    ['a space inside', '10.0. 0.1'],
    ['surrounding spaces', ' 10.0.0.1 '],
    ['a trailing dot', '10.0.0.1.'],
    ['an empty octet', '10..0.1'],
    ['a sign', '+10.0.0.1'],
    ['hex', '0x0a.0.0.1'],
    ['a single number', '167772161'],
    ['full-width digits', '１0.0.0.1'],
    ['a trailing newline', '10.0.0.1\n'],
    ['empty text', ''],
    ['a huge string', '1'.repeat(5000)],
  ])('refuses %s', (_why, text) => {
    expect(parseIPv4(text)).toBeUndefined();
  });

  it('round-trips through formatIPv4', () => {
    for (const text of ['0.0.0.0', '1.2.3.4', '172.31.255.255', '255.255.255.255']) {
      expect(formatIPv4(ip(text))).toBe(text);
    }
  });
});

describe('formatIPv4', () => {
  it('refuses numbers that are not 32-bit addresses', () => {
    for (const n of [-1, 2 ** 32, 1.5, NaN, Infinity]) {
      expect(() => formatIPv4(n)).toThrow(RangeError);
    }
  });
});

describe('isPrivateIPv4', () => {
  it.each(['10.0.0.0', '10.255.255.255', '172.16.0.1', '172.31.255.254', '192.168.0.1', '192.168.255.255'])(
    '%s is private (RFC 1918)',
    (text) => expect(isPrivateIPv4(ip(text))).toBe(true),
  );

  it.each(['8.8.8.8', '9.255.255.255', '11.0.0.0', '172.15.255.255', '172.32.0.0', '192.167.255.255', '192.169.0.0', '127.0.0.1', '169.254.1.1'])(
    '%s is not private',
    (text) => expect(isPrivateIPv4(ip(text))).toBe(false),
  );

  it('does not count CGNAT shared space 100.64.0.0/10 as private', () => {
    expect(isPrivateIPv4(ip('100.64.0.1'))).toBe(false);
    expect(isPrivateIPv4(ip('100.127.255.254'))).toBe(false);
  });
});

describe('parseCidr', () => {
  it('reads an aligned block', () => {
    expect(parseCidr('10.10.0.0/16')).toEqual({ network: ip('10.10.0.0'), prefix: 16 });
  });

  it('normalises host bits away (an administrator pasted the gateway address)', () => {
    expect(parseCidr('10.1.2.3/16')).toEqual({ network: ip('10.1.0.0'), prefix: 16 });
    expect(formatCidr(cidr('192.168.7.77/24'))).toBe('192.168.7.0/24');
  });

  it('accepts /0 and /32', () => {
    expect(parseCidr('1.2.3.4/0')).toEqual({ network: 0, prefix: 0 });
    expect(parseCidr('1.2.3.4/32')).toEqual({ network: ip('1.2.3.4'), prefix: 32 });
  });

  it.each(['10.0.0.0', '10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/08', '10.0.0.0/', '/8', '10.0.0.0/8/8', '010.0.0.0/8', '10.0.0.0 /8', 'fd00::/8', ''])(
    'refuses %j',
    (text) => expect(parseCidr(text)).toBeUndefined(),
  );
});

describe('cidrContains and isAssignableInCidr', () => {
  const block = cidr('10.10.0.0/16');

  it('contains addresses inside the block only', () => {
    expect(cidrContains(block, ip('10.10.0.0'))).toBe(true);
    expect(cidrContains(block, ip('10.10.255.255'))).toBe(true);
    expect(cidrContains(block, ip('10.11.0.0'))).toBe(false);
    expect(cidrContains(block, ip('10.9.255.255'))).toBe(false);
  });

  it('/0 contains everything', () => {
    expect(cidrContains(cidr('0.0.0.0/0'), ip('255.255.255.255'))).toBe(true);
  });

  it('never gives a client the network or broadcast address', () => {
    expect(isAssignableInCidr(block, ip('10.10.0.0'))).toBe(false);
    expect(isAssignableInCidr(block, ip('10.10.255.255'))).toBe(false);
    expect(isAssignableInCidr(block, ip('10.10.0.1'))).toBe(true);
    expect(isAssignableInCidr(block, ip('10.10.255.254'))).toBe(true);
    expect(isAssignableInCidr(block, ip('10.11.0.1'))).toBe(false);
  });

  it('knows the broadcast address and the assignable range', () => {
    expect(formatIPv4(cidrBroadcast(block))).toBe('10.10.255.255');
    const { first, last } = assignableRange(cidr('192.168.1.0/30'));
    expect([formatIPv4(first), formatIPv4(last)]).toEqual(['192.168.1.1', '192.168.1.2']);
  });

  it('treats /31 and /32 as all-host blocks (RFC 3021)', () => {
    expect(isAssignableInCidr(cidr('10.0.0.0/31'), ip('10.0.0.0'))).toBe(true);
    expect(isAssignableInCidr(cidr('10.0.0.0/31'), ip('10.0.0.1'))).toBe(true);
    expect(isAssignableInCidr(cidr('10.0.0.7/32'), ip('10.0.0.7'))).toBe(true);
  });
});
