import { CLOUD_ERROR_CODES, SEED_CREATE_ERROR_CODES, describeCloudFailure, isRetryableCloudFailure, type BotLocale } from '../../../src/domain/cloud-errors';

// The descriptions column of the seed's error table, word for word.
const SEED_DESCRIPTIONS: Record<string, string> = {
  'ClientUser.BandwidthInvalid': '用户带宽非法',
  'ClientUser.EmailEmpty': '用户邮箱不能为空',
  'ClientUser.EmailInvalid': '用户邮箱格式非法',
  'ClientUser.InvalidClientIp': '非法的用户IP',
  'ClientUser.IpEmpty': '未指定静态IP',
  'ClientUser.IpInvalid': '指定的静态IP非法',
  'ClientUser.NameEmpty': '用户名不能为空',
  'ClientUser.NameInvalid': '用户名格式非法',
  'ClientUser.UserExist': '用户已经存在',
  'ClientUser.UserOverLimit': '用户数已超限',
  'SAG.CidrEmpty': '智能网关地址段为空',
};

const PLATFORM_CODES = [
  'SignatureDoesNotMatch',
  'InvalidAccessKeyId.NotFound',
  'Forbidden.RAM',
  'Throttling',
  'Throttling.User',
  'Throttling.Api',
  'ServiceUnavailable',
  'InternalError',
  'Timeout',
  'NetworkError',
  'InvalidResponse',
];
const LOCALES: BotLocale[] = ['en', 'zh-CN'];

describe('the cloud failure catalogue', () => {
  it('covers the eleven seed codes and the platform codes by name', () => {
    expect([...SEED_CREATE_ERROR_CODES].sort()).toEqual(Object.keys(SEED_DESCRIPTIONS).sort());
    for (const code of [...Object.keys(SEED_DESCRIPTIONS), ...PLATFORM_CODES]) expect(CLOUD_ERROR_CODES).toContain(code);
  });

  it.each(Object.entries(SEED_DESCRIPTIONS))('tells the Chinese reader what the seed says for %s', (code, seedText) => {
    const zh = describeCloudFailure(code, 'zh-CN');
    expect(`${zh.requester} ${zh.operator}`).toContain(seedText);
    expect(zh.operator).toContain(code);
  });

  it.each([...Object.keys(SEED_DESCRIPTIONS), ...PLATFORM_CODES])('has its own sentences for %s in both languages', (code) => {
    for (const locale of LOCALES) {
      const d = describeCloudFailure(code, locale);
      expect(d.requester.length).toBeGreaterThan(20);
      expect(d.operator).toContain(code);
      expect(d.operator).not.toMatch(/unlisted error code|未收录的错误码/);
    }
  });

  it('never asks for a retry of a rejected request, only of busy or unreachable service', () => {
    for (const code of SEED_CREATE_ERROR_CODES) expect(describeCloudFailure(code, 'en').retryable).toBe(false);
    for (const code of ['SignatureDoesNotMatch', 'InvalidAccessKeyId.NotFound', 'Forbidden.RAM', 'InvalidResponse']) {
      expect(describeCloudFailure(code, 'en').retryable).toBe(false);
    }
    for (const code of ['Throttling', 'Throttling.User', 'Throttling.Api', 'ServiceUnavailable', 'InternalError', 'Timeout', 'NetworkError']) {
      expect(describeCloudFailure(code, 'en').retryable).toBe(true);
    }
  });

  it('promises a retry only where approvers get a Retry button', () => {
    for (const code of CLOUD_ERROR_CODES) {
      const en = describeCloudFailure(code, 'en');
      const zh = describeCloudFailure(code, 'zh-CN');
      const promises = /\bretry\b/i.test(`${en.requester} ${en.operator}`) || /重试/.test(`${zh.requester} ${zh.operator}`);
      expect({ code, promises }).toEqual({ code, promises: en.retryable });
    }
  });

  it('tells the operator which RAM policy to attach when access is forbidden', () => {
    for (const locale of LOCALES) {
      const { operator } = describeCloudFailure('Forbidden.RAM', locale);
      expect(operator).toContain('AliyunSmartAGFullAccess');
      expect(operator).toContain('smartag:CreateSmartAccessGatewayClientUser');
    }
  });

  it('points the operator at the quota, the CIDR and the existing account', () => {
    expect(describeCloudFailure('ClientUser.UserOverLimit', 'en').operator).toMatch(/quota/);
    expect(describeCloudFailure('SAG.CidrEmpty', 'en').operator).toMatch(/CIDR/);
    expect(describeCloudFailure('ClientUser.UserExist', 'en').requester).toMatch(/different user name/);
  });

  it('names an unknown code in a generic sentence and does not promise a retry', () => {
    for (const locale of LOCALES) {
      const d = describeCloudFailure('Quota.Weird', locale);
      expect(d.requester).toContain('Quota.Weird');
      expect(d.operator).toContain('Quota.Weird');
      expect(d.retryable).toBe(false);
    }
    // Names inherited from Object.prototype are not catalogue entries.
    expect(describeCloudFailure('constructor', 'en').operator).toContain('constructor');
  });

  it('treats new throttling flavours as throttling, and unknown 5xx as retryable', () => {
    expect(describeCloudFailure('Throttling.Concurrency', 'en').retryable).toBe(true);
    expect(isRetryableCloudFailure('Throttling.Concurrency')).toBe(true);
    expect(isRetryableCloudFailure('Gateway.Odd', 502)).toBe(true);
    expect(isRetryableCloudFailure('Gateway.Odd', 400)).toBe(false);
    expect(isRetryableCloudFailure('ClientUser.UserExist', 500)).toBe(false);
  });
});
