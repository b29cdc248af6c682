// GET /healthz (the process answers and its database too) and GET /readyz (able to do its job now),
// served next to /slack/events in HTTP mode. Bodies name states only: the port is public, details go to the log.
import type { CustomRoute } from '@slack/bolt';
import type { ServerResponse } from 'node:http';

export interface HealthSources {
  /** A trivial query against the database; false (or a throw) means unreachable. */
  databaseReachable(): boolean;
  /** Slack's auth.test answered for the bot token. */
  slackAuthenticated(): boolean;
  /** The SmartAG start-up access check passed (or there is nothing to check). */
  smartagReady(): boolean;
  /** A stop began: the bot finishes what it has and takes nothing new. */
  draining(): boolean;
}

export function healthRoutes(sources: HealthSources): CustomRoute[] {
  return [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => {
        const database = reachable(sources) ? 'ok' : 'unreachable';
        send(res, database === 'ok' ? 200 : 503, { status: database === 'ok' ? 'ok' : 'failing', database });
      },
    },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req, res) => {
        const checks = {
          database: reachable(sources) ? 'ok' : 'unreachable',
          slack: sources.slackAuthenticated() ? 'ok' : 'pending',
          smartag: sources.smartagReady() ? 'ok' : 'not ready',
        };
        const draining = sources.draining();
        const ready = !draining && Object.values(checks).every((v) => v === 'ok');
        send(res, ready ? 200 : 503, { ready, draining, checks });
      },
    },
  ];
}

function reachable(sources: HealthSources): boolean {
  try {
    return sources.databaseReachable();
  } catch {
    return false;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
