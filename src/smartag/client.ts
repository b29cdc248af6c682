// The SmartAG cloud adapter: typed client-user calls on @alicloud/openapi-client, with bounded retries that never create twice.
import Credential from '@alicloud/credentials';
import OpenApiClient, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client';
import OpenApiUtil from '@alicloud/openapi-util';
import { RuntimeOptions } from '@alicloud/tea-util';
import { z } from 'zod';
import { explainAccessFailure, type CloudAccessCheck, type CloudAccessProblem } from '../domain/cloud-access';
import { CloudApiError } from '../domain/cloud-error';
import { isRetryableCloudFailure } from '../domain/cloud-errors';
import type { ProvisionedAccount } from '../domain/request';
import type { ClientUserCredentials, ClientUserPage, ClientUserQuery, ClientUserRecord, CreateClientUserInput, SmartagApi } from '../services/ports';

export const SMARTAG_API_VERSION = '2018-03-13';
const CREATE = 'CreateSmartAccessGatewayClientUser';
const DESCRIBE = 'DescribeSmartAccessGatewayClientUsers';
const DELETE = 'DeleteSmartAccessGatewayClientUser';
const RESET_PASSWORD = 'ResetSmartAccessGatewayClientUserPassword';
const DESCRIBE_MAX_PAGE_SIZE = 50;
// Below this much time left an attempt cannot finish, so the loop stops instead.
const MIN_ATTEMPT_MS = 50;

export interface SmartagRetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxTotalMs: number;
}

/** One HTTP call, reported to `onAttempt`; never carries parameters, so never a password. */
export interface SmartagAttempt {
  action: string;
  attempt: number;
  ok: boolean;
  code?: string;
  httpStatus?: number;
  ambiguous?: boolean;
  durationMs: number;
  elapsedMs: number;
  /** Set when the loop will try again after this many milliseconds. */
  retryInMs?: number;
  /** 'reconcile' when the call checks whether an unanswered create happened. */
  purpose: 'call' | 'reconcile';
}

export interface SmartagClientOptions {
  regionId: string;
  /** SAG_ENDPOINT: 'http://127.0.0.1:9000', 'https://smartag-vpc.cn-shanghai.aliyuncs.com' or a bare host (HTTPS). */
  endpoint?: string;
  /** An @alicloud/credentials Credential; default: the standard chain (env, STS, RAM role, ECS role, OIDC). */
  credential?: Credential;
  accessKeyId?: string;
  accessKeySecret?: string;
  connectTimeoutMs?: number;
  readTimeoutMs?: number;
  retry?: Partial<SmartagRetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onAttempt?: (info: SmartagAttempt) => void;
}

export interface SmartagEndpoint {
  protocol: 'HTTP' | 'HTTPS';
  /** host[:port], as openapi-client's Config.endpoint wants it. */
  host: string;
}

export type AccessProblem = CloudAccessProblem;
export type AccessCheck = CloudAccessCheck;

/** The public regional endpoint, e.g. smartag.cn-shanghai.aliyuncs.com. */
export function smartagEndpointFor(regionId: string): string {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(regionId)) throw new Error(`Not a region id: "${regionId}" (expected e.g. cn-shanghai)`);
  return `smartag.${regionId}.aliyuncs.com`;
}

