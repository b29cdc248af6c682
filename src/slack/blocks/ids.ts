// The ids Slack echoes back to us; listeners and builders share them so a rename cannot split them.
export const CALLBACK = {
  requestModal: 'sag_request_modal',
  denyModal: 'sag_deny_modal',
} as const;

/** One input block per form field; field errors are keyed by these block ids. */
export const FIELD_BLOCK = {
  userMail: 'user_mail',
  bandwidthKbps: 'bandwidth_kbps',
  clientIp: 'client_ip',
  userName: 'user_name',
  reason: 'reason',
} as const;

export const DENY_REASON_BLOCK = 'deny_reason';

/** Every input element uses the same action id; the block id names the field. */
export const INPUT_ACTION = 'value';

export const ACTION = {
  approve: 'approve_request',
  deny: 'deny_request',
  retry: 'retry_request',
  openRequestModal: 'open_request_modal',
  cancelRequest: 'cancel_request',
} as const;
