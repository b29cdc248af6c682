// A local stand-in for Slack's Web API: the bot's real WebClient talks to it over HTTP,
// it answers with Slack's own error names and records every call for tests and the demo.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeSocketMode } from './fake-socket-mode';

export interface FakeSlackUser {
  id: string;
  name: string;
  email?: string;
  realName?: string;
  isBot?: boolean;
  isRestricted?: boolean;
  isUltraRestricted?: boolean;
  deleted?: boolean;
  tz?: string;
}

export interface FakeSlackOptions {
  botToken: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  teamId?: string;
  users?: FakeSlackUser[];
  /** S… usergroup id → member user ids */
  usergroups?: Record<string, string[]>;
  /**
   * When set, chat.postMessage beyond this rate in one channel answers HTTP 429 + Retry-After.
   * `secondMs` scales time for benchmarks: the rate window and Retry-After's second last that many ms (default 1000).
   */
  postMessageRatePerChannel?: { perSecond: number; secondMs?: number };
  /** App-level token (xapp-…): set → apps.connections.open serves Socket Mode on this fake's port. */
  appToken?: string;
  latencyMs?: number;
  /** Milliseconds clock; tests swap it to age trigger ids without sleeping. */
  now?: () => number;
  port?: number;
}

/** Block Kit JSON as the app sent it; the fake only looks at a few fields. */
export type Block = { type: string; block_id?: string } & Record<string, unknown>;

export interface FakeView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  callback_id: string;
  private_metadata: string;
  blocks: Block[];
  state: { values: Record<string, unknown> };
  hash: string;
  title: unknown;
  clear_on_close: boolean;
  notify_on_close: boolean;
  close: unknown;
  submit: unknown;
  previous_view_id: string | null;
  root_view_id: string;
  app_id: string;
  external_id: string;
  app_installed_team_id: string;
  bot_id: string;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: Block[];
  threadTs?: string;
  user?: string;
}

export interface FakeEphemeral extends FakeMessage {
  user: string;
}

export interface RecordedCall {
  method: string;
  /** Form fields, with JSON-valued ones (blocks, view, …) decoded. */
  args: Record<string, unknown>;
  token?: string;
  at: number;
  status: number;
  response: SlackResponse;
}

type SlackResponse = { ok: boolean; error?: string } & Record<string, unknown>;
type Args = Record<string, unknown>;
type Handler = (args: Args, call: { token?: string }) => SlackResponse | RateLimited;

class RateLimited {
  constructor(readonly retryAfterSec: number) {}
}

class SlackError extends Error {
  constructor(readonly code: string, readonly messages?: string[]) {
    super(code);
  }
}

const TRIGGER_TTL_MS = 3000;
const MODAL_TEXT_MAX = 24;
const VIEW_BLOCKS_MAX = 100;
const MESSAGE_BLOCKS_MAX = 50;
const TEXT_MAX = 40000;
const PRIVATE_METADATA_MAX = 3000;
const ID_MAX = 255;
// WebClient JSON-encodes object arguments; these are the ones Slack decodes back.
const JSON_ARGS = new Set(['blocks', 'attachments', 'view', 'metadata']);

export class FakeSlack {
  private readonly opts: Required<Pick<FakeSlackOptions, 'botToken' | 'botUserId' | 'botId' | 'appId' | 'teamId'>>;
  private readonly now: () => number;
  private latencyMs: number;
  private server?: Server;
  private baseUrl = '';
  private seq = 0;

  private users = new Map<string, FakeSlackUser>();
  private usergroups = new Map<string, string[]>();
  private recorded: RecordedCall[] = [];
  private waiters: Array<{ method: string; predicate: (c: RecordedCall) => boolean; resolve: (c: RecordedCall) => void }> = [];
  private triggers = new Map<string, { issuedAt: number; used: boolean }>();
  private views = new Map<string, FakeView>();
  private homeViews = new Map<string, string>();
  private channelMessages = new Map<string, FakeMessage[]>();
  private ephemeralMessages: FakeEphemeral[] = [];
  private dmOwners = new Map<string, string>();
  private postTimes = new Map<string, number[]>();
  private failures = new Map<string, string[]>();
  /** Socket Mode endpoint, present when the fake was given an app token. */
  readonly socketMode?: FakeSocketMode;

