// The people, channel and SmartAG instance of the sandbox workspace, shared by the demo, tests and bench.
import type { FakeSlackUser } from './fake-slack';

export const SANDBOX = {
  adminChannelId: 'C0ADMINS',
  approverGroupId: 'S0APPROVERS',
  regionId: 'cn-shanghai',
  instanceId: 'sag-sandbox01',
  clientCidr: '10.10.0.0/24',
  accessKeyId: 'LTAI5tSandboxKeyId01',
  // Not a real secret: it signs requests between the bot and the local emulator only.
  accessKeySecret: 'sandbox-access-key-secret-0123456789',
  botToken: 'xoxb-sandbox-0000-bot-token',
  signingSecret: 'sandbox-signing-secret-0123456789abcdef',
  // App-level token for Socket Mode runs of the sandbox.
  appToken: 'xapp-1-A123456-sandbox-app-token-0123456789',
} as const;

export const PEOPLE = {
  requester: { id: 'U0STEVE', name: 'steve', email: 'steve@example.com', realName: 'Steve Requester' },
  approver: { id: 'U0ALEX', name: 'alex', email: 'alex@example.com', realName: 'Alex Approver' },
  groupApprover: { id: 'U0BLAIR', name: 'blair', email: 'blair@example.com', realName: 'Blair (approver group)' },
  newHire: { id: 'U0NINA', name: 'nina', email: 'nina@example.com', realName: 'Nina New-Hire' },
  bystander: { id: 'U0OMAR', name: 'omar', email: 'omar@example.com', realName: 'Omar Bystander' },
} as const satisfies Record<string, FakeSlackUser>;

export const SANDBOX_USERS: FakeSlackUser[] = Object.values(PEOPLE).map((p) => ({ ...p }));