/** Reads SAG_ENDPOINT; a bare host means HTTPS. */
export function parseEndpoint(s: string): SmartagEndpoint {
  const m = /^(?:(https?):\/\/)?([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?\/?$/i.exec(s.trim());
  const port = m?.[3] === undefined ? undefined : Number(m[3]);
  if (!m || (port !== undefined && (port < 1 || port > 65535))) {
    throw new Error(`Not a SmartAG endpoint: "${s}" (expected host[:port] or http(s)://host[:port])`);
  }
  const protocol = m[1]?.toLowerCase() === 'http' ? 'HTTP' : 'HTTPS';
  return { protocol, host: port === undefined ? m[2] : `${m[2]}:${port}` };
}

// ---------- response shapes (unknown fields tolerated) ----------

const wholeNumber = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);
const flag = z.union([z.boolean(), z.number(), z.string()]).transform((v) => v === true || v === 1 || v === '1' || v === 'true');

const createAnswer = z.object({
  RequestId: z.string(),
  UserName: z.string().min(1),
  UserMail: z.string(),
  Bandwidth: wholeNumber,
  ClientIp: z.string().nullish(),
  IsStaticIp: flag.nullish(),
});

const userRow = z.object({
  UserName: z.string().min(1),
  UserMail: z.string(),
  Bandwidth: wholeNumber,
  ClientIp: z.string().nullish(),
  IsStaticIp: flag.nullish(),
  State: z.string().nullish(),
});

const describeAnswer = z.object({
  RequestId: z.string(),
  TotalCount: wholeNumber,
  PageNumber: wholeNumber,
  PageSize: wholeNumber,
  // An empty instance may come back without the Users wrapper.
  Users: z.object({ User: z.array(userRow).nullish() }).nullish(),
});

const acknowledged = z.object({ RequestId: z.string() });

function parseAnswer<S extends z.ZodType>(schema: S, body: unknown, action: string): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((i) => i.path.join('.') || '(body)'))].join(', ');
  const requestId = typeof (body as { RequestId?: unknown })?.RequestId === 'string' ? (body as { RequestId: string }).RequestId : undefined;
  // A 200 to Create means the account may exist even though we cannot read the answer.
  throw new CloudApiError({ code: 'InvalidResponse', message: `SmartAG answered ${action} without the expected fields: ${fields}`, httpStatus: 200, cloudRequestId: requestId, ambiguous: true });
}

function toRecord(u: z.output<typeof userRow>): ClientUserRecord {
  return {
    userName: u.UserName,
    userMail: u.UserMail,
    bandwidthKbps: u.Bandwidth,
    ...(u.ClientIp ? { clientIp: u.ClientIp } : {}),
    isStaticIp: u.IsStaticIp ?? !!u.ClientIp,
    ...(u.State ? { state: u.State } : {}),
  };
}

// ---------- errors ----------

// These failures happen before a byte reaches the service, so a create cannot have happened.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID']);

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('***');
  return out.replace(/(Password=)[^&\s]*/gi, '$1***');
}

/** Maps whatever openapi-client threw to a CloudApiError whose message names no secret. */
export function toCloudApiError(err: unknown, host: string, secrets: readonly string[] = []): CloudApiError {
  if (err instanceof CloudApiError) return err;
  const e = (err ?? {}) as { code?: unknown; statusCode?: unknown; name?: unknown; message?: unknown; data?: Record<string, unknown> };
  const data = e.data && typeof e.data === 'object' ? e.data : {};
  const status = typeof e.statusCode === 'number' ? e.statusCode : typeof data.statusCode === 'number' ? data.statusCode : undefined;
  const cloudRequestId = typeof data.RequestId === 'string' ? data.RequestId : undefined;
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : '';
  const errno = typeof e.code === 'string' ? e.code : '';
  if (status !== undefined) {
    const sent = typeof data.Code === 'string' && data.Code ? data.Code : errno && errno !== 'undefined' ? errno : undefined;
    const code = sent ?? (status === 503 ? 'ServiceUnavailable' : status >= 500 ? 'InternalError' : `Http${status}`);
    const text = typeof data.Message === 'string' && data.Message ? data.Message : `HTTP ${status}`;
    // A 5xx other than 503 may come after the service acted.
    return new CloudApiError({ code, message: scrub(`${code}: ${text}`, secrets), httpStatus: status, cloudRequestId, ambiguous: status >= 500 && status !== 503 });
  }
  if (errno === 'InvalidCredentials' || /credential/i.test(message)) {
    return new CloudApiError({ code: 'InvalidCredentials', message: 'No usable Alibaba Cloud credentials (AccessKey, STS, RAM role or OIDC) were found.' });
  }
  if (/timeout/i.test(name) || /timeout/i.test(message) || errno === 'ETIMEDOUT') {
    // httpx reports an idle socket after sending as "ConnectTimeout" too, so every timeout may have reached the service.
    return new CloudApiError({ code: 'Timeout', message: `SmartAG at ${host} did not answer in time.`, ambiguous: true });
  }
  if (errno && /^E[A-Z]+$|_/.test(errno)) {
    return new CloudApiError({ code: 'NetworkError', message: `Could not talk to SmartAG at ${host} (${errno}).`, ambiguous: !NOT_SENT.has(errno) });
  }
  if (err instanceof SyntaxError) {
    return new CloudApiError({ code: 'InvalidResponse', message: `SmartAG at ${host} answered with a body that is not JSON.`, ambiguous: true });
  }
  return new CloudApiError({ code: 'InternalError', message: `Unexpected error while calling SmartAG at ${host}: ${name || 'Error'}.`, ambiguous: true });
}

