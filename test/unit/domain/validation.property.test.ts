import fc from 'fast-check';
import {
  FORM_FIELDS,
  REASON_MAX_LENGTH,
  validateRequestForm,
  type RequestFormInput,
  type ValidationLimits,
} from '../../../src/domain/validation';

// Independent, deliberately simple restatements of the API's rules, sharing no code with the validator.
const ASCII_PRINTABLE_NO_SPACE = (s: string) => [...s].every((c) => c.charCodeAt(0) > 32 && c.charCodeAt(0) < 127);

function emailOk(s: string): boolean {
  const parts = s.split('@');
  if (parts.length !== 2 || s.length > 254 || !ASCII_PRINTABLE_NO_SPACE(s)) return false;
  const [local, domain] = parts;
  const labels = domain.split('.');
  return local.length > 0 && labels.length >= 2 && labels.every((l) => l.length > 0) && domain === domain.toLowerCase();
}

function ipOctets(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const octets = parts.map((p) => (/^(0|[1-9][0-9]*)$/.test(p) ? Number(p) : NaN));
  return octets.every((o) => o >= 0 && o <= 255) ? octets : undefined;
}
const ipValue = (o: number[]) => o[0] * 16777216 + o[1] * 65536 + o[2] * 256 + o[3];

function privateOk(o: number[]): boolean {
  return o[0] === 10 || (o[0] === 172 && o[1] >= 16 && o[1] <= 31) || (o[0] === 192 && o[1] === 168);
}

function insideAssignable(ip: number, cidr: string): boolean {
  const [base, prefixText] = cidr.split('/');
  const prefix = Number(prefixText);
  const size = 2 ** (32 - prefix);
  const network = Math.floor(ipValue(ipOctets(base)!) / size) * size;
  const last = network + size - 1;
  if (ip < network || ip > last) return false;
  return prefix >= 31 || (ip !== network && ip !== last);
}

const userNameOk = (s: string) =>
  s.length >= 7 && s.length <= 33 && /^[A-Za-z0-9]/.test(s) && [...s].every((c) => /[A-Za-z0-9_@.-]/.test(c));

// Inputs that are often valid and often almost valid, so both branches get exercised.
const pad = (arb: fc.Arbitrary<string>) =>
  fc.tuple(fc.constantFrom('', ' ', '\t', '\n '), arb, fc.constantFrom('', ' ', '  \n')).map(([a, s, b]) => a + s + b);
const garbage = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 40 }), fc.anything(), fc.constant(null), fc.constant(undefined));
const likely = <T>(valid: fc.Arbitrary<T>, ...others: fc.Arbitrary<unknown>[]) =>
  fc.oneof({ arbitrary: valid as fc.Arbitrary<unknown>, weight: 3 * others.length }, ...others.map((arbitrary) => ({ arbitrary, weight: 1 })));
const mailArb = likely(
  pad(fc.stringMatching(/^[A-Za-z0-9_%+-]{1,8}(\.[A-Za-z0-9]{1,4})?@[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,4})?\.[A-Za-z]{2,4}$/)),
  pad(fc.stringMatching(/^[A-Za-z0-9._+-]{1,12}@[A-Za-z0-9-]{1,10}\.[A-Za-z]{1,4}$/)),
  pad(fc.emailAddress()),
  garbage,
);
const bandwidthArb = likely(
  pad(fc.integer({ min: -2, max: 2100 }).map(String)),
  pad(fc.integer({ min: -10, max: 25000 }).map(String)),
  pad(fc.stringMatching(/^[0-9]{1,25}$/)),
  pad(fc.constantFrom('1e3', '20.5', '0x10', '+5', '')),
  garbage,
);
const ipArb = likely(
  pad(fc.tuple(fc.constantFrom('10.0.0.', '10.10.0.', '10.10.255.', '192.168.1.', '172.16.0.'), fc.nat(255)).map(([p, d]) => p + d)),
  pad(fc.ipV4()),
  pad(fc.tuple(fc.constantFrom(10, 172, 192), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join('.'))),
  pad(fc.ipV4Extended()),
  pad(fc.ipV6()),
  garbage,
);
const userNameArb = likely(
  pad(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_@.-]{4,34}$/)),
  pad(fc.stringMatching(/^[A-Za-z0-9_@. +-]{0,40}$/)),
  garbage,
);
const reasonArb = likely(fc.string({ maxLength: 600 }), fc.string({ unit: 'grapheme', maxLength: 520 }), garbage);
const limitsArb: fc.Arbitrary<ValidationLimits> = fc.record(
  {
    maxBandwidthKbps: fc.oneof({ arbitrary: fc.constantFrom(2000, 20000), weight: 3 }, fc.integer({ min: 1, max: 30000 })),
    clientCidr: fc.constantFrom('10.0.0.0/8', '10.10.0.0/16', '192.168.1.0/24', '172.16.5.7/20', '10.0.0.0/31'),
  },
  { requiredKeys: ['maxBandwidthKbps'] },
);
const formArb = fc.record(
  { userMail: mailArb, bandwidthKbps: bandwidthArb, clientIp: ipArb, userName: userNameArb, reason: reasonArb, extra: fc.anything() },
  { requiredKeys: ['userMail', 'bandwidthKbps'] },
);

