// The DfE CSC API flow's configuration, from the environment in the style of src/server/config.ts
// (documented in README's configuration table). Nothing is sent until the connection is configured:
// the page says which settings are missing.
import { z } from 'zod';

export interface CscApiSettings {
  /** The API's base URL (DfE production: https://find-and-use-an-api.education.gov.uk/api). */
  apiUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  /** DfE's SupplierKey header, where DfE issued one. */
  supplierKey: string | null;
  /** The council's 3-digit LA number, in the path. */
  laCode: string;
  /** Children per request: the API takes at most 100. */
  batchSize: number;
  /** Tries per request before it is recorded as failed (429, 5xx, no answer). */
  maxAttempts: number;
  /** First retry waits up to this long; each retry doubles it, up to retryMaxMs (full jitter). */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long a request may take before it counts as no answer. */
  timeoutMs: number;
}

const text = z.preprocess((value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined), z.string().optional());

const Env = z.object({
  LANTERN_CSC_API_URL: text.pipe(z.string().url().optional()),
  LANTERN_CSC_API_TOKEN_URL: text.pipe(z.string().url().optional()),
  LANTERN_CSC_API_CLIENT_ID: text,
  LANTERN_CSC_API_CLIENT_SECRET: text,
  LANTERN_CSC_API_SCOPE: text,
  LANTERN_CSC_API_SUPPLIER_KEY: text,
  LANTERN_LA_NUMBER: text.pipe(z.string().regex(/^\d{3}$/, 'LANTERN_LA_NUMBER must be the 3-digit LA number').optional()),
  LANTERN_CSC_API_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(100),
  LANTERN_CSC_API_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
});

const REQUIRED = ['LANTERN_CSC_API_URL', 'LANTERN_CSC_API_TOKEN_URL', 'LANTERN_CSC_API_CLIENT_ID', 'LANTERN_CSC_API_CLIENT_SECRET', 'LANTERN_CSC_API_SCOPE', 'LANTERN_LA_NUMBER'] as const;

export type CscApiConfig = { ok: true; settings: CscApiSettings } | { ok: false; problems: string[] };

/** The settings, or what is missing or wrong (names only: a secret is never echoed). */
export function readCscApiConfig(env: NodeJS.ProcessEnv = process.env): CscApiConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  const e = parsed.data;
  const missing = REQUIRED.filter((name) => !e[name]);
  if (missing.length) return { ok: false, problems: missing.map((name) => `${name} is not set`) };
  return {
    ok: true,
    settings: {
      apiUrl: e.LANTERN_CSC_API_URL!.replace(/\/+$/, ''),
      tokenUrl: e.LANTERN_CSC_API_TOKEN_URL!,
      clientId: e.LANTERN_CSC_API_CLIENT_ID!,
      clientSecret: e.LANTERN_CSC_API_CLIENT_SECRET!,
      scope: e.LANTERN_CSC_API_SCOPE!,
      supplierKey: e.LANTERN_CSC_API_SUPPLIER_KEY ?? null,
      laCode: e.LANTERN_LA_NUMBER!,
      batchSize: e.LANTERN_CSC_API_BATCH_SIZE,
      maxAttempts: e.LANTERN_CSC_API_MAX_ATTEMPTS,
      retryBaseMs: 2_000,
      retryMaxMs: 120_000,
      timeoutMs: 60_000,
    },
  };
}
