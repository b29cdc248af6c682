import {
  DENY_REASON_MAX_LENGTH,
  EMAIL_MAX_LENGTH,
  PASSWORD_PATTERN,
  REASON_MAX_LENGTH,
  USER_NAME_PATTERN,
  isValidPassword,
  isValidUserName,
  requestFormSchema,
  validateDenyReason,
  validateRequestForm,
  type FormValidation,
  type RequestFormInput,
  type ValidationLimits,
} from '../../../src/domain/validation';

const limits: ValidationLimits = { maxBandwidthKbps: 2000 };
const withCidr: ValidationLimits = { maxBandwidthKbps: 2000, clientCidr: '10.10.0.0/16' };
const valid: RequestFormInput = { userMail: 'alice@example.com', bandwidthKbps: '512' };

function accepted(result: FormValidation) {
  if (!result.ok) throw new Error(`expected the form to pass, got ${JSON.stringify(result.errors)}`);
  return result.form;
}
function errorsOf(result: FormValidation) {
  if (result.ok) throw new Error(`expected the form to fail, got ${JSON.stringify(result.form)}`);
  return result.errors;
}
const check = (patch: Record<string, unknown>, l: ValidationLimits = limits) =>
  validateRequestForm({ ...valid, ...patch } as RequestFormInput, l);

describe('a well-formed request', () => {
  it('passes with only the required fields, leaving optional ones absent', () => {
    expect(accepted(check({}))).toEqual({ userMail: 'alice@example.com', bandwidthKbps: 512 });
  });

  it('passes with every field, trimmed', () => {
    const form = accepted(
      validateRequestForm(
        { userMail: '  alice@example.com ', bandwidthKbps: ' 20 ', clientIp: ' 10.10.0.5 ', userName: ' alice.w ', reason: '  on call  ' },
        withCidr,
      ),
    );
    expect(form).toEqual({ userMail: 'alice@example.com', bandwidthKbps: 20, clientIp: '10.10.0.5', userName: 'alice.w', reason: 'on call' });
  });

  it('treats empty and whitespace-only optional fields as absent', () => {
    const form = accepted(check({ clientIp: '   ', userName: '', reason: '\n\t ' }));
    expect(form).not.toHaveProperty('clientIp');
    expect(form).not.toHaveProperty('userName');
    expect(form).not.toHaveProperty('reason');
    expect(accepted(check({ clientIp: null, userName: null, reason: null }))).toEqual({ userMail: 'alice@example.com', bandwidthKbps: 512 });
  });

  it('ignores fields the form does not know', () => {
    expect(accepted(check({ password: 'x', isAdmin: true }))).toEqual({ userMail: 'alice@example.com', bandwidthKbps: 512 });
  });
});

describe('every bad field is reported at once, keyed by field', () => {
  it('reports all five fields together', () => {
    const errors = errorsOf(
      validateRequestForm(
        { userMail: 'nope', bandwidthKbps: '0', clientIp: '8.8.8.8', userName: 'ab', reason: 'x'.repeat(REASON_MAX_LENGTH + 1) },
        limits,
      ),
    );
    expect(Object.keys(errors).sort()).toEqual(['bandwidthKbps', 'clientIp', 'reason', 'userMail', 'userName']);
  });

  it('reports only the bad fields', () => {
    expect(Object.keys(errorsOf(check({ bandwidthKbps: 'abc', userName: '-bad-name' }))).sort()).toEqual(['bandwidthKbps', 'userName']);
  });

  it('asks for both required fields when the form is empty', () => {
    const errors = errorsOf(validateRequestForm({}, limits));
    expect(errors.userMail).toMatch(/e-mail/);
    expect(errors.bandwidthKbps).toMatch(/from 1 to 2000/);
    expect(Object.keys(errors).sort()).toEqual(['bandwidthKbps', 'userMail']);
  });

  it.each([null, undefined, 42, 'text', [], [1, 2], true])('treats a non-object input %p as an empty form', (input) => {
    const errors = errorsOf(validateRequestForm(input as unknown as RequestFormInput, limits));
    expect(Object.keys(errors).sort()).toEqual(['bandwidthKbps', 'userMail']);
  });

  it('turns non-string values into field errors, not crashes', () => {
    const errors = errorsOf(
      validateRequestForm({ userMail: 42, bandwidthKbps: 20, clientIp: {}, userName: [], reason: Symbol('x') } as unknown as RequestFormInput, limits),
    );
    expect(Object.keys(errors).sort()).toEqual(['bandwidthKbps', 'clientIp', 'reason', 'userMail', 'userName']);
  });

  it('survives an input whose getters throw', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); } });
    expect(() => validateRequestForm(hostile as RequestFormInput, limits)).not.toThrow();
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(() => validateRequestForm(proxy as RequestFormInput, limits)).not.toThrow();
  });

  it('answers every 3000+ character field with a clear error', () => {
    const huge = (c: string) => c.repeat(3500);
    const errors = errorsOf(
      validateRequestForm({ userMail: huge('a'), bandwidthKbps: huge('9'), clientIp: huge('1'), userName: huge('b'), reason: huge('r') }, withCidr),
    );
    expect(errors.userMail).toBe('An e-mail address can be at most 254 characters; this one has 3500.');
    expect(errors.bandwidthKbps).toBe('That is above the maximum; enter a whole number of Kbps from 1 to 2000.');
    expect(errors.clientIp).toMatch(/IPv4 address like 10\.0\.0\.5/);
    expect(errors.userName).toMatch(/7–33 characters.*this one has 3500/);
    expect(errors.reason).toBe('Keep the reason to 500 characters or fewer; it is 3500 now.');
    expect(errorsOf(check({ bandwidthKbps: huge('x') })).bandwidthKbps).toMatch(/digits only/);
  });
});