// ---------- the client ----------

export class SmartagClient implements SmartagApi {
  readonly endpoint: SmartagEndpoint;
  private readonly api: OpenApiClient;
  private readonly retry: SmartagRetryPolicy;
  private readonly connectTimeoutMs: number;
  private readonly readTimeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly secrets: string[];

  constructor(private readonly options: SmartagClientOptions) {
    this.endpoint = parseEndpoint(options.endpoint ?? smartagEndpointFor(options.regionId));
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5000;
    this.readTimeoutMs = options.readTimeoutMs ?? 10000;
    this.retry = { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 3000, maxTotalMs: 15000, ...options.retry };
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.secrets = options.accessKeySecret ? [options.accessKeySecret] : [];
    // Half a key pair would silently fall back to the default chain and sign as someone else.
    if (!options.accessKeyId !== !options.accessKeySecret) throw new Error('SmartagClient: accessKeyId and accessKeySecret must be given together');
    const explicitKey = options.accessKeyId && options.accessKeySecret;
    this.api = new OpenApiClient(
      new Config({
        endpoint: this.endpoint.host,
        protocol: this.endpoint.protocol,
        regionId: options.regionId,
        connectTimeout: this.connectTimeoutMs,
        readTimeout: this.readTimeoutMs,
        ...(explicitKey
          ? { accessKeyId: options.accessKeyId, accessKeySecret: options.accessKeySecret }
          : { credential: options.credential ?? new Credential() }),
      }),
    );
  }

  /** Creates the account once: an unanswered attempt is settled with Describe before any retry. */
  async createClientUser(input: CreateClientUserInput): Promise<ProvisionedAccount> {
    const query = {
      RegionId: input.regionId,
      SmartAGId: input.instanceId,
      UserMail: input.userMail,
      Bandwidth: input.bandwidthKbps,
      ClientIp: input.clientIp,
      UserName: input.credentials?.userName,
      Password: input.credentials?.password,
    };
    const secrets = input.credentials?.password ? [input.credentials.password] : [];
    const deadline = Date.now() + this.retry.maxTotalMs;
    let mayExist = false;
    const settle = async (attempt: number, timeoutMs: number, cause: CloudApiError): Promise<ProvisionedAccount | undefined> => {
      try {
        return await this.findCreatedAccount(input, attempt, timeoutMs, deadline);
      } catch {
        // Not knowing whether the account exists, we must not create again: report the create's own failure.
        throw cause;
      }
    };
    try {
      return await this.withRetries(CREATE, deadline, async (attempt, timeoutMs, last) => {
        if (mayExist) {
          const found = await settle(attempt, timeoutMs, last!);
          if (found) return found;
        }
        try {
          const body = await this.callOnce(CREATE, query, timeoutMs, secrets);
          const answer = parseAnswer(createAnswer, body, CREATE);
          const clientIp = answer.ClientIp || undefined;
          return { userName: answer.UserName, userMail: answer.UserMail, bandwidthKbps: answer.Bandwidth, ...(clientIp ? { clientIp } : {}), isStaticIp: answer.IsStaticIp ?? !!clientIp, cloudRequestId: answer.RequestId };
        } catch (err) {
          const failure = toCloudApiError(err, this.endpoint.host, secrets);
          // Our own unanswered attempt may be the user that now "already exists".
          if (mayExist && failure.code === 'ClientUser.UserExist') {
            const found = await settle(attempt, timeoutMs, failure);
            if (found) return found;
          }
          if (failure.ambiguous) mayExist = true;
          throw failure;
        }
      });
    } catch (err) {
      const failure = toCloudApiError(err, this.endpoint.host, secrets);
      if (!failure.ambiguous) throw failure;
      // The last attempt went unanswered: look once more so a created account is not reported as failed.
      const timeoutMs = Math.min(this.readTimeoutMs, Math.max(deadline - Date.now(), 1000));
      const found = await settle(this.retry.maxAttempts + 1, timeoutMs, failure);
      if (found) return found;
      throw failure;
    }
  }

