// `npm run demo`: the whole flow on the embedded sandbox, printed as a transcript; exit 0 only if it worked.
import { ACTION, FIELD_BLOCK } from '../slack/blocks/ids';
import { startSandbox } from './sandbox';
import { renderBlocks } from './transcript';
import { PEOPLE, SANDBOX } from './world';

const say = (line = '') => process.stdout.write(`${line}\n`);
const step = (n: number, title: string) => say(`\n── ${n}. ${title} ${'─'.repeat(Math.max(0, 66 - title.length))}`);

async function demo(): Promise<boolean> {
  const sb = await startSandbox();
  const { requester, approver, newHire } = PEOPLE;
  try {
    say('SAG Access Bot — sandbox demo');
    say(`  bot (HTTP mode)     http://127.0.0.1:${sb.bot.port}/slack/events`);
    say(`  fake Slack Web API  ${sb.config.slack.apiUrl}`);
    say(`  SmartAG emulator    ${sb.config.sag.endpoint}  (instance ${SANDBOX.instanceId}, client CIDR ${SANDBOX.clientCidr})`);
    say(`  database            ${sb.databasePath}`);

    step(1, `@${requester.name} runs /sag-access`);
    const view = await sb.openRequestModal(requester.id);
    const open = sb.slack.calls('views.open')[0];
    say(`  views.open answered ok=${open.response.ok}; the e-mail was pre-filled afterwards with views.update`);
    say(renderBlocks(view.blocks));

    step(2, 'A refused submission: every field error shows inline');
    const bad = await sb.submitRequest(requester.id, { [FIELD_BLOCK.userMail]: 'nina@', [FIELD_BLOCK.bandwidthKbps]: '5000', [FIELD_BLOCK.clientIp]: '192.168.1.7', [FIELD_BLOCK.userName]: 'nina', [FIELD_BLOCK.reason]: null }, view);
    const errors = (JSON.parse(bad.body) as { errors: Record<string, string> }).errors;
    for (const [block, message] of Object.entries(errors)) say(`    ${block}: ${message}`);

    step(3, `@${requester.name} asks for an account for ${newHire.email}`);
    const ok = await sb.submitRequest(requester.id, { [FIELD_BLOCK.userMail]: newHire.email, [FIELD_BLOCK.bandwidthKbps]: '1500', [FIELD_BLOCK.clientIp]: '10.10.0.42', [FIELD_BLOCK.userName]: 'nina.vpn', [FIELD_BLOCK.reason]: 'New hire, starts Monday <!channel>' }, view);
    say(`  modal acknowledged: HTTP ${ok.status} in ${ok.elapsedMs.toFixed(0)} ms`);
    const admin = await sb.waitUntil(() => sb.latestAdminMessage(), 'the admin message');
    say(`  posted to #admins (${SANDBOX.adminChannelId}):`);
    say(renderBlocks(admin.blocks));
    say('    (the reason is posted as plain_text: shown exactly as typed, so the <!channel> in it pings nobody)');
    const waiting = await sb.waitUntil(() => sb.slack.dmsTo(requester.id)[0], 'the confirmation DM');
    say(`  DM to @${requester.name}: ${waiting.text}`);

    step(4, `@${approver.name} presses Approve`);
    await sb.click(approver.id, admin, ACTION.approve);
    // The outcome is complete once the password DM went out (or the request failed).
    await sb.waitUntil(() => sb.bot.store.listAudit().find((a) => a.action === 'credentials_sent' || a.action === 'failed'), 'the outcome');
    const create = sb.emulator.calls.find((c) => c.action === 'CreateSmartAccessGatewayClientUser')!;
    say(`  → SmartAG API: ${create.action}`);
    for (const [k, v] of Object.entries(create.params)) {
      if (/^(Action|RegionId|SmartAGId|UserMail|Bandwidth|ClientIp|UserName|Password)$/.test(k)) say(`      ${k}=${v}`);
    }
    say(`  ← emulator: HTTP ${create.httpStatus}${create.code ? ` ${create.code}` : ''}; accounts on ${SANDBOX.instanceId} now:`);
    for (const u of sb.emulator.users(SANDBOX.instanceId)) say(`      ${u.userName} <${u.userMail}> ${u.bandwidthKbps} Kbps, IP ${u.clientIp ?? 'from pool'}, ${u.state}`);

    step(5, 'The outcome');
    say('  admin message rewritten:');
    say(renderBlocks(sb.adminMessageFor(sb.bot.store.listByRequester(requester.id)[0].id)!.blocks));
    for (const person of [requester, newHire]) {
      for (const m of sb.slack.dmsTo(person.id).slice(person === requester ? 1 : 0)) {
        // The demo shows that a password was delivered, never the password itself.
        const text = m.text.replace(/Password: `[^`]+`/, 'Password: `••••••••` (hidden in this transcript)');
        say(`  DM to @${person.name}: ${text.split('\n').join('\n      ')}`);
      }
    }

    const request = sb.bot.store.listByRequester(requester.id)[0];
    const exists = sb.emulator.users(SANDBOX.instanceId).some((u) => u.userName === 'nina.vpn');
    const told = sb.slack.dmsTo(requester.id).some((m) => m.text.includes('is ready'));
    say(`\nResult: request ${request.id} is ${request.status}; account in emulator: ${exists ? 'yes' : 'NO'}; requester told: ${told ? 'yes' : 'NO'}`);
    say('Audit trail:');
    for (const a of sb.bot.store.listAudit(undefined, request.id)) say(`  ${a.at.toISOString()}  ${a.action.padEnd(16)} ${a.actorId ?? ''}`);
    return exists && told && request.status === 'provisioned';
  } finally {
    await sb.stop();
  }
}

demo().then(
  (ok) => {
    say(ok ? '\nDemo finished: the account exists and the requester was told.' : '\nDemo FAILED: see above.');
    process.exit(ok ? 0 : 1);
  },
  (err) => {
    process.stderr.write(`Demo failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
