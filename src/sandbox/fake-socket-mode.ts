// Slack's Socket Mode side, on loopback: apps.connections.open hands out a one-time ws:// URL,
// the app connects, gets `hello`, receives envelopes (slash_commands, interactive, events_api)
// and answers each with an ack carrying the same envelope_id. `disconnect` asks it to reconnect.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';
export type DisconnectReason = 'refresh_requested' | 'warning' | 'link_disabled';

export interface DeliverOptions {
  /** events_api only: Slack's retry counter and reason. */
  retryAttempt?: number;
  retryReason?: string;
}

/** What the app answered: the ack's payload ({} for a bare ack()) and how long it took. */
export interface EnvelopeAck {
  envelopeId: string;
  payload: Record<string, unknown>;
  elapsedMs: number;
}

/** The part of this fake a driver needs to play Slack over a socket. */
export interface SocketModeDelivery {
  deliver(type: EnvelopeType, payload: Record<string, unknown>, options?: DeliverOptions): Promise<EnvelopeAck>;
}

export interface DeliveredEnvelope {
  envelopeId: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  connectionId: number;
  ack?: Record<string, unknown>;
}

export interface FakeSocketModeOptions {
  appId: string;
  /** Slack waits about 3 s for an ack; an envelope not acked by then fails. */
  ackTimeoutMs?: number;
}

interface Connection {
  id: number;
  ws: WebSocket;
  /** Told to disconnect: Slack routes nothing new to it. */
  leaving: boolean;
}

interface PendingAck {
  started: number;
  record: DeliveredEnvelope;
  resolve: (ack: EnvelopeAck) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

const TICKET_TTL_MS = 30_000;

export class FakeSocketMode implements SocketModeDelivery {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly ackTimeoutMs: number;
  private readonly tickets = new Map<string, number>();
  private readonly pending = new Map<string, PendingAck>();
  private live: Connection[] = [];
  private delivered: DeliveredEnvelope[] = [];
  private connectionWaiters: Array<() => void> = [];
  private nextConnectionId = 0;
  /** How many URLs apps.connections.open has handed out. */
  urlsIssued = 0;

  constructor(private readonly options: FakeSocketModeOptions) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 3000;
  }

  /** The answer to apps.connections.open; wsBase is ws://127.0.0.1:PORT. */
  openConnection(wsBase: string): { ok: true; url: string } {
    const ticket = randomUUID();
    this.tickets.set(ticket, Date.now());
    this.urlsIssued += 1;
    return { ok: true, url: `${wsBase}/link/?ticket=${ticket}&app_id=${this.options.appId}` };
  }

  /** Upgrades GET /link/?ticket=… on the fake's HTTP server; a ticket works once, as Slack's do. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    const issuedAt = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    if (url.pathname !== '/link/' || issuedAt === undefined || Date.now() - issuedAt > TICKET_TTL_MS) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  /** Connections that said hello and were not asked to leave. */
  get openConnections(): number {
    return this.live.filter((c) => !c.leaving).length;
  }

  envelopes(): DeliveredEnvelope[] {
    return [...this.delivered];
  }

  /** Resolves once at least `count` connections are open (e.g. after a reconnect). */
  async waitForConnection(count = 1, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.openConnections < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`FakeSocketMode: ${this.openConnections} open connection(s), wanted ${count}, after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.connectionWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends `disconnect` to every open connection, as Slack does before recycling a server. */
  requestReconnect(reason: DisconnectReason = 'refresh_requested'): number {
    const told = this.live.filter((c) => !c.leaving);
    for (const c of told) {
      c.leaving = true;
      c.ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: `applink-fake-${c.id}` } }));
    }
    return told.length;
  }

  /** Sends one envelope to an open connection and waits for the app's ack. */
  deliver(type: EnvelopeType, payload: Record<string, unknown>, options: DeliverOptions = {}): Promise<EnvelopeAck> {
    const connection = this.live.filter((c) => !c.leaving).at(-1);
    // Slack fails the interaction at once when no connection is open.
    if (!connection) return Promise.reject(new Error(`FakeSocketMode: dispatch_failed, no open Socket Mode connection for ${type}`));
    const envelopeId = randomUUID();
    const envelope: Record<string, unknown> = {
      envelope_id: envelopeId,
      payload,
      type,
      accepts_response_payload: type === 'slash_commands' || (type === 'interactive' && payload.type === 'view_submission'),
    };
    if (type === 'events_api') {
      envelope.retry_attempt = options.retryAttempt ?? 0;
      envelope.retry_reason = options.retryReason ?? '';
    }
    const record: DeliveredEnvelope = { envelopeId, type, payload, connectionId: connection.id };
    this.delivered.push(record);
    return new Promise<EnvelopeAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`FakeSocketMode: no ack for ${type} envelope ${envelopeId} within ${this.ackTimeoutMs} ms`));
      }, this.ackTimeoutMs);
      this.pending.set(envelopeId, { started: performance.now(), record, resolve, reject, timer });
      connection.ws.send(JSON.stringify(envelope));
    });
  }

  /** Forgets delivered envelopes (the bench calls it between batches). */
  forget(): void {
    this.delivered = [];
  }

  async close(): Promise<void> {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error('FakeSocketMode: closed before the ack'));
    }
    this.pending.clear();
    // Complete the close handshake like Slack does; @slack/socket-mode leaks a 30 s timer when the socket just drops.
    await Promise.all(this.live.map((c) => closeGracefully(c.ws)));
    this.live = [];
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    const connection: Connection = { id: ++this.nextConnectionId, ws, leaving: false };
    this.live.push(connection);
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.onAck(data.toString());
    });
    ws.on('close', () => {
      this.live = this.live.filter((c) => c !== connection);
    });
    ws.on('error', () => ws.terminate());
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.openConnections,
        debug_info: { host: `applink-fake-${connection.id}`, build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.options.appId },
      }),
    );
    for (const wake of this.connectionWaiters.splice(0)) wake();
  }

  private onAck(text: string): void {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    const id = typeof message.envelope_id === 'string' ? message.envelope_id : '';
    const waiting = this.pending.get(id);
    if (!waiting) return;
    this.pending.delete(id);
    clearTimeout(waiting.timer);
    const payload = message.payload && typeof message.payload === 'object' ? (message.payload as Record<string, unknown>) : {};
    waiting.record.ack = payload;
    waiting.resolve({ envelopeId: id, payload, elapsedMs: performance.now() - waiting.started });
  }
}

function closeGracefully(ws: WebSocket, timeoutMs = 1000): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      ws.terminate();
      resolve();
    }, timeoutMs);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    if (ws.readyState === ws.OPEN) ws.close(1001, 'going away');
  });
}
