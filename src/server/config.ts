// Configuration from the environment, with defaults that make `npm start` work on a fresh machine.
import { isIP } from 'node:net';
import { z } from 'zod';

/** Fastify's trustProxy: off, every proxy, a number of hops, or the proxies' addresses and CIDRs. */
export type TrustProxy = boolean | number | string[];

// proxy-addr's names for whole ranges, which Fastify accepts in the list as well as addresses.
const RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

const isAddressOrCidr = (entry: string): boolean => {
  if (RANGE_NAMES.includes(entry) || isIP(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined || !address || !bits || !/^\d{1,3}$/.test(bits)) return false;
  const version = isIP(address);
  return version !== 0 && Number(bits) <= (version === 4 ? 32 : 128);
};

/**
 * Reads LANTERN_TRUST_PROXY. Unset (or `false`): X-Forwarded-For and the like are ignored, so nobody
 * can choose the IP address the audit log records. `true`: trust every proxy (only when Lantern can be
 * reached through the proxy alone). A number: trust that many hops. Otherwise a comma-separated list
 * of the proxies' addresses or CIDR ranges (`10.0.0.0/8, 127.0.0.1`).
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  const wrong = entries.filter((entry) => !isAddressOrCidr(entry));
  if (wrong.length || entries.length === 0) {
    throw new Error(`LANTERN_TRUST_PROXY must be true, a number of hops, or a comma-separated list of addresses or CIDR ranges; not ${wrong.join(', ') || text}`);
  }
  return entries;
}

const Env = z.object({
  // 0 lets the system choose a free port (tests); the address is printed.
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  // An empty DATABASE_URL means the embedded database, as if it were not set.
  DATABASE_URL: z.preprocess((value) => (value === '' ? undefined : value), z.string().url().optional()),
  LANTERN_DATA_DIR: z.string().default('./data'),
  LANTERN_COOKIE_SECRET: z.string().min(32, 'LANTERN_COOKIE_SECRET must be at least 32 characters').optional(),
  LANTERN_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  LANTERN_TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx): TrustProxy => {
      try {
        return parseTrustProxy(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  LANTERN_COUNCIL_NAME: z.string().default('Brightwater Borough Council (synthetic)'),
  LANTERN_SEED_SIZE: z.enum(['tiny', 'small', 'medium', 'large']).default('small'),
  LANTERN_SEED: z.coerce.number().int().default(1),
  // Processes serving requests on PostgreSQL (sessions are in the database, so any may answer any
  // request). The embedded database is one process by nature. See bench/RESULTS.md for the figures.
  LANTERN_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /** Pin "today" (YYYY-MM-DD) so a demo looks the same every day. */
  LANTERN_TODAY: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});

export type Config = z.infer<typeof Env>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Lantern's configuration is not valid:\n${problems}`);
  }
  return parsed.data;
}
