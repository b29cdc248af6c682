// Plays Slack's side towards the bot's Request URL: payloads in the shapes Slack sends
// (see shared fixtures), signed with the signing secret, with Slack's content types.
import { createHmac, randomBytes } from 'node:crypto';
import { elementsOf, type Block, type FakeMessage, type FakeSlack, type FakeView } from './fake-slack';
import type { DeliverOptions, EnvelopeType, SocketModeDelivery } from './fake-socket-mode';

export interface SlackDriverOptions {
  /** e.g. http://127.0.0.1:PORT/slack/events; not needed over Socket Mode. */
  url?: string;
  /** Sends the same payloads as Socket Mode envelopes instead (no signature); the ack payload becomes the response body. */
  socketMode?: SocketModeDelivery;
  signingSecret: string;
  /** Issues trigger ids and response_urls the fake will accept. */
  fakeSlack?: FakeSlack;
  teamId?: string;
  teamDomain?: string;
  apiAppId?: string;
  /** Set to send slash commands as from an Enterprise Grid workspace (enterprise_id / enterprise_name). */
  enterprise?: { id: string; name: string };
}

/** For negative tests: sign with another secret, or with a stale timestamp (unix seconds). */
export interface RequestOptions {
  signingSecret?: string;
  timestamp?: number;
}

