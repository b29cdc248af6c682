// A local SmartAG (2018-03-13) endpoint: verifies ACS3-HMAC-SHA256 like Alibaba Cloud and keeps its own copy of the seed's rules.
//
// Error-code choices where the seed is silent (documented here, mirrored in domain/cloud-errors.ts):
// - RegionId / SmartAGId absent → 400 MissingRegionId / MissingSmartAGId (the gateway's "Missing<Param>" pattern).
// - SmartAGId unknown, or known but in another region → 404 InvalidSmartAGId.NotFound (instances are region-scoped).
// - ClientIp present but blank → ClientUser.IpEmpty; not dotted-quad IPv4 → ClientUser.IpInvalid;
//   outside the instance CIDR, its network/broadcast address, or held by another static user → ClientUser.InvalidClientIp.
// - UserName without Password → ClientUser.PasswordEmpty; Password breaking its rule → ClientUser.PasswordInvalid.
// - Bandwidth absent, not an integer, <1 or > maxBandwidthKbps → ClientUser.BandwidthInvalid.
// - Delete / Reset of an unknown user → ClientUser.UserNotExist.
// - Bad PageNumber / PageSize (not 1..50) → 400 InvalidParameter.
// - Create answers ClientIp only for a static address: the real service assigns dynamic addresses on connect.
// - A hung call ("hangNext") does NOT perform the operation; a lost response ("loseResponseNext") does.
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import querystring from 'node:querystring';

export const SMARTAG_API_VERSION = '2018-03-13';

export interface EmulatorAccessKey {
  id: string;
  secret: string;
}

export interface EmulatedInstance {
  regionId: string;
  instanceId: string;
  /** Private client block, e.g. 10.10.0.0/24; absent → SAG.CidrEmpty on create. */
  clientCidr?: string;
  /** Default 100. */
  userQuota?: number;
  /** Default 2000 (the seed's maximum). */
  maxBandwidthKbps?: number;
}

export interface SmartagEmulatorOptions {
  accessKeys: EmulatorAccessKey[];
  instances: EmulatedInstance[];
  host?: string;
  port?: number;
  /** Actions the calling identity's RAM policy does not allow (→ 403 Forbidden.RAM). */
  deniedActions?: string[];
}

export interface EmulatorFaults {
  /** Delay before every answer. */
  latencyMs?: number;
  /** Every Nth authenticated call answers 400 Throttling.User. */
  throttleEveryNth?: number;
  /** The next N authenticated calls answer 503 ServiceUnavailable. */
  serverErrorNext?: number;
  /** The next N authenticated calls are accepted and never answered (the operation is not performed). */
  hangNext?: number;
  /** The next N authenticated calls are performed, then the socket is destroyed without an answer. */
  loseResponseNext?: number;
}

export interface EmulatorCall {
  action: string;
  /** Query parameters as received, Password replaced by '***'. */
  params: Record<string, string>;
  /** null when no answer was sent (hung or lost). */
  httpStatus: number | null;
  /** Error code, when the call failed (also for a lost response whose operation failed). */
  code?: string;
  outcome: 'answered' | 'hung' | 'lost';
  at: Date;
}

/** A client user as a test may see it; the password is never exposed. */
export interface EmulatedClientUser {
  userName: string;
  userMail: string;
  bandwidthKbps: number;
  clientIp?: string;
  isStaticIp: boolean;
  state: string;
  createdAt: Date;
}

interface StoredUser extends EmulatedClientUser {
  passwordSha256?: string;
}

interface InstanceState {
  config: Required<Omit<EmulatedInstance, 'clientCidr'>> & { clientCidr?: string };
  users: Map<string, StoredUser>;
}

type Params = Record<string, string>;
type Operation = (params: Params) => Record<string, unknown>;

class ApiFailure extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function fail(httpStatus: number, code: string, message: string): never {
  throw new ApiFailure(httpStatus, code, message);
}

// ---------- the seed's rules, kept here on purpose (not imported from domain/) ----------

