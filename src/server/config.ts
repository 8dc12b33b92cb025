// Configuration from the environment, with defaults that make `npm start` work on a fresh machine.
import { z } from 'zod';

const Env = z.object({
  // 0 lets the system choose a free port (tests); the address is printed.
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  // An empty DATABASE_URL means the embedded database, as if it were not set.
  DATABASE_URL: z.preprocess((value) => (value === '' ? undefined : value), z.string().url().optional()),
  LANTERN_DATA_DIR: z.string().default('./data'),
  LANTERN_COOKIE_SECRET: z.string().min(32, 'LANTERN_COOKIE_SECRET must be at least 32 characters').optional(),
  LANTERN_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  LANTERN_COUNCIL_NAME: z.string().default('Brightwater Borough Council (synthetic)'),
  LANTERN_SEED_SIZE: z.enum(['tiny', 'small', 'medium', 'large']).default('small'),
  LANTERN_SEED: z.coerce.number().int().default(1),
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