export interface EventOptions extends RequestOptions {
  eventId?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface DriverResponse {
  status: number;
  body: string;
  json?: unknown;
  elapsedMs: number;
}

type Json = Record<string, unknown>;
type Element = Json & { type?: string; action_id?: string };

/** `v0=` + hex HMAC-SHA256(secret, `v0:{timestamp}:{rawBody}`), as Slack signs requests. */
export function signSlackRequest(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

const FORM = 'application/x-www-form-urlencoded';
const VERIFICATION_TOKEN = 'legacy-verification-token';

export class SlackDriver {
  private readonly teamId: string;
  private readonly teamDomain: string;
  private readonly apiAppId: string;
  private seq = 0;

  constructor(private readonly options: SlackDriverOptions) {
    this.teamId = options.teamId ?? options.fakeSlack?.teamId ?? 'T0001';
    this.teamDomain = options.teamDomain ?? 'example';
    this.apiAppId = options.apiAppId ?? 'A123456';
  }

  async slashCommand(
    input: { userId: string; userName?: string; channelId?: string; channelName?: string; command?: string; text?: string },
    opts: RequestOptions = {},
  ): Promise<DriverResponse> {
    const channelId = input.channelId ?? 'C0GENERAL';
    const enterprise = this.options.enterprise;
    // Field order follows the fixture; URLSearchParams encodes like Slack (spaces as +).
    const fields: Array<[string, string]> = [
      ['token', VERIFICATION_TOKEN],
      ['team_id', this.teamId],
      ['team_domain', this.teamDomain],
      ...(enterprise ? ([['enterprise_id', enterprise.id], ['enterprise_name', enterprise.name]] as Array<[string, string]>) : []),
      ['channel_id', channelId],
      ['channel_name', input.channelName ?? channelNameFor(channelId)],
      ['user_id', input.userId],
      ['user_name', input.userName ?? input.userId.toLowerCase()],
      ['command', input.command ?? '/sag-access'],
      ['text', input.text ?? ''],
      ['api_app_id', this.apiAppId],
      ['is_enterprise_install', 'false'],
      ['response_url', this.responseUrl('commands')],
      ['trigger_id', this.triggerId()],
    ];
    if (this.options.socketMode) return this.viaSocket('slash_commands', Object.fromEntries(fields));
    return this.post(new URLSearchParams(fields).toString(), FORM, {}, opts);
  }

  async submitView(
    input: { userId: string; userName?: string; view: FakeView; values: Record<string, string | null> },
    opts: RequestOptions = {},
  ): Promise<DriverResponse> {
    const payload = {
      type: 'view_submission',
      team: this.team(),
      user: this.user(input.userId, input.userName),
      api_app_id: this.apiAppId,
      token: VERIFICATION_TOKEN,
      trigger_id: this.triggerId(),
      view: this.viewPayload(input.view, stateValues(input.view, input.values)),
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
    return this.postPayload(payload, opts);
  }

  async clickButton(
    input: { userId: string; userName?: string; channelId?: string; channelName?: string; message: FakeMessage; actionId: string; value?: string },
    opts: RequestOptions = {},
  ): Promise<DriverResponse> {
    const { message } = input;
    const channelId = input.channelId ?? message.channel;
    const slackMessage: Json = { type: 'message', user: message.user ?? this.options.fakeSlack?.botUserId ?? 'U0BOT', bot_id: 'B0001', ts: message.ts, text: message.text, blocks: message.blocks };
    if (message.threadTs) slackMessage.thread_ts = message.threadTs;
    const payload = {
      type: 'block_actions',
      user: this.user(input.userId, input.userName),
      api_app_id: this.apiAppId,
      token: VERIFICATION_TOKEN,
      container: { type: 'message', message_ts: message.ts, channel_id: channelId, is_ephemeral: false },
      trigger_id: this.triggerId(),
      team: this.team(),
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: channelId, name: input.channelName ?? channelNameFor(channelId) },
      message: slackMessage,
      state: { values: {} },
      response_url: this.responseUrl('actions'),
      actions: [this.buttonAction(message.blocks, input.actionId, input.value)],
    };
    return this.postPayload(payload, opts);
  }

  /** A button inside a modal or the App Home: the container is the view, not a message. */
  async clickViewButton(
    input: { userId: string; userName?: string; view: FakeView; actionId: string; value?: string },
    opts: RequestOptions = {},
  ): Promise<DriverResponse> {
    const { view } = input;
    const payload = {
      type: 'block_actions',
      user: this.user(input.userId, input.userName),
      api_app_id: this.apiAppId,
      token: VERIFICATION_TOKEN,
      container: { type: 'view', view_id: view.id },
      trigger_id: this.triggerId(),
      team: this.team(),
      enterprise: null,
      is_enterprise_install: false,
      view: this.viewPayload(view, view.state?.values ?? {}),
      actions: [this.buttonAction(view.blocks, input.actionId, input.value)],
    };
    return this.postPayload(payload, opts);
  }

  /** Wraps an inner event in the Events API envelope; retries carry Slack's retry headers. */
  async sendEvent(event: Json & { type: string }, opts: EventOptions = {}): Promise<DriverResponse> {
    const now = Math.floor(Date.now() / 1000);
    const body = {
      token: VERIFICATION_TOKEN,
      team_id: this.teamId,
      api_app_id: this.apiAppId,
      event: { ...event, event_ts: event.event_ts ?? this.actionTs() },
      type: 'event_callback',
      event_id: opts.eventId ?? `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
      event_time: now,
      authorizations: [
        { enterprise_id: null, team_id: this.teamId, user_id: this.options.fakeSlack?.botUserId ?? 'U0BOT', is_bot: true, is_enterprise_install: false },
      ],
    };
    const headers: Record<string, string> = {};
    if (opts.retryNum !== undefined) headers['x-slack-retry-num'] = String(opts.retryNum);
    if (opts.retryReason !== undefined) headers['x-slack-retry-reason'] = opts.retryReason;
    if (this.options.socketMode) return this.viaSocket('events_api', body, { retryAttempt: opts.retryNum, retryReason: opts.retryReason });
    return this.post(JSON.stringify(body), 'application/json', headers, opts);
  }

  // ---------- payload pieces ----------

  private team(): Json {
    return { id: this.teamId, domain: this.teamDomain };
  }

  private user(id: string, name?: string): Json {
    const username = name ?? id.toLowerCase();
    return { id, username, name: username, team_id: this.teamId };
  }

  private viewPayload(view: FakeView, values: Record<string, unknown>): Json {
    // Same keys and order as the fixture, whether or not the view came from FakeSlack.
    return {
      id: view.id,
      team_id: view.team_id ?? this.teamId,
      type: view.type,
      callback_id: view.callback_id ?? '',
      private_metadata: view.private_metadata ?? '',
      blocks: view.blocks,
      state: { values },
      hash: view.hash,
      title: view.title,
      clear_on_close: view.clear_on_close ?? false,
      notify_on_close: view.notify_on_close ?? false,
      close: view.close ?? null,
      submit: view.submit ?? null,
      previous_view_id: view.previous_view_id ?? null,
      root_view_id: view.root_view_id ?? view.id,
      app_id: view.app_id ?? this.apiAppId,
      external_id: view.external_id ?? '',
      app_installed_team_id: view.app_installed_team_id ?? this.teamId,
      bot_id: view.bot_id ?? 'B0001',
    };
  }

  private buttonAction(blocks: Block[], actionId: string, value: string | undefined): Json {
    for (const block of blocks) {
      const button = elementsOf(block).find((el) => el.type === 'button' && el.action_id === actionId);
      if (!button) continue;
      // Slack only ever sends a click for a button that is on screen.
      const action: Json = { action_id: actionId, block_id: block.block_id, text: button.text };
      const sent = value ?? button.value;
      if (sent !== undefined) action.value = sent;
      if (button.style !== undefined) action.style = button.style;
      return { ...action, type: 'button', action_ts: this.actionTs() };
    }
    const present = blocks.flatMap((b) => elementsOf(b).map((el) => el.action_id)).join(', ') || 'none';
    throw new Error(`SlackDriver: no button with action_id '${actionId}' (buttons: ${present})`);
  }

  private triggerId(): string {
    return this.options.fakeSlack?.issueTriggerId() ?? `${Date.now()}.${this.teamId.slice(1)}.${randomBytes(16).toString('hex')}`;
  }

  private responseUrl(kind: 'commands' | 'actions'): string {
    return this.options.fakeSlack?.newResponseUrl(kind) ?? `https://hooks.slack.com/${kind}/${this.teamId}/${++this.seq}/${randomBytes(8).toString('hex')}`;
  }

  private actionTs(): string {
    return `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, '0')}`;
  }

  // ---------- transport ----------

  private postPayload(payload: Json, opts: RequestOptions): Promise<DriverResponse> {
    if (this.options.socketMode) return this.viaSocket('interactive', payload);
    return this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM, {}, opts);
  }

  /** Over Socket Mode a bare ack() carries `{}`; it reads as the empty body Bolt answers over HTTP. */
  private async viaSocket(type: EnvelopeType, payload: Json, options?: DeliverOptions): Promise<DriverResponse> {
    const ack = await this.options.socketMode!.deliver(type, payload, options);
    const empty = Object.keys(ack.payload).length === 0;
    const result: DriverResponse = { status: 200, body: empty ? '' : JSON.stringify(ack.payload), elapsedMs: ack.elapsedMs };
    if (!empty) result.json = ack.payload;
    return result;
  }

  private async post(body: string, contentType: string, extra: Record<string, string>, opts: RequestOptions): Promise<DriverResponse> {
    if (!this.options.url) throw new Error('SlackDriver: no url to post to (HTTP mode needs one)');
    const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackRequest(opts.signingSecret ?? this.options.signingSecret, timestamp, body),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...extra,
    };
    const started = performance.now();
    const res = await fetch(this.options.url, { method: 'POST', headers, body });
    const text = await res.text();
    const elapsedMs = performance.now() - started;
    const result: DriverResponse = { status: res.status, body: text, elapsedMs };
    try {
      if (text) result.json = JSON.parse(text);
    } catch {
      // Bolt acks with an empty or plain body; only JSON bodies get `json`.
    }
    return result;
  }
}

/** view.state.values as Slack builds it: every input block, keyed by block_id then action_id. */
export function stateValues(view: FakeView, values: Record<string, string | null>): Record<string, Record<string, unknown>> {
  const inputs = view.blocks.filter((b) => b.type === 'input');
  const unknown = Object.keys(values).filter((id) => !inputs.some((b) => b.block_id === id));
  if (unknown.length > 0) {
    const known = inputs.map((b) => b.block_id).join(', ');
    throw new Error(`SlackDriver: view has no input block ${unknown.join(', ')} (inputs: ${known})`);
  }
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of inputs) {
    const element = block.element as Element;
    const value = values[block.block_id ?? ''] ?? null;
    state[block.block_id ?? ''] = { [element.action_id ?? '']: elementState(element, value) };
  }
  return state;
}

function elementState(element: Element, value: string | null): Json {
  switch (element.type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'number_input':
    case 'url_text_input':
      // Slack sends typed numbers as strings, and an empty field as null.
      return { type: element.type, value: value === '' ? null : value };
    case 'static_select':
    case 'radio_buttons':
      return { type: element.type, selected_option: value === null ? null : findOption(element, value) };
    default:
      throw new Error(`SlackDriver: cannot fill a ${String(element.type)} element`);
  }
}

function findOption(element: Element, value: string): unknown {
  const groups = (element.option_groups as Array<{ options: Json[] }> | undefined) ?? [];
  const options = [...((element.options as Json[] | undefined) ?? []), ...groups.flatMap((g) => g.options)];
  const option = options.find((o) => o.value === value);
  if (!option) throw new Error(`SlackDriver: ${String(element.action_id)} has no option '${value}'`);
  return option;
}

function channelNameFor(channelId: string): string {
  return channelId.startsWith('D') ? 'directmessage' : channelId.toLowerCase();
}
