// Renders Block Kit as plain lines so the demo transcript reads like what a person sees in Slack.
type Json = Record<string, unknown>;

function textOf(t: unknown): string {
  return t && typeof t === 'object' && 'text' in (t as Json) ? String((t as Json).text) : '';
}

export function renderBlocks(blocks: unknown[], indent = '    '): string {
  const lines: string[] = [];
  for (const raw of blocks as Json[]) {
    switch (raw.type) {
      case 'header':
        lines.push(`# ${textOf(raw.text)}`);
        break;
      case 'section':
        if (raw.text) lines.push(textOf(raw.text));
        for (const f of (raw.fields as unknown[]) ?? []) lines.push(`  · ${textOf(f).replace(/\n/g, ': ')}`);
        break;
      case 'context':
        lines.push(((raw.elements as unknown[]) ?? []).map(textOf).join(' '));
        break;
      case 'input': {
        const el = raw.element as Json;
        const value = el.initial_value ? ` = "${String(el.initial_value)}"` : '';
        lines.push(`[${textOf(raw.label)}${raw.optional ? '' : ' *'}] (${String(el.type)})${value}`);
        break;
      }
      case 'actions':
        lines.push(((raw.elements as Json[]) ?? []).map((b) => `[ ${textOf(b.text)} ]`).join(' '));
        break;
      default:
        lines.push(`(${String(raw.type)})`);
    }
  }
  return lines.flatMap((l) => l.split('\n')).map((l) => indent + l).join('\n');
}