  constructor(private readonly options: FakeSlackOptions) {
    this.opts = {
      botToken: options.botToken,
      botUserId: options.botUserId ?? 'U0BOT',
      botId: options.botId ?? 'B0001',
      appId: options.appId ?? 'A123456',
      teamId: options.teamId ?? 'T0001',
    };
    this.now = options.now ?? Date.now;
    this.latencyMs = options.latencyMs ?? 0;
    this.seedDirectory();
    if (options.appToken) this.socketMode = new FakeSocketMode({ appId: this.opts.appId });
  }

  get botUserId(): string {
    return this.opts.botUserId;
  }
  get teamId(): string {
    return this.opts.teamId;
  }
  /** 'http://127.0.0.1:PORT/api/' once started. */
  get apiUrl(): string {
    if (!this.baseUrl) throw new Error('FakeSlack: start() first');
    return `${this.baseUrl}/api/`;
  }

  async start(): Promise<{ apiUrl: string }> {
    const server = createServer((req, res) => {
      // A bug in the fake must show up as a failed call, not a hung client.
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`FakeSlack internal error: ${String(e)}`);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    server.on('upgrade', (req, socket, head) => {
      if (this.socketMode) this.socketMode.handleUpgrade(req, socket, head);
      else socket.destroy();
    });
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { apiUrl: this.apiUrl };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await this.socketMode?.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ---------- inspection and control for tests ----------

  calls(method?: string): RecordedCall[] {
    return this.recorded.filter((c) => method === undefined || c.method === method);
  }

  waitForCall(method: string, predicate: (c: RecordedCall) => boolean = () => true, timeoutMs = 5000): Promise<RecordedCall> {
    const existing = this.recorded.find((c) => c.method === method && predicate(c));
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter = {
        method,
        predicate,
        resolve: (c: RecordedCall) => {
          clearTimeout(timer);
          resolve(c);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const seen = this.recorded.map((c) => c.method).join(', ') || 'none';
        reject(new Error(`FakeSlack: no matching ${method} call within ${timeoutMs} ms (calls seen: ${seen})`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  messages(channelId: string): FakeMessage[] {
    return [...(this.channelMessages.get(this.resolveChannel(channelId)) ?? [])];
  }

  dmsTo(userId: string): FakeMessage[] {
    return this.messages(this.dmChannelFor(userId));
  }

  ephemerals(userId?: string): FakeEphemeral[] {
    return this.ephemeralMessages.filter((m) => userId === undefined || m.user === userId);
  }

  openedViews(): FakeView[] {
    return [...this.views.values()].filter((v) => v.type === 'modal');
  }

  view(viewId: string): FakeView | undefined {
    return this.views.get(viewId);
  }

  homeView(userId: string): FakeView | undefined {
    const id = this.homeViews.get(userId);
    return id === undefined ? undefined : this.views.get(id);
  }

  /** The app's DM channel with a user; stable so tests can name it before it is opened. */
  dmChannelFor(userId: string): string {
    const channel = `D${userId.slice(1)}`;
    this.dmOwners.set(channel, userId);
    return channel;
  }

  /** Which user a D… channel belongs to, once the fake has handed it out. */
  dmOwner(channelId: string): string | undefined {
    return this.dmOwners.get(channelId);
  }

  /** A response_url served by this fake, so `respond()` never leaves the machine. */
  newResponseUrl(kind: 'commands' | 'actions' = 'commands'): string {
    if (!this.baseUrl) throw new Error('FakeSlack: start() before asking for a response_url');
    return `${this.baseUrl}/hooks/${kind}/${this.opts.teamId}/${this.nextSeq()}/${randomBytes(8).toString('hex')}`;
  }

  issueTriggerId(): string {
    const id = `${this.nextSeq()}${Math.floor(this.now() / 1000)}.${this.opts.teamId.slice(1)}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { issuedAt: this.now(), used: false });
    return id;
  }

  addUser(user: FakeSlackUser): void {
    this.users.set(user.id, user);
  }

  setUsergroup(id: string, members: string[]): void {
    this.usergroups.set(id, [...members]);
  }

  /** The next call of `method` answers {ok:false, error}: for outage and permission tests. */
  failNext(method: string, error: string): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
  }

  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  /** Forgets calls, messages, views and triggers; users and usergroups go back to the constructor's. */
  reset(): void {
    this.recorded = [];
    this.triggers.clear();
    this.views.clear();
    this.homeViews.clear();
    this.channelMessages.clear();
    this.ephemeralMessages = [];
    this.postTimes.clear();
    this.failures.clear();
    this.seedDirectory();
  }

  // ---------- HTTP ----------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/hooks/')) return this.handleResponseUrl(raw, res);
    const match = /^\/api\/([A-Za-z.]+)$/.exec(url.pathname);
    if (!match) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const method = match[1];
    const args = parseArgs(raw, req.headers['content-type'], url.searchParams);
    const token = bearer(req.headers.authorization) ?? (typeof args.token === 'string' ? args.token : undefined);
    delete args.token;

    let status = 200;
    let response: SlackResponse;
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    const outcome = this.dispatch(method, args, token);
    if (outcome instanceof RateLimited) {
      status = 429;
      headers['retry-after'] = String(outcome.retryAfterSec);
      response = { ok: false, error: 'ratelimited' };
    } else {
      response = outcome;
    }
    this.record({ method, args, token, at: this.now(), status, response });
    res.writeHead(status, headers).end(JSON.stringify(response));
  }

  private handleResponseUrl(raw: string, res: ServerResponse): void {
    let args: Args;
    try {
      args = JSON.parse(raw) as Args;
    } catch {
      args = parseArgs(raw, 'application/x-www-form-urlencoded', new URLSearchParams());
    }
    const response = { ok: true };
    this.record({ method: 'response_url', args, at: this.now(), status: 200, response });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(response));
  }

  private dispatch(method: string, args: Args, token: string | undefined): SlackResponse | RateLimited {
    const handler = Object.hasOwn(this.handlers, method) ? this.handlers[method] : undefined;
    if (method === 'apps.connections.open') return this.openSocketConnection(token);
    if (!handler) return { ok: false, error: 'unknown_method' };
    if (!token) return { ok: false, error: 'not_authed' };
    if (token !== this.opts.botToken) return { ok: false, error: 'invalid_auth' };
    const injected = this.failures.get(method)?.shift();
    if (injected) return { ok: false, error: injected };
    try {
      return handler(args, { token });
    } catch (e) {
      if (!(e instanceof SlackError)) throw e;
      const error: SlackResponse = { ok: false, error: e.code };
      if (e.messages) error.response_metadata = { messages: e.messages };
      return error;
    }
  }

  private record(call: RecordedCall): void {
    this.recorded.push(call);
    for (const w of [...this.waiters]) {
      if (w.method === call.method && w.predicate(call)) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve(call);
      }
    }
  }

  // ---------- Web API methods ----------

  private readonly handlers: Record<string, Handler> = {
    'auth.test': () => ({
      ok: true,
      url: 'https://example.slack.com/',
      team: 'example',
      user: 'sag-access-bot',
      team_id: this.opts.teamId,
      user_id: this.opts.botUserId,
      bot_id: this.opts.botId,
      is_enterprise_install: false,
    }),

    'views.open': (args) => this.openModal(args),
    // Fidelity gap: no view stack, so previous_view_id stays null and the 3-view limit is not enforced.
    'views.push': (args) => this.openModal(args),

    'views.update': (args) => {
      const existing = this.findView(args);
      if (typeof args.hash === 'string' && args.hash !== existing.hash) throw new SlackError('hash_conflict');
      const input = validateView(args.view, existing.type);
      const view = this.storeView(input, existing, existing.external_id);
      return { ok: true, view };
    },

    'views.publish': (args) => {
      const userId = requireString(args, 'user_id');
      const input = validateView(args.view, 'home');
      const existing = this.homeView(userId);
      if (existing && typeof args.hash === 'string' && args.hash !== existing.hash) throw new SlackError('hash_conflict');
      const view = this.storeView(input, existing ?? null, existing?.external_id ?? '');
      this.homeViews.set(userId, view.id);
      return { ok: true, view };
    },

    'chat.postMessage': (args) => {
      const channel = this.requireChannel(args.channel);
      const { text, blocks } = messageContent(args);
      const limited = this.checkRate(channel);
      if (limited) return limited;
      const message: FakeMessage = { channel, ts: this.nextTs(), text, blocks, user: this.opts.botUserId };
      if (typeof args.thread_ts === 'string' && args.thread_ts) message.threadTs = args.thread_ts;
      this.channelMessages.set(channel, [...(this.channelMessages.get(channel) ?? []), message]);
      return { ok: true, channel, ts: message.ts, message: this.slackMessage(message) };
    },

    'chat.update': (args) => {
      const channel = this.requireChannel(args.channel);
      const ts = requireString(args, 'ts');
      const list = this.channelMessages.get(channel) ?? [];
      const index = list.findIndex((m) => m.ts === ts);
      if (index < 0) throw new SlackError('message_not_found');
      if (args.text === undefined && args.blocks === undefined) throw new SlackError('no_text');
      const current = list[index];
      // Slack keeps the previous blocks when `blocks` is omitted; [] removes them.
      const next: FakeMessage = {
        ...current,
        text: typeof args.text === 'string' ? args.text : current.text,
        blocks: args.blocks === undefined ? current.blocks : checkBlocks(args.blocks),
      };
      if (next.text.length > TEXT_MAX) throw new SlackError('msg_too_long');
      list[index] = next;
      return { ok: true, channel, ts, text: next.text, message: this.slackMessage(next) };
    },

    'chat.postEphemeral': (args) => {
      const channel = this.requireChannel(args.channel);
      const user = requireString(args, 'user');
      if (!this.users.has(user)) throw new SlackError('user_not_found');
      const { text, blocks } = messageContent(args);
      const message: FakeEphemeral = { channel, ts: this.nextTs(), text, blocks, user };
      if (typeof args.thread_ts === 'string' && args.thread_ts) message.threadTs = args.thread_ts;
      this.ephemeralMessages.push(message);
      return { ok: true, message_ts: message.ts };
    },

    'conversations.open': (args) => {
      if (typeof args.channel === 'string' && args.channel) return { ok: true, channel: { id: args.channel } };
      const ids = typeof args.users === 'string' ? args.users.split(',').map((s) => s.trim()).filter(Boolean) : [];
      if (ids.length === 0) throw new SlackError('users_list_not_supplied');
      if (ids.length > 1) throw new SlackError('not_supported', ['[ERROR] FakeSlack opens one-to-one DMs only']);
      const user = this.users.get(ids[0]);
      if (!user) throw new SlackError('user_not_found');
      if (user.deleted) throw new SlackError('user_disabled');
      const id = this.dmChannelFor(user.id);
      const alreadyOpen = this.calls('conversations.open').some((c) => (c.response.channel as { id?: string } | undefined)?.id === id);
      return { ok: true, no_op: alreadyOpen, already_open: alreadyOpen, channel: { id } };
    },

    'users.info': (args) => {
      const user = this.users.get(requireString(args, 'user'));
      if (!user) throw new SlackError('user_not_found');
      return { ok: true, user: this.slackUser(user) };
    },

    'users.lookupByEmail': (args) => {
      const email = requireString(args, 'email').toLowerCase();
      const user = [...this.users.values()].find((u) => u.email?.toLowerCase() === email);
      if (!user) throw new SlackError('users_not_found');
      return { ok: true, user: this.slackUser(user) };
    },

    'usergroups.users.list': (args) => {
      const members = this.usergroups.get(requireString(args, 'usergroup'));
      if (!members) throw new SlackError('no_such_subteam');
      return { ok: true, users: [...members] };
    },
  };

  // ---------- helpers ----------

  private seedDirectory(): void {
    this.users = new Map((this.options.users ?? []).map((u) => [u.id, { ...u }]));
    this.usergroups = new Map(Object.entries(this.options.usergroups ?? {}).map(([id, m]) => [id, [...m]]));
  }

  private nextSeq(): number {
    return ++this.seq;
  }

  private nextTs(): string {
    return `${Math.floor(this.now() / 1000)}.${String(this.nextSeq()).padStart(6, '0')}`;
  }

  private openModal(args: Args): SlackResponse {
    const input = validateView(args.view, 'modal');
    this.useTrigger(args.trigger_id);
    return { ok: true, view: this.storeView(input, null, str(input, 'external_id')) };
  }

  private useTrigger(triggerId: unknown): void {
    if (typeof triggerId !== 'string' || !triggerId) throw new SlackError('invalid_arguments', ['[ERROR] missing required field: trigger_id']);
    const trigger = this.triggers.get(triggerId);
    if (!trigger) throw new SlackError('invalid_trigger_id');
    if (trigger.used) throw new SlackError('exchanged_trigger_id');
    if (this.now() - trigger.issuedAt > TRIGGER_TTL_MS) throw new SlackError('expired_trigger_id');
    trigger.used = true;
  }

  private findView(args: Args): FakeView {
    if (typeof args.view_id === 'string' && args.view_id) {
      const view = this.views.get(args.view_id);
      if (!view) throw new SlackError('not_found');
      return view;
    }
    if (typeof args.external_id === 'string' && args.external_id) {
      const view = [...this.views.values()].find((v) => v.external_id === args.external_id);
      if (!view) throw new SlackError('not_found');
      return view;
    }
    throw new SlackError('invalid_arguments', ['[ERROR] either view_id or external_id is required']);
  }

  private storeView(input: Args, previous: FakeView | null, externalId: string): FakeView {
    if (!previous && externalId && [...this.views.values()].some((v) => v.external_id === externalId)) {
      throw new SlackError('duplicate_external_id');
    }
    const id = previous?.id ?? `V${String(this.nextSeq()).padStart(10, '0')}`;
    const view: FakeView = {
      id,
      team_id: this.opts.teamId,
      type: input.type as FakeView['type'],
      callback_id: str(input, 'callback_id'),
      private_metadata: str(input, 'private_metadata'),
      blocks: withGeneratedIds(input.blocks as Block[]),
      state: previous?.state ?? { values: {} },
      hash: `${Math.floor(this.now() / 1000)}.${randomBytes(4).toString('hex')}`,
      title: input.title ?? null,
      clear_on_close: input.clear_on_close === true,
      notify_on_close: input.notify_on_close === true,
      close: input.close ?? null,
      submit: input.submit ?? null,
      previous_view_id: null,
      root_view_id: previous?.root_view_id ?? id,
      app_id: this.opts.appId,
      external_id: externalId,
      app_installed_team_id: this.opts.teamId,
      bot_id: this.opts.botId,
    };
    this.views.set(id, view);
    return view;
  }

  private requireChannel(channel: unknown): string {
    if (typeof channel !== 'string' || !/^[CDGU][A-Z0-9]+$/.test(channel)) throw new SlackError('channel_not_found');
    return this.resolveChannel(channel);
  }

  /** Posting to a U… id lands in the app's DM with that user, as Slack does. */
  private resolveChannel(channel: string): string {
    return channel.startsWith('U') || channel.startsWith('W') ? this.dmChannelFor(channel) : channel;
  }

  /** Socket Mode takes the app-level token only; a bot token is the wrong kind, as on Slack. */
  private openSocketConnection(token: string | undefined): SlackResponse {
    if (!this.socketMode) return { ok: false, error: 'unknown_method' };
    if (!token) return { ok: false, error: 'not_authed' };
    if (token === this.opts.botToken) return { ok: false, error: 'not_allowed_token_type' };
    if (token !== this.options.appToken) return { ok: false, error: 'invalid_auth' };
    const injected = this.failures.get('apps.connections.open')?.shift();
    if (injected) return { ok: false, error: injected };
    return this.socketMode.openConnection(this.baseUrl.replace(/^http/, 'ws'));
  }

  private checkRate(channel: string): RateLimited | undefined {
    const limit = this.options.postMessageRatePerChannel;
    if (!limit) return undefined;
    const second = limit.secondMs ?? 1000;
    const now = this.now();
    const recent = (this.postTimes.get(channel) ?? []).filter((t) => now - t < second);
    if (recent.length >= limit.perSecond) {
      this.postTimes.set(channel, recent);
      return new RateLimited(Math.max(1, Math.ceil((recent[0] + second - now) / second)));
    }
    this.postTimes.set(channel, [...recent, now]);
    return undefined;
  }

  private slackMessage(m: FakeMessage): Args {
    const message: Args = { type: 'message', user: m.user, bot_id: this.opts.botId, app_id: this.opts.appId, text: m.text, ts: m.ts, team: this.opts.teamId };
    if (m.blocks.length > 0) message.blocks = m.blocks;
    if (m.threadTs) message.thread_ts = m.threadTs;
    return message;
  }

  private slackUser(u: FakeSlackUser): Args {
    const realName = u.realName ?? u.name;
    return {
      id: u.id,
      team_id: this.opts.teamId,
      name: u.name,
      deleted: u.deleted ?? false,
      real_name: realName,
      tz: u.tz ?? 'Europe/Berlin',
      is_bot: u.isBot ?? false,
      is_app_user: false,
      is_restricted: u.isRestricted ?? false,
      is_ultra_restricted: u.isUltraRestricted ?? false,
      profile: { email: u.email, real_name: realName, display_name: u.name },
    };
  }
}

// ---------- validation as Slack does it ----------

function validateView(raw: unknown, expectedType: 'modal' | 'home'): Args {
  if (raw === undefined || raw === '') throw new SlackError('invalid_arguments', ['[ERROR] missing required field: view']);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SlackError('invalid_arguments', ['[ERROR] view must be a JSON object']);
  const view = raw as Args;
  const errors: string[] = [];
  const err = (msg: string, pointer: string) => errors.push(`[ERROR] ${msg} [json-pointer:/view${pointer}]`);
  if (view.type !== expectedType) err(`must be '${expectedType}'`, '/type');
  const blocks = view.blocks;
  if (!Array.isArray(blocks)) err('must provide an array', '/blocks');
  else {
    if (blocks.length > VIEW_BLOCKS_MAX) err(`must be no more than ${VIEW_BLOCKS_MAX} items`, '/blocks');
    const hasInputs = blocks.some((b) => (b as Block).type === 'input');
    if (expectedType === 'modal' && hasInputs && !view.submit) err('must provide submit when input blocks are present', '/submit');
    checkBlockIds(blocks as Block[], '/blocks', err);
  }
  if (expectedType === 'modal') {
    checkPlainText(view.title, '/title', true, err);
    checkPlainText(view.submit, '/submit', false, err);
    checkPlainText(view.close, '/close', false, err);
  }
  if (str(view, 'private_metadata').length > PRIVATE_METADATA_MAX) err(`must be less than ${PRIVATE_METADATA_MAX + 1} characters`, '/private_metadata');
  if (str(view, 'callback_id').length > ID_MAX) err(`must be less than ${ID_MAX + 1} characters`, '/callback_id');
  if (errors.length > 0) throw new SlackError('invalid_arguments', errors);
  return view;
}

function checkPlainText(value: unknown, pointer: string, required: boolean, err: (m: string, p: string) => void): void {
  if (value === undefined || value === null) {
    if (required) err('must provide an object', pointer);
    return;
  }
  const text = (value as Args).text;
  if ((value as Args).type !== 'plain_text') err("must be a 'plain_text' text object", `${pointer}/type`);
  if (typeof text !== 'string' || text.length === 0) err('must provide a string', `${pointer}/text`);
  else if (text.length > MODAL_TEXT_MAX) err(`must be less than ${MODAL_TEXT_MAX + 1} characters`, `${pointer}/text`);
}

/** block_id must be unique in a view; block_id and action_id at most 255 characters. */
function checkBlockIds(blocks: Block[], pointer: string, err: (m: string, p: string) => void): void {
  const seen = new Set<string>();
  blocks.forEach((block, i) => {
    const id = block.block_id;
    if (typeof id === 'string') {
      if (seen.has(id)) err(`duplicate block_id '${id}'`, `${pointer}/${i}/block_id`);
      if (id.length > ID_MAX) err(`must be less than ${ID_MAX + 1} characters`, `${pointer}/${i}/block_id`);
      seen.add(id);
    }
    for (const el of elementsOf(block)) {
      if (typeof el.action_id === 'string' && el.action_id.length > ID_MAX) err(`must be less than ${ID_MAX + 1} characters`, `${pointer}/${i}/action_id`);
    }
  });
}

function messageContent(args: Args): { text: string; blocks: Block[] } {
  const text = typeof args.text === 'string' ? args.text : '';
  const blocks = args.blocks === undefined ? [] : checkBlocks(args.blocks);
  if (!text && blocks.length === 0 && args.attachments === undefined) throw new SlackError('no_text');
  if (text.length > TEXT_MAX) throw new SlackError('msg_too_long');
  return { text, blocks };
}

function checkBlocks(raw: unknown): Block[] {
  if (!Array.isArray(raw)) throw new SlackError('invalid_blocks_format');
  if (raw.length > MESSAGE_BLOCKS_MAX) throw new SlackError('invalid_blocks', [`[ERROR] must be no more than ${MESSAGE_BLOCKS_MAX} items [json-pointer:/blocks]`]);
  if (raw.some((b) => typeof b !== 'object' || b === null || typeof (b as Block).type !== 'string')) throw new SlackError('invalid_blocks');
  return withGeneratedIds(raw as Block[]);
}

/** Slack fills in block_id and action_id the app left out; apps must not rely on them. */
function withGeneratedIds(blocks: Block[]): Block[] {
  return blocks.map((block) => {
    const copy: Block = { ...block, block_id: block.block_id ?? randomId() };
    if (copy.element && typeof copy.element === 'object') copy.element = withActionId(copy.element as Args);
    if (copy.accessory && typeof copy.accessory === 'object') copy.accessory = withActionId(copy.accessory as Args);
    if (Array.isArray(copy.elements) && copy.type === 'actions') copy.elements = (copy.elements as Args[]).map(withActionId);
    return copy;
  });
}

function withActionId(el: Args): Args {
  return { ...el, action_id: el.action_id ?? randomId() };
}

/** The interactive elements of a block (input element, section accessory, actions elements). */
export function elementsOf(block: Block): Array<Args & { type?: string; action_id?: string }> {
  const out: Args[] = [];
  if (block.element && typeof block.element === 'object') out.push(block.element as Args);
  if (block.accessory && typeof block.accessory === 'object') out.push(block.accessory as Args);
  if (block.type === 'actions' && Array.isArray(block.elements)) out.push(...(block.elements as Args[]));
  return out;
}

// ---------- HTTP plumbing ----------

function parseArgs(raw: string, contentType: string | undefined, query: URLSearchParams): Args {
  const args: Args = {};
  for (const [k, v] of query) args[k] = v;
  if (contentType?.includes('application/json') && raw) {
    const parsed = decodeJson(raw);
    if (parsed && typeof parsed === 'object') Object.assign(args, parsed);
    return args;
  }
  for (const [k, v] of new URLSearchParams(raw)) args[k] = JSON_ARGS.has(k) ? decodeJson(v) : v;
  return args;
}

function decodeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function requireString(args: Args, key: string): string {
  const value = args[key];
  if (typeof value !== 'string' || value === '') throw new SlackError('invalid_arguments', [`[ERROR] missing required field: ${key}`]);
  return value;
}

function str(obj: unknown, key: string): string {
  const value = obj && typeof obj === 'object' ? (obj as Args)[key] : undefined;
  return typeof value === 'string' ? value : '';
}

function randomId(): string {
  return randomBytes(3).toString('base64url');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