  async describeClientUsers(q: ClientUserQuery): Promise<ClientUserPage> {
    const query = { RegionId: q.regionId, SmartAGId: q.instanceId, UserName: q.userName, UserMail: q.userMail, PageNumber: q.pageNumber, PageSize: q.pageSize };
    const deadline = Date.now() + this.retry.maxTotalMs;
    return this.withRetries(DESCRIBE, deadline, async (_attempt, timeoutMs) => this.describeOnce(query, timeoutMs));
  }

  async deleteClientUser(input: { regionId: string; instanceId: string; userName: string }): Promise<{ cloudRequestId?: string }> {
    const query = { RegionId: input.regionId, SmartAGId: input.instanceId, UserName: input.userName };
    const deadline = Date.now() + this.retry.maxTotalMs;
    let mayBeGone = false;
    return this.withRetries(DELETE, deadline, async (_attempt, timeoutMs) => {
      try {
        return { cloudRequestId: parseAnswer(acknowledged, await this.callOnce(DELETE, query, timeoutMs), DELETE).RequestId };
      } catch (err) {
        const failure = toCloudApiError(err, this.endpoint.host, this.secrets);
        // An earlier unanswered delete did the work.
        if (mayBeGone && failure.code === 'ClientUser.UserNotExist') return {};
        if (failure.ambiguous) mayBeGone = true;
        throw failure;
      }
    });
  }

  async resetClientUserPassword(input: { regionId: string; instanceId: string; credentials: ClientUserCredentials }): Promise<{ cloudRequestId?: string }> {
    const query = { RegionId: input.regionId, SmartAGId: input.instanceId, UserName: input.credentials.userName, Password: input.credentials.password };
    const secrets = input.credentials.password ? [input.credentials.password] : [];
    const deadline = Date.now() + this.retry.maxTotalMs;
    // Setting the same password twice is harmless, so plain retries are safe.
    return this.withRetries(RESET_PASSWORD, deadline, async (_attempt, timeoutMs) => ({
      cloudRequestId: parseAnswer(acknowledged, await this.callOnce(RESET_PASSWORD, query, timeoutMs, secrets), RESET_PASSWORD).RequestId,
    }));
  }

  /** A cheap Describe that tells the operator, in one sentence, what is wrong with the setup. */
  async checkAccess(regionId: string, instanceId: string): Promise<AccessCheck> {
    try {
      const page = await this.describeClientUsers({ regionId, instanceId, pageSize: 1 });
      return { ok: true, totalUsers: page.totalCount };
    } catch (err) {
      const e = toCloudApiError(err, this.endpoint.host, this.secrets);
      const endpoint = `${this.endpoint.protocol.toLowerCase()}://${this.endpoint.host}`;
      const regionalEndpoint = /^[a-z0-9]+(-[a-z0-9]+)*$/.test(regionId) ? smartagEndpointFor(regionId) : 'smartag.<region>.aliyuncs.com';
      const explained = explainAccessFailure(e.code, { regionId, instanceId, endpoint, regionalEndpoint }, 'en');
      return { ok: false, code: e.code, cloudRequestId: e.cloudRequestId, endpoint, ...explained };
    }
  }

  // ---------- plumbing ----------

  private async describeOnce(query: Record<string, unknown>, timeoutMs: number): Promise<ClientUserPage> {
    const answer = parseAnswer(describeAnswer, await this.callOnce(DESCRIBE, query, timeoutMs), DESCRIBE);
    return {
      totalCount: answer.TotalCount,
      pageNumber: answer.PageNumber,
      pageSize: answer.PageSize,
      users: (answer.Users?.User ?? []).map(toRecord),
      cloudRequestId: answer.RequestId,
    };
  }

