// The Notifier and ApproverDirectory ports on Slack's Web API.
import type { WebClient } from '@slack/web-api';
import type { BotLocale } from '../domain/cloud-errors';
import type { AccessRequest } from '../domain/request';
import type { AdminNotice, ApproverDirectory, Clock, HomeContent, Logger, Notifier, PersonMessage } from '../services/ports';
import { systemClock } from '../services/ports';
import { homeView } from './blocks/home';
import { reminderMessage } from './blocks/reminder';
import { welcomeMessage } from './blocks/welcome';
import { adminMessage } from './blocks/admin-message';
import { cloudAccessNotice } from './blocks/cloud-access-notice';
import { personMessage } from './blocks/person-message';

function slackError(err: unknown): string | undefined {
  return (err as { data?: { error?: string } })?.data?.error;
}

export class SlackNotifier implements Notifier {
  private readonly dmChannels = new Map<string, string>();
  private readonly profileMails = new Map<string, { mail: string | undefined; until: number }>();

  constructor(
    private readonly client: WebClient,
    private readonly adminChannelId: string,
    private readonly locale: BotLocale,
    /** The configured slash command (SLASH_COMMAND), named in the welcome. */
    private readonly command: string,
    /** Mentioned in reminders (U… users, S… user groups). */
    private readonly approverIds: readonly string[] = [],
    private readonly clock: Clock = systemClock,
    private readonly profileCacheMs = 10 * 60_000,
  ) {}

  cachedMailOfUser(userId: string): string | undefined {
    const cached = this.profileMails.get(userId);
    return cached && cached.until > this.clock.now().getTime() ? cached.mail : undefined;
  }

  async findMailOfUser(userId: string, options: { fresh?: boolean } = {}): Promise<string | undefined> {
    const now = this.clock.now().getTime();
    const cached = this.profileMails.get(userId);
    if (cached && cached.until > now && !options.fresh) return cached.mail;
    const res = await this.client.users.info({ user: userId });
    const mail = res.user?.profile?.email || undefined;
    this.profileMails.set(userId, { mail, until: now + this.profileCacheMs });
    return mail;
  }

  async remindApprovers(request: AccessRequest, reminder: { number: number; waitingMs: number }): Promise<void> {
    if (!request.adminChannelId || !request.adminMessageTs) return;
    await this.client.chat.postMessage({ channel: request.adminChannelId, thread_ts: request.adminMessageTs, ...reminderMessage(request, reminder, this.approverIds, this.locale) });
  }

  async welcome(userId: string): Promise<void> {
    const channel = await this.dmChannel(userId);
    await this.client.chat.postMessage({ channel, ...welcomeMessage(this.locale, this.command) });
  }

  async publishHome(home: HomeContent): Promise<void> {
    await this.client.views.publish({ user_id: home.userId, view: homeView(home, this.locale) });
  }

  async announceRequest(request: AccessRequest): Promise<{ channelId: string; messageTs: string }> {
    const res = await this.client.chat.postMessage({ channel: this.adminChannelId, ...adminMessage(request, this.locale) });
    return { channelId: res.channel as string, messageTs: res.ts as string };
  }

  async tellAdmins(notice: AdminNotice): Promise<void> {
    await this.client.chat.postMessage({ channel: this.adminChannelId, ...cloudAccessNotice(notice, this.locale) });
  }

  async refreshAdminMessage(request: AccessRequest): Promise<void> {
    if (!request.adminChannelId || !request.adminMessageTs) return;
    await this.client.chat.update({ channel: request.adminChannelId, ts: request.adminMessageTs, ...adminMessage(request, this.locale) });
  }

  async tellPerson(userId: string, message: PersonMessage): Promise<void> {
    const channel = await this.dmChannel(userId);
    await this.client.chat.postMessage({ channel, ...personMessage(message, this.locale) });
  }

  async findUserIdByMail(userMail: string): Promise<string | undefined> {
    try {
      const res = await this.client.users.lookupByEmail({ email: userMail });
      const user = res.user;
      if (!user || user.deleted || user.is_bot) return undefined;
      return user.id;
    } catch (err) {
      if (slackError(err) === 'users_not_found') return undefined;
      throw err;
    }
  }

  private async dmChannel(userId: string): Promise<string> {
    const known = this.dmChannels.get(userId);
    if (known) return known;
    const res = await this.client.conversations.open({ users: userId });
    const id = res.channel?.id as string;
    this.dmChannels.set(userId, id);
    return id;
  }
}

/** Approvers are user ids and user-group ids; group members are re-read after a short cache. */
export class SlackApproverDirectory implements ApproverDirectory {
  private readonly userIds: Set<string>;
  private readonly groupIds: string[];
  private cache?: { members: Set<string>; until: number };

  constructor(
    private readonly client: WebClient,
    approverIds: readonly string[],
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly cacheMs = 60_000,
  ) {
    this.userIds = new Set(approverIds.filter((id) => !id.startsWith('S')));
    this.groupIds = approverIds.filter((id) => id.startsWith('S'));
  }

  async isApprover(userId: string): Promise<boolean> {
    if (this.userIds.has(userId)) return true;
    if (this.groupIds.length === 0) return false;
    return (await this.groupMembers()).has(userId);
  }

  private async groupMembers(): Promise<Set<string>> {
    const now = this.clock.now().getTime();
    if (this.cache && this.cache.until > now) return this.cache.members;
    const members = new Set<string>();
    for (const usergroup of this.groupIds) {
      try {
        const res = await this.client.usergroups.users.list({ usergroup });
        for (const u of res.users ?? []) members.add(u);
      } catch (err) {
        // A group we cannot read grants nobody; say so instead of failing the click.
        this.logger.warn({ usergroup, error: slackError(err) }, 'could not read approver user group');
      }
    }
    this.cache = { members, until: now + this.cacheMs };
    return members;
  }
}
