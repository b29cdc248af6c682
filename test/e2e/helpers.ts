// Small helpers the trust e2e tests share: filling the request form, finding the admin message, replaying a request.
import { FIELD_BLOCK } from '../../src/slack/blocks/ids';
import type { Sandbox } from '../../src/sandbox/sandbox';
import type { FakeMessage, RecordedCall } from '../../src/sandbox/fake-slack';
import { SANDBOX } from '../../src/sandbox/world';

export function form(values: Partial<Record<keyof typeof FIELD_BLOCK, string | null>>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(values)) out[FIELD_BLOCK[k as keyof typeof FIELD_BLOCK]] = v ?? null;
  return out;
}

export const requestIdIn = (m: FakeMessage): string => /sagr_[0-9A-Za-z]{12}/.exec(JSON.stringify(m.blocks))![0];

/** Submits the form as `userId` and returns the request's admin message once it is posted. */
export async function submitAndFindAdminMessage(sb: Sandbox, userId: string, values: Record<string, string | null>): Promise<FakeMessage> {
  const before = sb.slack.messages(SANDBOX.adminChannelId).filter((m) => !m.threadTs).length;
  const res = await sb.submitRequest(userId, values);
  if (res.status !== 200 || res.body !== '') throw new Error(`the request was not accepted: ${res.status} ${res.body}`);
  return sb.waitUntil(() => sb.slack.messages(SANDBOX.adminChannelId).filter((m) => !m.threadTs)[before], 'the admin message');
}

export const createCalls = (sb: Sandbox) => sb.emulator.calls.filter((c) => c.action === 'CreateSmartAccessGatewayClientUser');

/** Every call the bot made to the fake Slack that posts or shows something to a person. */
export function visibleCalls(sb: Sandbox): RecordedCall[] {
  return sb.slack.calls().filter((c) => ['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'views.open', 'views.update', 'views.push', 'views.publish', 'response_url'].includes(c.method));
}

export interface SentRequest {
  url: string;
  init: RequestInit;
}

/**
 * Runs `send` and returns every HTTP request it made to the bot, byte for byte, so a test can replay
 * them exactly as an attacker holding a captured request (or a duplicating proxy) would.
 */
export async function capturing<T>(botUrl: string, send: () => Promise<T>): Promise<{ result: T; sent: SentRequest[] }> {
  const original = globalThis.fetch;
  const sent: SentRequest[] = [];
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.startsWith(botUrl) && init) sent.push({ url, init: { ...init } });
    return original(input, init);
  }) as typeof fetch;
  try {
    return { result: await send(), sent };
  } finally {
    globalThis.fetch = original;
  }
}

export async function replay(request: SentRequest): Promise<{ status: number; body: string }> {
  const res = await fetch(request.url, request.init);
  return { status: res.status, body: await res.text() };
}

export const botUrl = (sb: Sandbox): string => `http://127.0.0.1:${sb.bot.port}/slack/events`;

/** Posts any body to the bot, signed like Slack signs it: for payloads the driver would never build. */
export async function postSigned(sb: Sandbox, body: string, contentType = 'application/x-www-form-urlencoded'): Promise<{ status: number; body: string; elapsedMs: number }> {
  const { signSlackRequest } = await import('../../src/sandbox/slack-driver');
  const timestamp = Math.floor(Date.now() / 1000);
  const started = Date.now();
  const res = await fetch(botUrl(sb), {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signSlackRequest(SANDBOX.signingSecret, timestamp, body) },
    body,
  });
  return { status: res.status, body: await res.text(), elapsedMs: Date.now() - started };
}

/** An interactive payload as Slack posts it: form field `payload` holding JSON. */
export const payloadBody = (payload: unknown): string => new URLSearchParams({ payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }).toString();
