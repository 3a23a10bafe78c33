/**
 * Every environment variable the app, the probe worker and the scripts read, in one schema, validated once: a
 * bad value stops start-up with a message that names it. Nothing else reads process.env (the lint rule and a
 * test keep it so). The README's Configuration table lists the same variables.
 *
 * `environment()` is the whole schema with every variable optional (what any process may read); `appConfig()`
 * also demands what a serving instance cannot run without (the database and both secrets), with no fallback.
 */
import "server-only";
import { z } from "zod";

const port = z.coerce.number().int().min(1).max(65535);
const onOff = z.enum(["on", "off"]);
const secret = (name: string) => z.string().min(16, `${name} must be at least 16 characters`);

/**
 * Two hours by default: a DIO's day has a lunch break, a review meeting or a camp visit away from the desk, and
 * being asked to sign in again after each of those would teach people to leave the password on a sticky note; a
 * laptop left open in a shared office or a phone left at a camp should not stay signed in for the afternoon.
 */
export const DEFAULT_IDLE_MINUTES = 120;
const IDLE_BOUNDS = { min: 5, max: 12 * 60 } as const;

export const ZIdleMinutes = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw.trim() === "") return DEFAULT_IDLE_MINUTES;
    const minutes = Number(raw);
    if (Number.isInteger(minutes) && minutes >= IDLE_BOUNDS.min && minutes <= IDLE_BOUNDS.max) return minutes;
    ctx.addIssue({ code: "custom", message: `TEEKA_SESSION_IDLE_MINUTES must be a whole number of minutes from ${IDLE_BOUNDS.min} to ${IDLE_BOUNDS.max} (got "${raw}")` });
    return z.NEVER;
  });

/** The one request header (if any) whose client address a reverse proxy in front of the app vouches for. */
export const ZTrustedProxyHeader = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const name = raw?.trim().toLowerCase();
    if (!name) return null;
    if (/^[a-z0-9-]{1,64}$/.test(name)) return name;
    ctx.addIssue({ code: "custom", message: `TEEKA_TRUSTED_PROXY_HEADER must be one header name such as x-real-ip (got "${raw}")` });
    return z.NEVER;
  });

/** One variable checked on its own (for helpers that take a raw value, e.g. in tests); throws like start-up would. */
export function parseVariable<T>(schema: z.ZodType<T>, raw: string | undefined): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => i.message).join("; ")}.`);
  return parsed.data;
}

const ZEnvironment = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).optional(),
  /** Set by Next.js itself: which runtime and build phase this code runs in. */
  NEXT_RUNTIME: z.string().optional(),
  NEXT_PHASE: z.string().optional(),
  PORT: port.default(3000),
  DATABASE_URL: z.url({ message: "DATABASE_URL must be a postgresql:// URL" }).optional(),
  NEXTAUTH_URL: z.url({ message: "NEXTAUTH_URL must be the app's public URL, e.g. https://teeka.example" }).optional(),
  NEXTAUTH_SECRET: secret("NEXTAUTH_SECRET").optional(),
  TEEKA_ID_HASH_KEY: secret("TEEKA_ID_HASH_KEY").optional(),
  /** Encrypts alert channels' provider secrets at rest; unset, a key is derived from NEXTAUTH_SECRET. */
  TEEKA_SECRETS_KEY: secret("TEEKA_SECRETS_KEY").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TEEKA_DATA_DIR: z.string().min(1).optional(),
  TEEKA_PG_PORT: port.default(54321),
  TEEKA_DEMO_DATA: z.enum(["0", "1"]).optional(),
  TEEKA_PROBES: onOff.default("on"),
  /** Serve the dashboards' heavy figures from per-scope read models (off: compute every request). */
  TEEKA_READ_MODELS: onOff.default("on"),
  TEEKA_SIM_PORT: port.default(4010),
  TEEKA_CHROMIUM_PATH: z.string().trim().min(1).default("/usr/bin/chromium"),
  TEEKA_SESSION_IDLE_MINUTES: ZIdleMinutes,
  TEEKA_TRUSTED_PROXY_HEADER: ZTrustedProxyHeader,
  TEEKA_PROBE_LEASE_KEY: z.string().regex(/^-?\d{1,18}$/, "TEEKA_PROBE_LEASE_KEY must be an integer").transform(BigInt).optional(),
  TEEKA_PROBE_TARGET_IDS: z
    .string()
    .regex(/^\s*\d+\s*(,\s*\d+\s*)*$/, "TEEKA_PROBE_TARGET_IDS must be comma-separated target ids")
    .transform((s) => s.split(",").map((id) => Number(id.trim())))
    .optional(),
  TEEKA_PROBE_LEASE_RETRY_MS: z.coerce.number().int().min(100).max(600_000).optional(),
  /** create-user only: the new password, so that it never appears on a command line. */
  TEEKA_NEW_PASSWORD: z.string().optional(),
});

export type Environment = z.output<typeof ZEnvironment>;
export type AppConfig = Environment & { DATABASE_URL: string; NEXTAUTH_SECRET: string; TEEKA_ID_HASH_KEY: string };

function problems(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
}

/** Parses an environment (empty values mean "not set", as in `DATABASE_URL= npm start`). */
export function parseEnvironment(env: Record<string, string | undefined>): Environment {
  const parsed = ZEnvironment.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== "")));
  if (!parsed.success) throw new Error(`Invalid configuration: ${problems(parsed.error)}.`);
  return parsed.data;
}

let cached: Environment | undefined;

/** This process's environment, validated on first use. */
export function environment(): Environment {
  cached ??= parseEnvironment(process.env);
  return cached;
}

/** Forgets the parsed environment, so that the next read sees process.env again (tests that change a variable). */
export function resetEnvironment(): void {
  cached = undefined;
}

/** What a serving app instance (and the worker) needs; throws, naming what is missing, when something is. */
export function appConfig(env: Environment = environment()): AppConfig {
  const missing = (["DATABASE_URL", "NEXTAUTH_SECRET", "TEEKA_ID_HASH_KEY"] as const).filter((name) => !env[name]);
  if (missing.length) throw new Error(`Invalid configuration: ${missing.join(", ")} must be set. Start the app with \`npm start\`, which sets them.`);
  return env as AppConfig;
}

/** For tests and scripts that build a configuration from values rather than from process.env. */
export function configFrom(values: Record<string, string | undefined>): AppConfig {
  return appConfig(parseEnvironment(values));
}
