/**
 * The origins of the enabled probe targets, for the page CSP's connect-src: the in-browser field probe
 * (app/_components/field-probe.tsx) fetches the target's URL from the user's device. Targets live in the
 * database and the district officer edits them through the API, so the proxy reads them here, kept for 30 s
 * (one small query per 30 s, not per request). A page whose CSP does not list its target's origin (the target
 * changed after the page loaded) is told so through PROBE_ORIGINS_HEADER and skips the probe rather than
 * report a blocked fetch as an outage.
 */
import "server-only";
import { getDb } from "@/server/db/client";
import { logger } from "@/server/logger";
import { probeOriginsOf } from "@/server/http/security-headers";

const FRESH_MS = 30_000;

type Cached = { origins: string[]; at: number };

let cached: Cached | null = null;
let loading: Promise<string[]> | null = null;

async function load(now: number): Promise<string[]> {
  try {
    const rows = await getDb().$queryRaw<{ url: string }[]>`SELECT url FROM probe_targets WHERE enabled ORDER BY id`;
    const origins = probeOriginsOf(rows.map((r) => r.url));
    cached = { origins, at: now };
    return origins;
  } catch (error) {
    // No database (yet): the page still gets a CSP, only without probe origins; the field probe then waits.
    // Kept as a value for 30 s too, so that a database outage costs one failed query per 30 s, not one per page.
    logger.warn({ err: error instanceof Error ? error.message : String(error) }, "probe origins for the CSP not loaded");
    cached = { origins: cached?.origins ?? [], at: now };
    return cached.origins;
  } finally {
    loading = null;
  }
}

/** Fresh value: returned at once. Stale: the last value now, refreshed in the background. None yet: wait for it. */
export async function currentProbeOrigins(now = Date.now()): Promise<string[]> {
  if (cached && now - cached.at < FRESH_MS) return cached.origins;
  loading ??= load(now);
  if (cached) return cached.origins;
  return loading;
}
