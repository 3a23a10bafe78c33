import { z } from "zod";

/** Server configuration, validated once; a bad value stops start-up with a message that names it. */
const ZEnv = z.object({
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL" }),
  NEXTAUTH_SECRET: z.string().min(16, { message: "NEXTAUTH_SECRET must be at least 16 characters" }),
  TEEKA_ID_HASH_KEY: z.string().min(16, { message: "TEEKA_ID_HASH_KEY must be at least 16 characters" }),
});

export type Env = z.infer<typeof ZEnv>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}. Start the app with \`npm start\`, which sets these.`);
  }
  cached = parsed.data;
  return cached;
}
