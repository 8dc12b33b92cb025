// The request log names the page, never the one-time password reset token in its address (issue 6 §3).
import { describe, expect, it } from 'vitest';
import { logSerializers, redactUrl } from './logging.ts';

describe('request log', () => {
  it('keeps a password reset link out of the log, and other addresses as they are', () => {
    expect(redactUrl('/account/reset/Zx9-secret_token')).toBe('/account/reset/[redacted]');
    expect(redactUrl('/account/reset/Zx9-secret_token?next=/')).toBe('/account/reset/[redacted]?next=/');
    expect(redactUrl('/children/0b7c/visits')).toBe('/children/0b7c/visits');
    const logged = logSerializers.req({ method: 'POST', url: '/account/reset/abc', hostname: 'lantern.test', ip: '10.0.0.1' });
    expect(JSON.stringify(logged)).not.toContain('abc');
  });
});
