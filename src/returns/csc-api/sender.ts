// Sends one batch to the DfE CSC API (POST /children_social_care_data/{la_code}/children) with an
// OAuth2 client-credentials token, and says what came of it. Retries, with exponential backoff and
// full jitter, what may succeed later: 429 (after at least its Retry-After), 5xx and no answer. A 401
// fetches a new token once (it may have expired). Any other 4xx (400 malformed, 403, 413) is DfE
// refusing this batch: sending it again would be refused again, so it is not retried.
// Nothing here logs a payload or an answer: the run records counts and a redacted excerpt.
import type { CscApiSettings } from './config.ts';
import type { CscChild } from './payload.ts';

export type SendOutcome = 'accepted' | 'rejected' | 'failed';

export interface SendResult {
  outcome: SendOutcome;
  /** The last answer's status; null when the last attempt had no answer. */
  httpStatus: number | null;
  attempts: number;
  receipt: string | null;
  /** The start of the last answer (or what went wrong), with the batch's values removed. */
  excerpt: string | null;
}

export interface SenderDeps {
  fetch: typeof fetch;
  /** Waits between attempts (tests record the waits instead of waiting). */
  sleep: (ms: number) => Promise<void>;
  /** 0 ≤ x < 1, for the jitter. */
  random: () => number;
}

export const realSenderDeps: SenderDeps = {
  fetch: (...args) => fetch(...args),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Beyond this, a Retry-After is not waited for in this run: the batch is left to the next. */
const LONGEST_WAIT_MS = 15 * 60_000;
const EXCERPT_LENGTH = 400;

/** Retry-After in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** The wait before retry n (1 = the first retry): full jitter over base·2^(n-1), capped; never less than Retry-After. */
export function backoffMs(retry: number, settings: Pick<CscApiSettings, 'retryBaseMs' | 'retryMaxMs'>, random: number, retryAfter: number | null): number {
  const ceiling = Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** (retry - 1));
  const jittered = Math.floor(random * ceiling);
  return retryAfter !== null ? Math.max(retryAfter, jittered) : jittered;
}

/** Every string value in the batch (names, dates, ids, postcodes), longest first, to take out of an answer. */
function valuesIn(items: readonly CscChild[]): string[] {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string' && value.length >= 2) found.add(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(items);
  return [...found].sort((a, b) => b.length - a.length);
}

/**
 * The start of DfE's answer, safe to keep and to show: every value the batch carried is replaced,
 * so an error message that quotes a child's name, date of birth or id keeps only its wording.
 */
export function redactedExcerpt(answer: string, items: readonly CscChild[]): string | null {
  let text = answer.slice(0, 4_000);
  for (const value of valuesIn(items)) text = text.split(value).join('[removed]');
  text = text.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;
}

export class CscApiClient {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(
    private readonly settings: CscApiSettings,
    private readonly deps: SenderDeps = realSenderDeps,
  ) {}

  private async fetchToken(): Promise<{ ok: true; token: string } | { ok: false; status: number | null; retryable: boolean; message: string; retryAfter: number | null }> {
    if (this.token && this.token.expiresAt > Date.now()) return { ok: true, token: this.token.value };
    let response: Response;
    try {
      response = await this.deps.fetch(this.settings.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.settings.clientId, client_secret: this.settings.clientSecret, scope: this.settings.scope }).toString(),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch (error) {
      return { ok: false, status: null, retryable: true, message: `No answer from the token service (${errorName(error)})`, retryAfter: null };
    }
    if (!response.ok) {
      await response.body?.cancel();
      const retryable = response.status === 429 || response.status >= 500;
      return { ok: false, status: response.status, retryable, message: `The token service refused Lantern’s client credentials (HTTP ${response.status})`, retryAfter: retryAfterMs(response.headers.get('retry-after'), new Date()) };
    }
    const body = (await response.json().catch(() => null)) as { access_token?: unknown; expires_in?: unknown } | null;
    if (!body || typeof body.access_token !== 'string') return { ok: false, status: response.status, retryable: false, message: 'The token service answered without an access token', retryAfter: null };
    const lifetime = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in ?? 300);
    // Renew a minute early, so that a token does not expire between fetching it and using it.
    this.token = { value: body.access_token, expiresAt: Date.now() + Math.max(0, (Number.isFinite(lifetime) ? lifetime : 300) - 60) * 1000 };
    return { ok: true, token: body.access_token };
  }

  /** Sends one batch (at most 100 children), retrying as the header says. */
  async send(items: readonly CscChild[], requestId: string): Promise<SendResult> {
    const url = `${this.settings.apiUrl}/children_social_care_data/${this.settings.laCode}/children`;
    const body = JSON.stringify(items);
    let attempts = 0;
    let renewedToken = false;
    let last: { status: number | null; excerpt: string | null } = { status: null, excerpt: null };
    while (attempts < this.settings.maxAttempts) {
      attempts += 1;
      let retryAfter: number | null = null;
      const token = await this.fetchToken();
      if (!token.ok) {
        last = { status: token.status, excerpt: token.message };
        if (!token.retryable) return { outcome: 'rejected', httpStatus: token.status, attempts, receipt: null, excerpt: token.message };
        retryAfter = token.retryAfter;
      } else {
        let response: Response | null = null;
        try {
          response = await this.deps.fetch(url, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${token.token}`,
              'content-type': 'application/json',
              accept: 'application/json',
              'x-request-id': requestId,
              ...(this.settings.supplierKey ? { SupplierKey: this.settings.supplierKey } : {}),
            },
            body,
            signal: AbortSignal.timeout(this.settings.timeoutMs),
          });
        } catch (error) {
          last = { status: null, excerpt: `No answer from DfE (${errorName(error)})` };
        }
        if (response) {
          const answer = await response.text().catch(() => '');
          last = { status: response.status, excerpt: redactedExcerpt(answer, items) };
          if (response.status === 200 || response.status === 204) {
            return { outcome: 'accepted', httpStatus: response.status, attempts, receipt: receiptIn(answer), excerpt: null };
          }
          if (response.status === 401 && !renewedToken) {
            // The token may have expired (or been revoked) since it was fetched: fetch a new one, once.
            renewedToken = true;
            this.token = null;
            if (attempts < this.settings.maxAttempts) continue;
          }
          if (response.status !== 429 && response.status < 500) {
            return { outcome: 'rejected', httpStatus: response.status, attempts, receipt: null, excerpt: last.excerpt };
          }
          retryAfter = retryAfterMs(response.headers.get('retry-after'), new Date());
        }
      }
      if (attempts >= this.settings.maxAttempts) break;
      const wait = backoffMs(attempts, this.settings, this.deps.random(), retryAfter);
      if (wait > LONGEST_WAIT_MS) {
        last = { ...last, excerpt: `${last.excerpt ?? ''} (DfE asked Lantern to wait ${Math.round(wait / 1000)} s: left to the next run)`.trim() };
        break;
      }
      await this.deps.sleep(wait);
    }
    return { outcome: 'failed', httpStatus: last.status, attempts, receipt: null, excerpt: last.excerpt };
  }
}

/** The Receipt (a UUID, as a JSON string) from a 200's body. */
function receiptIn(answer: string): string | null {
  const text = answer.trim();
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'string') return parsed.slice(0, 100);
  } catch {
    // not JSON: keep it as it came, if it looks like an id
  }
  return /^[0-9A-Za-z-]{1,100}$/.test(text) ? text : null;
}

const errorName = (error: unknown): string => (error instanceof Error ? (error.name === 'TimeoutError' ? 'timed out' : error.name) : 'error');