describe('validateRequestForm, for any input', () => {
  it('never throws, and answers with either a form or field-keyed sentences', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), formArb), fc.oneof(limitsArb, fc.anything()), (input, limits) => {
        const result = validateRequestForm(input as RequestFormInput, limits as ValidationLimits);
        if (result.ok) return;
        const keys = Object.keys(result.errors);
        expect(keys.length).toBeGreaterThan(0);
        for (const key of keys) expect(FORM_FIELDS).toContain(key);
        for (const message of Object.values(result.errors)) expect(message).toMatch(/^\S.{10,}$/s);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts only forms that meet the API rules', () => {
    let acceptedCount = 0;
    fc.assert(
      fc.property(formArb, limitsArb, (input, limits) => {
        const result = validateRequestForm(input as RequestFormInput, limits);
        if (!result.ok) return;
        acceptedCount++;
        const { userMail, bandwidthKbps, clientIp, userName, reason } = result.form;
        expect(emailOk(userMail)).toBe(true);
        expect(Number.isInteger(bandwidthKbps)).toBe(true);
        expect(bandwidthKbps).toBeGreaterThanOrEqual(1);
        expect(bandwidthKbps).toBeLessThanOrEqual(limits.maxBandwidthKbps);
        if (clientIp !== undefined) {
          const octets = ipOctets(clientIp);
          expect(octets).toBeDefined();
          expect(privateOk(octets!)).toBe(true);
          if (limits.clientCidr) expect(insideAssignable(ipValue(octets!), limits.clientCidr)).toBe(true);
        }
        if (userName !== undefined) expect(userNameOk(userName)).toBe(true);
        if (reason !== undefined) {
          expect([...reason].length).toBeLessThanOrEqual(REASON_MAX_LENGTH);
          expect(reason).toBe(reason.trim());
          expect(reason).not.toBe('');
        }
      }),
      { numRuns: 3000 },
    );
    expect(acceptedCount).toBeGreaterThan(150);
  });

  it('accepts every form built from valid parts, whatever the surrounding whitespace', () => {
    const validForm = fc.record({
      userMail: pad(fc.tuple(fc.stringMatching(/^[A-Za-z0-9]{1,10}$/), fc.stringMatching(/^[a-z0-9]{1,10}\.[a-z]{2,4}$/)).map(([l, d]) => `${l}@${d}`)),
      bandwidthKbps: pad(fc.integer({ min: 1, max: 2000 }).map(String)),
      clientIp: pad(fc.tuple(fc.nat(255), fc.integer({ min: 1, max: 254 })).map(([c, d]) => `10.10.${c}.${d}`)),
      userName: pad(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_@.-]{6,32}$/)),
      reason: fc.string({ maxLength: REASON_MAX_LENGTH }),
    });
    fc.assert(
      fc.property(validForm, (input) => {
        const result = validateRequestForm(input, { maxBandwidthKbps: 2000, clientCidr: '10.10.0.0/16' });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.form.userMail).toBe(input.userMail.trim());
        expect(result.form.bandwidthKbps).toBe(Number(input.bandwidthKbps.trim()));
        expect(result.form.clientIp).toBe(input.clientIp.trim());
        expect(result.form.userName).toBe(input.userName.trim());
      }),
      { numRuns: 1000 },
    );
  });

  it('reports each bad field independently of the others', () => {
    fc.assert(
      fc.property(formArb, limitsArb, fc.constantFrom(...FORM_FIELDS), (input, limits, field) => {
        const alone = validateRequestForm({ userMail: 'a@b.io', bandwidthKbps: '1', [field]: (input as Record<string, unknown>)[field] } as RequestFormInput, limits);
        const together = validateRequestForm(input as RequestFormInput, limits);
        const aloneError = alone.ok ? undefined : alone.errors[field];
        const togetherError = together.ok ? undefined : together.errors[field];
        expect(togetherError).toBe(aloneError);
      }),
      { numRuns: 1000 },
    );
  });
});
