/**
 * "Exactly one instance probes" (issue 4): a session-level PostgreSQL advisory lock held on a dedicated
 * connection. Whoever holds it probes; the others try again every `retryMs`. When the holder's process dies,
 * PostgreSQL ends its session and frees the lock, and the next try of another instance takes over.
 *
 * The holder gives the lease up at once when its connection errors, ends, or stops answering a `SELECT 1`
 * within `checkMs` — it cannot know whether the server still counts the lock as held, so it must assume not.
 * The session also asks the server for short TCP keepalives, so that the lock of a host that vanished from the
 * network (no FIN) is freed in well under a minute rather than after the kernel's two hours.
 */
import "server-only";
import pg from "pg";

/** "teeka:probes" folded into a bigint; any constant works as long as every instance uses the same one. */
export const DEFAULT_PROBE_LEASE_KEY = 7_465_656_361n;

export type LeaseLog = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };

export type LeaseOptions = {
  databaseUrl: string;
  /** Instances compete for the same key; tests use their own. */
  key?: bigint | number;
  log: LeaseLog;
  retryMs?: number;
  checkMs?: number;
  onAcquired: () => void;
  /** Called once per acquisition, when the lease is lost or released. */
  onLost: (reason: string) => void;
};

export type Lease = { held(): boolean; stop(): Promise<void> };

export function startLease(opts: LeaseOptions): Lease {
  const key = String(opts.key ?? DEFAULT_PROBE_LEASE_KEY);
  const retryMs = opts.retryMs ?? 3000;
  const checkMs = opts.checkMs ?? 5000;
  let client: pg.Client | null = null;
  let held = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastProblem = "";

  const schedule = (fn: () => Promise<void>, ms: number) => {
    if (timer) clearTimeout(timer);
    timer = stopped ? null : setTimeout(() => void fn(), ms);
  };

  const lose = (reason: string) => {
    const dead = client;
    client = null;
    dead?.end().catch(() => undefined);
    if (held) {
      held = false;
      opts.log.warn({ reason }, "probe lease lost: probing stops here");
      opts.onLost(reason);
    }
    schedule(tryAcquire, retryMs);
  };

  async function connect(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: opts.databaseUrl, keepAlive: true, query_timeout: checkMs, application_name: "teeka-probe-lease" });
    c.on("error", (err) => {
      if (client === c && !stopped) lose(`lease connection error: ${err.message}`);
    });
    c.on("end", () => {
      if (client === c && !stopped) lose("lease connection closed");
    });
    await c.connect();
    // Best effort: lets the server notice a vanished holder in ~25 s.
    await c.query("SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3").catch(() => undefined);
    return c;
  }

  async function tryAcquire(): Promise<void> {
    if (stopped) return;
    try {
      if (!client) {
        const c = await connect();
        if (stopped) {
          await c.end().catch(() => undefined);
          return;
        }
        client = c;
      }
      const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS ok", [key]);
      if (stopped) return;
      if (rows[0]?.ok) {
        held = true;
        lastProblem = "";
        opts.log.info({ key }, "probe lease acquired: this instance probes");
        opts.onAcquired();
        schedule(check, checkMs);
      } else {
        schedule(tryAcquire, retryMs);
      }
    } catch (err) {
      const problem = err instanceof Error ? err.message : String(err);
      if (problem !== lastProblem) opts.log.warn({ err: problem }, "probe lease: database not reachable; retrying");
      lastProblem = problem;
      if (client) lose(problem);
      else schedule(tryAcquire, retryMs);
    }
  }

  async function check(): Promise<void> {
    const c = client;
    if (stopped || !held || !c) return;
    try {
      await c.query("SELECT 1");
      if (client === c) schedule(check, checkMs);
    } catch (err) {
      if (client === c && !stopped) lose(`lease connection stopped answering: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  void tryAcquire();

  return {
    held: () => held,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      const wasHeld = held;
      held = false;
      if (wasHeld) opts.onLost("stopped");
      if (c) {
        if (wasHeld) await c.query("SELECT pg_advisory_unlock($1::bigint)", [key]).catch(() => undefined);
        await c.end().catch(() => undefined);
      }
    },
  };
}