  /** One Describe for exactly the account this create would have made; undefined when it is not there. */
  private async findCreatedAccount(input: CreateClientUserInput, attempt: number, timeoutMs: number, deadline: number): Promise<ProvisionedAccount | undefined> {
    const userName = input.credentials?.userName || input.userMail;
    const query = {
      RegionId: input.regionId,
      SmartAGId: input.instanceId,
      ...(input.credentials?.userName ? { UserName: userName } : { UserMail: input.userMail }),
      PageSize: DESCRIBE_MAX_PAGE_SIZE,
    };
    const started = Date.now();
    try {
      const page = await this.describeOnce(query, timeoutMs);
      this.report({ action: DESCRIBE, attempt, ok: true, durationMs: Date.now() - started, elapsedMs: this.retry.maxTotalMs - (deadline - Date.now()), purpose: 'reconcile' });
      // Same name but another e-mail is someone else's account, not ours.
      const mine = page.users.find((u) => u.userName === userName && u.userMail.toLowerCase() === input.userMail.toLowerCase());
      if (!mine) return undefined;
      return { userName: mine.userName, userMail: mine.userMail, bandwidthKbps: mine.bandwidthKbps, ...(mine.clientIp ? { clientIp: mine.clientIp } : {}), isStaticIp: mine.isStaticIp, cloudRequestId: page.cloudRequestId };
    } catch (err) {
      const e = toCloudApiError(err, this.endpoint.host, this.secrets);
      this.report({ action: DESCRIBE, attempt, ok: false, code: e.code, httpStatus: e.httpStatus, ambiguous: e.ambiguous, durationMs: Date.now() - started, elapsedMs: this.retry.maxTotalMs - (deadline - Date.now()), purpose: 'reconcile' });
      throw e;
    }
  }

  /** Full-jitter exponential back-off, bounded by attempts and by the deadline; only retryable failures loop. */
  private async withRetries<T>(action: string, deadline: number, once: (attempt: number, timeoutMs: number, last?: CloudApiError) => Promise<T>): Promise<T> {
    const startedAt = deadline - this.retry.maxTotalMs;
    let last: CloudApiError | undefined;
    for (let attempt = 1; ; attempt += 1) {
      const started = Date.now();
      // The last attempt gets only what is left of the budget, so a hang cannot overrun maxTotalMs.
      const timeoutMs = Math.max(MIN_ATTEMPT_MS, Math.min(this.readTimeoutMs, deadline - started));
      try {
        const value = await once(attempt, timeoutMs, last);
        this.report({ action, attempt, ok: true, durationMs: Date.now() - started, elapsedMs: Date.now() - startedAt, purpose: 'call' });
        return value;
      } catch (err) {
        last = toCloudApiError(err, this.endpoint.host, this.secrets);
        const retryInMs = this.nextDelay(last, attempt, deadline);
        this.report({ action, attempt, ok: false, code: last.code, httpStatus: last.httpStatus, ambiguous: last.ambiguous, durationMs: Date.now() - started, elapsedMs: Date.now() - startedAt, retryInMs, purpose: 'call' });
        if (retryInMs === undefined) throw last;
        await this.sleep(retryInMs);
      }
    }
  }

  private nextDelay(failure: CloudApiError, attempt: number, deadline: number): number | undefined {
    if (!isRetryableCloudFailure(failure.code, failure.httpStatus)) return undefined;
    if (attempt >= this.retry.maxAttempts) return undefined;
    const cap = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    const delayMs = Math.floor(this.random() * cap);
    if (Date.now() + delayMs + MIN_ATTEMPT_MS > deadline) return undefined;
    return delayMs;
  }

  private async callOnce(action: string, query: Record<string, unknown>, timeoutMs: number, secrets: readonly string[] = []): Promise<unknown> {
    const params = new Params({ action, version: SMARTAG_API_VERSION, protocol: this.endpoint.protocol, pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
    const request = new OpenApiRequest({ query: OpenApiUtil.query(query) });
    // openapi-client must not retry on its own: this class's loop is the only one.
    const runtime = new RuntimeOptions({ autoretry: false, maxAttempts: 0, readTimeout: timeoutMs, connectTimeout: Math.min(this.connectTimeoutMs, timeoutMs) });
    try {
      const res = await this.api.callApi(params, request, runtime);
      return (res as { body?: unknown }).body;
    } catch (err) {
      throw toCloudApiError(err, this.endpoint.host, [...this.secrets, ...secrets]);
    }
  }

  private report(info: SmartagAttempt): void {
    try {
      this.options.onAttempt?.(info);
    } catch {
      // A broken observer must not change the outcome of a cloud call.
    }
  }
}