describe('e-mail', () => {
  it.each([
    ['Alice.Smith+vpn@Example.COM', 'Alice.Smith+vpn@example.com'],
    ['first_last@sub.example.co.uk', 'first_last@sub.example.co.uk'],
    ['a@b.io', 'a@b.io'],
    ['x@xn--80ak6aa92e.xn--p1ai', 'x@xn--80ak6aa92e.xn--p1ai'],
  ])('accepts %s as %s (domain lower-cased, local part kept)', (input, stored) => {
    expect(accepted(check({ userMail: input })).userMail).toBe(stored);
  });

  it.each([
    ['missing', undefined, /Enter the e-mail address/],
    ['empty', '   ', /Enter the e-mail address/],
    ['a space inside', 'alice smith@example.com', /Remove the spaces/],
    ['no @', 'alice.example.com', /needs an @/],
    ['no domain', 'alice@', /full domain/],
    ['no TLD', 'alice@example', /full domain/],
    ['a numeric TLD', 'alice@10.0.0.1', /domain after the @/],
    ['two @', 'alice@bob@example.com', /exactly one @/],
    ['a Cyrillic а look-alike', 'аlice@example.com', /not plain ASCII \(U\+0430\)/],
    ['a full-width @', 'alice＠example.com', /not plain ASCII \(U\+FF20\)/],
    ['a leading dot', '.alice@example.com', /before the @/],
    ['two dots in a row', 'alice..w@example.com', /before the @/],
    ['angle brackets', '<U123>@example.com', /before the @/],
    ['a domain starting with a hyphen', 'alice@-example.com', /domain after the @/],
    ['an empty label', 'alice@example..com', /domain after the @/],
    ['a one-letter TLD', 'alice@example.c', /domain after the @/],
  ])('refuses %s', (_why, userMail, message) => {
    const errors = errorsOf(check({ userMail }));
    expect(errors.userMail).toMatch(message);
    expect(errors.userMail).toMatch(/name@example\.com|Enter the e-mail address/);
  });

  it('refuses an address longer than 254 characters and says how long it is', () => {
    const userMail = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.com`;
    expect(userMail.length).toBe(EMAIL_MAX_LENGTH + 1);
    expect(errorsOf(check({ userMail })).userMail).toBe(`An e-mail address can be at most 254 characters; this one has 255.`);
  });
});

describe('bandwidth', () => {
  it.each([['1', 1], ['2000', 2000], [' 20 ', 20], ['0020', 20]])('accepts %j as %d', (bandwidthKbps, kbps) => {
    expect(accepted(check({ bandwidthKbps })).bandwidthKbps).toBe(kbps);
  });

  it.each(['0', '000', '-1', '2001', '1e3', '20.5', 'abc', '99999999999999999999', '+5', '0x10', '20 Kbps', '2,000', '２０', 'Infinity', 'NaN'])(
    'refuses %j and names the range',
    (bandwidthKbps) => {
      expect(errorsOf(check({ bandwidthKbps })).bandwidthKbps).toMatch(/from 1 to 2000/);
    },
  );

  it('says why a number is refused', () => {
    expect(errorsOf(check({ bandwidthKbps: '2001' })).bandwidthKbps).toBe(
      '2001 Kbps is above the maximum; enter a whole number of Kbps from 1 to 2000.',
    );
    expect(errorsOf(check({ bandwidthKbps: '0' })).bandwidthKbps).toMatch(/at least 1 Kbps/);
    expect(errorsOf(check({ bandwidthKbps: '1e3' })).bandwidthKbps).toMatch(/digits only/);
  });

  it('follows the configured maximum', () => {
    const l = { maxBandwidthKbps: 20000 };
    expect(accepted(check({ bandwidthKbps: '20000' }, l)).bandwidthKbps).toBe(20000);
    expect(errorsOf(check({ bandwidthKbps: '20001' }, l)).bandwidthKbps).toMatch(/from 1 to 20000/);
    expect(errorsOf(check({ bandwidthKbps: '600' }, { maxBandwidthKbps: 500 })).bandwidthKbps).toMatch(/from 1 to 500/);
  });

  it('falls back to the seed maximum when the setting is broken', () => {
    for (const maxBandwidthKbps of [NaN, -5, 0, 1.5, Infinity]) {
      expect(errorsOf(check({ bandwidthKbps: '2001' }, { maxBandwidthKbps })).bandwidthKbps).toMatch(/from 1 to 2000/);
    }
    expect(() => validateRequestForm(valid, null as unknown as ValidationLimits)).not.toThrow();
  });
});

describe('client IP', () => {
  it('accepts a private address without a configured range', () => {
    expect(accepted(check({ clientIp: '192.168.1.20' })).clientIp).toBe('192.168.1.20');
  });

  it('accepts an address inside the client range', () => {
    expect(accepted(check({ clientIp: '10.10.3.4' }, withCidr)).clientIp).toBe('10.10.3.4');
  });

  it.each([
    ['10.0.0.256', /IPv4 address like 10\.0\.0\.5/],
    ['010.0.0.1', /without leading zeros/],
    ['::1', /Only IPv4/],
    ['10.1.2.3/24', /without a \/prefix/],
    ['8.8.8.8', /8\.8\.8\.8 is a public address/],
    ['100.64.0.1', /public address/],
    ['10.0.0', /IPv4 address like/],
    ['ten.zero.zero.one', /IPv4 address like/],
  ])('refuses %j', (clientIp, message) => {
    expect(errorsOf(check({ clientIp })).clientIp).toMatch(message);
  });

  it('names the client range when the address is outside it', () => {
    expect(errorsOf(check({ clientIp: '10.11.0.5' }, withCidr)).clientIp).toBe(
      '10.11.0.5 is outside the client range 10.10.0.0/16; choose an address from 10.10.0.1 to 10.10.255.254 (client range 10.10.0.0/16), or leave it empty.',
    );
    expect(errorsOf(check({ clientIp: '8.8.8.8' }, withCidr)).clientIp).toMatch(/outside the client range 10\.10\.0\.0\/16/);
  });

  it('refuses the network and broadcast addresses of the range', () => {
    expect(errorsOf(check({ clientIp: '10.10.0.0' }, withCidr)).clientIp).toMatch(/network address of 10\.10\.0\.0\/16/);
    expect(errorsOf(check({ clientIp: '10.10.255.255' }, withCidr)).clientIp).toMatch(/broadcast address of 10\.10\.0\.0\/16/);
  });

  it('refuses a public address even when the configured range is public', () => {
    expect(errorsOf(check({ clientIp: '8.8.8.9' }, { maxBandwidthKbps: 2000, clientCidr: '8.8.8.0/24' })).clientIp).toMatch(/not a private/);
  });

  it('tells the person when the configured range itself is broken', () => {
    expect(errorsOf(check({ clientIp: '10.0.0.5' }, { maxBandwidthKbps: 2000, clientCidr: 'garbage' })).clientIp).toMatch(/setting is invalid/);
    expect(accepted(check({}, { maxBandwidthKbps: 2000, clientCidr: 'garbage' })).clientIp).toBeUndefined();
  });

  it('normalises an unaligned configured range', () => {
    expect(errorsOf(check({ clientIp: '10.10.0.0' }, { maxBandwidthKbps: 2000, clientCidr: '10.10.7.1/16' })).clientIp).toMatch(/10\.10\.0\.0\/16/);
  });
});

describe('user name', () => {
  it.each(['alice.w', 'Bob_1234', '7digits', 'a@b.c-d', 'x'.repeat(33)])('accepts %j', (userName) => {
    expect(accepted(check({ userName })).userName).toBe(userName);
  });

  it.each([
    ['too short', 'alice', /this one has 5/],
    ['too long', 'x'.repeat(34), /this one has 34/],
    ['starting with _', '_alice_w', /starts with something else/],
    ['starting with .', '.alice.w', /starts with something else/],
    ['with a space', 'alice wonder', /contains a space/],
    ['with a +', 'alice+wonder', /contains another character/],
    ['with a non-ASCII letter', 'ålice.wonder', /starts with something else/],
    ['with a mention', '<!channel>x', /starts with something else/],
  ])('refuses a name %s and states the rule', (_why, userName, detail) => {
    const message = errorsOf(check({ userName })).userName;
    expect(message).toMatch(/^User names are 7–33 characters of letters, digits and _ @ \. -, starting with a letter or digit/);
    expect(message).toMatch(detail);
  });
});

describe('reason', () => {
  it('accepts up to the limit, counting characters as people do', () => {
    expect(accepted(check({ reason: 'r'.repeat(REASON_MAX_LENGTH) })).reason).toHaveLength(REASON_MAX_LENGTH);
    expect(accepted(check({ reason: '😀'.repeat(REASON_MAX_LENGTH) })).reason).toBeDefined();
  });

  it('refuses more and says the limit and the current length', () => {
    expect(errorsOf(check({ reason: 'r'.repeat(REASON_MAX_LENGTH + 1) })).reason).toBe(
      'Keep the reason to 500 characters or fewer; it is 501 now.',
    );
  });
});

describe('validateDenyReason', () => {
  it('accepts a trimmed reason', () => {
    expect(validateDenyReason('  no business need ')).toEqual({ ok: true, reason: 'no business need' });
  });

  it.each(['', '   ', undefined, null, 5])('requires a reason (%p)', (text) => {
    const result = validateDenyReason(text as unknown as string);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/why|as text/);
  });

  it('limits its length', () => {
    expect(validateDenyReason('d'.repeat(DENY_REASON_MAX_LENGTH)).ok).toBe(true);
    expect(validateDenyReason('d'.repeat(3000))).toEqual({ ok: false, error: 'Keep the reason to 500 characters or fewer; it is 3000 now.' });
  });
});

describe('the API rules as predicates', () => {
  it('checks user names', () => {
    expect(isValidUserName('alice.w')).toBe(true);
    expect(isValidUserName('abcdef')).toBe(false);
    expect(isValidUserName('x'.repeat(34))).toBe(false);
    expect(isValidUserName('-abcdefg')).toBe(false);
    expect(isValidUserName('abcdefg\n')).toBe(false);
    expect(isValidUserName(1234567)).toBe(false);
    expect(USER_NAME_PATTERN.test('a'.repeat(7))).toBe(true);
  });

  it('checks passwords: no dot allowed, unlike user names', () => {
    expect(isValidPassword('Abcdef1_')).toBe(true);
    expect(isValidPassword('Abcdef1.')).toBe(false);
    expect(isValidPassword('_Abcdef1')).toBe(false);
    expect(isValidPassword('Abc1_@-')).toBe(false);
    expect(isValidPassword('A'.repeat(32))).toBe(true);
    expect(isValidPassword('A'.repeat(33))).toBe(false);
    expect(PASSWORD_PATTERN.test('Abcdefgh\n')).toBe(false);
  });
});

describe('requestFormSchema', () => {
  it('is a zod schema the rest of the app can reuse', () => {
    const parsed = requestFormSchema(limits).safeParse({ userMail: 'a@b.io', bandwidthKbps: '5' });
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ userMail: 'a@b.io', bandwidthKbps: 5 });
    const missing = requestFormSchema(limits).safeParse({ clientIp: '8.8.8.8' });
    expect(missing.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['bandwidthKbps', 'clientIp', 'userMail']);
  });
});
