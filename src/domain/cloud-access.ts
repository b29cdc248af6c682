// What a start-up check of the cloud set-up found, and the one sentence that tells the operator what to fix.
import { describeCloudFailure, isRetryableCloudFailure, type BotLocale } from './cloud-errors';

export type CloudAccessProblem = 'credentials' | 'endpoint' | 'instance' | 'permission' | 'unavailable' | 'other';

export type CloudAccessCheck =
  | { ok: true; totalUsers: number }
  | {
      ok: false;
      code: string;
      problem: CloudAccessProblem;
      /** For the operator, in English (the log line). */
      sentence: string;
      cloudRequestId?: string;
      /** Where the bot called, e.g. https://smartag.cn-shanghai.aliyuncs.com; never a secret. */
      endpoint?: string;
    };

export interface CloudAccessContext {
  regionId: string;
  instanceId: string;
  /** The endpoint the bot called, with its scheme. */
  endpoint: string;
  /** The public regional endpoint the operator should compare it with. */
  regionalEndpoint: string;
}

type Explain = (code: string, c: CloudAccessContext) => string;
const SENTENCES: Record<'keyId' | 'secret' | 'instance' | 'endpoint' | 'busy', Record<BotLocale, Explain>> = {
  keyId: {
    en: (code) => `Alibaba Cloud does not know the bot's AccessKey ID (${code}): check ALIBABA_CLOUD_ACCESS_KEY_ID or the configured credential source.`,
    'zh-CN': (code) => `阿里云找不到机器人使用的 AccessKey ID（${code}）：请检查 ALIBABA_CLOUD_ACCESS_KEY_ID 或所配置的凭据来源。`,
  },
  secret: {
    en: (code) => `The AccessKey secret does not belong to the AccessKey ID (${code}): check ALIBABA_CLOUD_ACCESS_KEY_SECRET.`,
    'zh-CN': (code) => `AccessKey Secret 与 AccessKey ID 不匹配（${code}）：请检查 ALIBABA_CLOUD_ACCESS_KEY_SECRET。`,
  },
  instance: {
    en: (code, c) => `SmartAG instance "${c.instanceId}" was not found in region ${c.regionId} at ${c.endpoint} (${code}): check the instance ID, and that the region matches the instance.`,
    'zh-CN': (code, c) => `在 ${c.endpoint} 的地域 ${c.regionId} 中找不到智能接入网关实例“${c.instanceId}”（${code}）：请核对实例 ID，以及地域是否与实例一致。`,
  },
  endpoint: {
    en: (code, c) => `Could not use the SmartAG API at ${c.endpoint} for region ${c.regionId} (${code}): check SAG_ENDPOINT (expected ${c.regionalEndpoint} or a reachable VPC endpoint) and the network path.`,
    'zh-CN': (code, c) => `无法通过 ${c.endpoint} 调用地域 ${c.regionId} 的 SmartAG 接口（${code}）：请检查 SAG_ENDPOINT（应为 ${c.regionalEndpoint} 或可访问的 VPC 接入点）及网络连通性。`,
  },
  busy: {
    en: (code, c) => `SmartAG at ${c.endpoint} is busy or unavailable right now (${code}); try again later.`,
    'zh-CN': (code, c) => `${c.endpoint} 上的 SmartAG 当前繁忙或不可用（${code}），请稍后再试。`,
  },
};

/** Sorts a failed check into what the operator must look at, with a sentence naming the setting to fix. */
export function explainAccessFailure(code: string, context: CloudAccessContext, locale: BotLocale = 'en'): { problem: CloudAccessProblem; sentence: string } {
  const lang: BotLocale = locale === 'zh-CN' ? 'zh-CN' : 'en';
  const say = (key: keyof typeof SENTENCES) => SENTENCES[key][lang](code, context);
  switch (code) {
    case 'InvalidAccessKeyId.NotFound':
      return { problem: 'credentials', sentence: say('keyId') };
    case 'SignatureDoesNotMatch':
      return { problem: 'credentials', sentence: say('secret') };
    case 'InvalidCredentials':
    case 'InvalidTimeStamp.Expired':
      return { problem: 'credentials', sentence: describeCloudFailure(code, lang).operator };
    case 'InvalidSmartAGId.NotFound':
    case 'MissingSmartAGId':
      return { problem: 'instance', sentence: say('instance') };
    case 'Forbidden.RAM':
      return { problem: 'permission', sentence: describeCloudFailure(code, lang).operator };
    case 'MissingRegionId':
    case 'InvalidAction.NotFound':
    case 'InvalidResponse':
    case 'NetworkError':
    case 'Timeout':
      return { problem: 'endpoint', sentence: say('endpoint') };
    default:
      if (isRetryableCloudFailure(code)) return { problem: 'unavailable', sentence: say('busy') };
      return { problem: 'other', sentence: describeCloudFailure(code, lang).operator };
  }
}
