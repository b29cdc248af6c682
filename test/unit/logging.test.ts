import { PassThrough } from 'node:stream';
import { boltLogger, createLogger, withoutSlackBodies } from '../../src/logging';

describe('Slack Web API lines in the log', () => {
  it('keep what happened but drop the bodies, which can carry a generated password', () => {
    expect(withoutSlackBodies('http request body: {"text":"Password: `s3cret-Pass`"}')).toBe('http request body: [omitted: may carry a password or personal data]');
    expect(withoutSlackBodies('http request result: {"ok":true,"message":{"text":"Password: x"}}')).toBe('http request result: [omitted: may carry a password or personal data]');
    expect(withoutSlackBodies("apiCall('chat.postMessage') start")).toBe("apiCall('chat.postMessage') start");
  });

  it('are written that way by the logger Bolt and its WebClient use, at debug', () => {
    const lines: string[] = [];
    const out = new PassThrough();
    out.on('data', (c: Buffer) => lines.push(c.toString()));
    const log = boltLogger(createLogger('debug', [], out));
    log.debug('http request body:', JSON.stringify({ text: 'Password: `Zz9-generated`' }));
    expect(lines.join('')).not.toContain('Zz9-generated');
    expect(lines.join('')).toContain('http request body: [omitted');
  });
});