const USER_NAME_RULE = /^[A-Za-z0-9][A-Za-z0-9_@.-]{6,32}$/;
const PASSWORD_RULE = /^[A-Za-z0-9][A-Za-z0-9_@-]{7,31}$/;
const EMAIL_RULE = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
const IPV4_RULE = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);
const MAX_PAGE_SIZE = 50;
const CLOCK_SKEW_MS = 15 * 60 * 1000;

function ipToNumber(ip: string): number | undefined {
  if (!IPV4_RULE.test(ip)) return undefined;
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

function parseCidr(cidr: string): { network: number; size: number } | undefined {
  const [ip, prefixText] = cidr.split('/');
  const base = ipToNumber(ip ?? '');
  const prefix = Number(prefixText);
  if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  return { network: base - (base % size), size };
}

const blank = (v: string | undefined): boolean => v === undefined || v.trim() === '';
const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

// ---------- the server ----------

export class SmartagEmulator {
  private server?: http.Server;
  private readonly instances = new Map<string, InstanceState>();
  private readonly usedNonces = new Map<string, number>();
  private readonly openSockets = new Set<Socket>();
  private readonly recorded: EmulatorCall[] = [];
  private faults: EmulatorFaults = {};
  private authenticatedCalls = 0;

  constructor(private readonly options: SmartagEmulatorOptions) {
    this.loadInstances();
  }

  /** Every call received, oldest first. */
  get calls(): readonly EmulatorCall[] {
    return this.recorded;
  }

  async start(): Promise<{ endpoint: string; url: string }> {
    if (this.server) throw new Error('SmartagEmulator already started');
    const server = http.createServer((req, res) => {
      void this.handle(req, res);
    });
    server.on('connection', (socket) => {
      this.openSockets.add(socket);
      socket.on('close', () => this.openSockets.delete(socket));
    });
    this.server = server;
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return { endpoint: `${host}:${port}`, url: `http://${host}:${port}` };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    // Hung calls hold their sockets open; close everything so the process can exit.
    for (const socket of this.openSockets) socket.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  users(instanceId: string): EmulatedClientUser[] {
    const state = this.instances.get(instanceId);
    if (!state) return [];
    return [...state.users.values()].map(({ passwordSha256: _hidden, ...visible }) => ({ ...visible }));
  }

  /** Lets a test check a reset without ever reading the password back. */
  passwordMatches(instanceId: string, userName: string, password: string): boolean {
    const user = this.instances.get(instanceId)?.users.get(userName);
    return !!user?.passwordSha256 && user.passwordSha256 === sha256Hex(password);
  }

  setFaults(faults: EmulatorFaults): void {
    this.faults = { ...faults };
    this.authenticatedCalls = 0;
  }

  clearFaults(): void {
    this.setFaults({});
  }

  /** Forgets users, calls, nonces and faults. */
  reset(): void {
    this.loadInstances();
    this.recorded.length = 0;
    this.usedNonces.clear();
    this.clearFaults();
  }

  private loadInstances(): void {
    this.instances.clear();
    for (const i of this.options.instances) {
      this.instances.set(i.instanceId, {
        config: { regionId: i.regionId, instanceId: i.instanceId, clientCidr: i.clientCidr, userQuota: i.userQuota ?? 100, maxBandwidthKbps: i.maxBandwidthKbps ?? 2000 },
        users: new Map(),
      });
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const [path, rawQuery = ''] = (req.url ?? '/').split('?', 2);
    const params = firstValues(querystring.parse(rawQuery));
    const action = headerValue(req, 'x-acs-action') ?? params.Action ?? '';
    const call: EmulatorCall = { action, params: maskPassword(params), httpStatus: null, outcome: 'answered', at: new Date() };
    this.recorded.push(call);
    try {
      if (req.method !== 'POST' || path !== '/') fail(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
      this.authenticate(req, path, params, body);
      if (headerValue(req, 'x-acs-version') !== SMARTAG_API_VERSION) fail(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
      const operation = this.operation(action);
      if (!operation) fail(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
      if (this.options.deniedActions?.includes(action)) {
        fail(403, 'Forbidden.RAM', "User not authorized to operate on the specified resource, or this API doesn't support RAM.");
      }
      this.authenticatedCalls += 1;
      if (this.faults.latencyMs) await delay(this.faults.latencyMs);
      if (this.take('hangNext')) {
        call.outcome = 'hung';
        return;
      }
      if (this.take('serverErrorNext')) fail(503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.');
      const nth = this.faults.throttleEveryNth;
      if (nth && nth > 0 && this.authenticatedCalls % nth === 0) fail(400, 'Throttling.User', 'Request was denied due to user flow control.');
      const lose = this.take('loseResponseNext');
      let answer: { status: number; body: Record<string, unknown> };
      try {
        answer = { status: 200, body: { RequestId: requestId(), ...operation!(params) } };
      } catch (err) {
        if (!lose) throw err;
        call.code = err instanceof ApiFailure ? err.code : 'InternalError';
        answer = { status: 0, body: {} };
      }
      if (lose) {
        call.outcome = 'lost';
        req.socket.destroy();
        return;
      }
      call.httpStatus = answer.status;
      send(res, answer.status, answer.body);
    } catch (err) {
      const failure = err instanceof ApiFailure ? err : new ApiFailure(500, 'InternalError', 'The request processing has failed due to some unknown error.');
      call.httpStatus = failure.httpStatus;
      call.code = failure.code;
      send(res, failure.httpStatus, {
        RequestId: requestId(),
        HostId: headerValue(req, 'host') ?? 'smartag.aliyuncs.com',
        Code: failure.code,
        Message: failure.message,
        Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(failure.code)}&product=Smartag`,
      });
    }
  }

  private take(fault: 'hangNext' | 'serverErrorNext' | 'loseResponseNext'): boolean {
    const left = this.faults[fault] ?? 0;
    if (left <= 0) return false;
    this.faults[fault] = left - 1;
    return true;
  }

  // ---------- ACS3-HMAC-SHA256, rebuilt the way @alicloud/openapi-util getAuthorization builds it ----------

  private authenticate(req: http.IncomingMessage, path: string, params: Params, body: Buffer): void {
    const match = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(headerValue(req, 'authorization') ?? '');
    if (!match) fail(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    const [, accessKeyId, signedHeaderList, signature] = match!;
    const key = this.options.accessKeys.find((k) => k.id === accessKeyId);
    if (!key) fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    const signedHeaders = signedHeaderList.split(';');
    const mustSign = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];
    if (mustSign.some((h) => !signedHeaders.includes(h) || headerValue(req, h) === undefined)) {
      fail(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    }
    const payloadHash = sha256Hex(body);
    const canonicalQuery = Object.keys(params)
      .sort()
      .map((k) => `${k}=${acsEncode(params[k])}`)
      .join('&');
    const canonicalHeaders = signedHeaders.map((h) => `${h}:${(headerValue(req, h) ?? '').trim()}\n`).join('');
    const canonicalRequest = [req.method, path, canonicalQuery, canonicalHeaders, signedHeaders.join(';'), payloadHash].join('\n');
    const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`;
    const expected = createHmac('sha256', key!.secret).update(stringToSign).digest('hex');
    const sentHash = headerValue(req, 'x-acs-content-sha256');
    if (sentHash !== payloadHash || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
      fail(400, 'SignatureDoesNotMatch', 'Specified signature does not match our calculation.');
    }
    const date = Date.parse(headerValue(req, 'x-acs-date') ?? '');
    if (!Number.isFinite(date) || Math.abs(Date.now() - date) > CLOCK_SKEW_MS) {
      fail(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    }
    const nonceKey = `${accessKeyId}\n${headerValue(req, 'x-acs-signature-nonce')}`;
    if (this.usedNonces.has(nonceKey)) fail(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    this.usedNonces.set(nonceKey, Date.now());
    if (this.usedNonces.size > 10_000) this.forgetOldNonces();
  }

  // Nonces older than the allowed clock skew can no longer be replayed: the timestamp check refuses them.
  private forgetOldNonces(): void {
    const cutoff = Date.now() - CLOCK_SKEW_MS;
    for (const [nonce, at] of this.usedNonces) if (at < cutoff) this.usedNonces.delete(nonce);
  }

  // ---------- operations ----------

  private operation(action: string): Operation | undefined {
    switch (action) {
      case 'CreateSmartAccessGatewayClientUser':
        return (p) => this.createClientUser(p);
      case 'DescribeSmartAccessGatewayClientUsers':
        return (p) => this.describeClientUsers(p);
      case 'DeleteSmartAccessGatewayClientUser':
        return (p) => this.deleteClientUser(p);
      case 'ResetSmartAccessGatewayClientUserPassword':
        return (p) => this.resetClientUserPassword(p);
      default:
        return undefined;
    }
  }

  private instanceFor(params: Params): InstanceState {
    if (blank(params.RegionId)) fail(400, 'MissingRegionId', 'RegionId is mandatory for this action.');
    if (blank(params.SmartAGId)) fail(400, 'MissingSmartAGId', 'SmartAGId is mandatory for this action.');
    const state = this.instances.get(params.SmartAGId);
    if (!state || state.config.regionId !== params.RegionId) {
      fail(404, 'InvalidSmartAGId.NotFound', `The specified SmartAGId does not exist in region ${params.RegionId}.`);
    }
    return state!;
  }

  private createClientUser(p: Params): Record<string, unknown> {
    const instance = this.instanceFor(p);
    const { config, users } = instance;
    if (blank(p.UserMail)) fail(400, 'ClientUser.EmailEmpty', 'You must specify UserEmail.');
    if (p.UserMail.length > 128 || !EMAIL_RULE.test(p.UserMail)) fail(400, 'ClientUser.EmailInvalid', 'The format of the specified UserEmail is invalid.');
    const bandwidth = /^\d{1,9}$/.test(p.Bandwidth ?? '') ? Number(p.Bandwidth) : NaN;
    if (!(bandwidth >= 1 && bandwidth <= config.maxBandwidthKbps)) fail(400, 'ClientUser.BandwidthInvalid', 'The specified Bandwidth is invalid.');
    const hasName = !blank(p.UserName);
    const hasPassword = !blank(p.Password);
    if (hasPassword && !hasName) fail(400, 'ClientUser.NameEmpty', 'You must specify UserName.');
    if (hasName && !hasPassword) fail(400, 'ClientUser.PasswordEmpty', 'You must specify Password.');
    if (hasName && !USER_NAME_RULE.test(p.UserName)) fail(400, 'ClientUser.NameInvalid', 'The specified UserName is invalid.');
    if (hasPassword && !PASSWORD_RULE.test(p.Password)) fail(400, 'ClientUser.PasswordInvalid', 'The specified Password is invalid.');
    const cidr = config.clientCidr ? parseCidr(config.clientCidr) : undefined;
    if (!cidr) fail(400, 'SAG.CidrEmpty', 'You must specify the CIDR blocks of SAG.');
    const clientIp = p.ClientIp === undefined ? undefined : this.checkStaticIp(instance, cidr!, p.ClientIp);
    // The seed's sample: without a UserName the e-mail is the user name.
    const userName = hasName ? p.UserName : p.UserMail;
    if (users.has(userName)) fail(400, 'ClientUser.UserExist', 'The specified user already exists.');
    if (users.size >= config.userQuota) fail(400, 'ClientUser.UserOverLimit', 'The maximum number of users is exceeded.');
    const user: StoredUser = {
      userName,
      userMail: p.UserMail,
      bandwidthKbps: bandwidth,
      clientIp,
      isStaticIp: clientIp !== undefined,
      state: 'Offline',
      createdAt: new Date(),
      passwordSha256: hasPassword ? sha256Hex(p.Password) : undefined,
    };
    users.set(userName, user);
    return { UserMail: user.userMail, UserName: user.userName, Bandwidth: user.bandwidthKbps, ...(clientIp ? { ClientIp: clientIp } : {}), IsStaticIp: clientIp ? 1 : 0 };
  }

  private checkStaticIp({ users }: InstanceState, cidr: { network: number; size: number }, raw: string): string {
    if (blank(raw)) fail(400, 'ClientUser.IpEmpty', 'You must specify ClientIp.');
    const ip = ipToNumber(raw);
    if (ip === undefined) fail(400, 'ClientUser.IpInvalid', 'The specified ClientIp is invalid.');
    const offset = ip! - cidr.network;
    // Network and broadcast addresses are not usable hosts (blocks of 4 or more).
    const usable = cidr.size >= 4 ? offset > 0 && offset < cidr.size - 1 : offset >= 0 && offset < cidr.size;
    if (!usable) fail(400, 'ClientUser.InvalidClientIp', 'The specified ClientIp is invalid.');
    if ([...users.values()].some((u) => u.isStaticIp && u.clientIp === raw)) fail(400, 'ClientUser.InvalidClientIp', 'The specified ClientIp is invalid.');
    return raw;
  }

  private describeClientUsers(p: Params): Record<string, unknown> {
    const { users } = this.instanceFor(p);
    const pageNumber = pageParam(p.PageNumber, 1, Number.MAX_SAFE_INTEGER, 'PageNumber');
    const pageSize = pageParam(p.PageSize, 10, MAX_PAGE_SIZE, 'PageSize');
    const matching = [...users.values()].filter((u) => (blank(p.UserName) || u.userName === p.UserName) && (blank(p.UserMail) || u.userMail === p.UserMail));
    const page = matching.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return {
      TotalCount: matching.length,
      PageNumber: pageNumber,
      PageSize: pageSize,
      Users: {
        User: page.map((u) => ({
          UserName: u.userName,
          UserMail: u.userMail,
          Bandwidth: u.bandwidthKbps,
          ...(u.clientIp ? { ClientIp: u.clientIp } : {}),
          IsStaticIp: u.isStaticIp,
          State: u.state,
          AccelerateBandwidth: 0,
        })),
      },
    };
  }

  private existingUser(p: Params): StoredUser {
    const { users } = this.instanceFor(p);
    if (blank(p.UserName)) fail(400, 'ClientUser.NameEmpty', 'You must specify UserName.');
    const user = users.get(p.UserName);
    if (!user) fail(400, 'ClientUser.UserNotExist', 'The specified user does not exist.');
    return user!;
  }

  private deleteClientUser(p: Params): Record<string, unknown> {
    const user = this.existingUser(p);
    this.instances.get(p.SmartAGId)!.users.delete(user.userName);
    return {};
  }

  private resetClientUserPassword(p: Params): Record<string, unknown> {
    const user = this.existingUser(p);
    if (blank(p.Password)) fail(400, 'ClientUser.PasswordEmpty', 'You must specify Password.');
    if (!PASSWORD_RULE.test(p.Password)) fail(400, 'ClientUser.PasswordInvalid', 'The specified Password is invalid.');
    user.passwordSha256 = sha256Hex(p.Password);
    return {};
  }
}

// ---------- small helpers ----------

function pageParam(raw: string | undefined, fallback: number, max: number, name: string): number {
  if (raw === undefined) return fallback;
  const n = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= max)) fail(400, 'InvalidParameter', `The specified ${name} is invalid.`);
  return n;
}

// The same percent-encoding openapi-util applies to query values when signing.
function acsEncode(value: string): string {
  return encodeURIComponent(value).replace(/!/g, '%21').replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\*/g, '%2A');
}

function firstValues(parsed: querystring.ParsedUrlQuery): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(parsed)) out[k] = Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  return out;
}

function maskPassword(params: Params): Params {
  return 'Password' in params ? { ...params, Password: '***' } : { ...params };
}

function headerValue(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(Buffer.concat(chunks)));
  });
}

function send(res: http.ServerResponse, status: number, body: Record<string, unknown>): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function requestId(): string {
  return randomUUID().toUpperCase();
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
