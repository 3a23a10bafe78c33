/**
 * "Is it the portal or the block's network?" (issue 4). Pure: each block's field reports over a window, plus the
 * central probe (the server's own check of the portal), give one verdict per block.
 *
 * Thresholds (decisions):
 * - A block is *failing* when its latest report in the window failed. The latest report is the block's
 *   present; the counts are shown beside it so an old spell of failures is not hidden.
 * - The portal is *down for everyone* when
 *   (a) the central probe is DOWN, PENDING (its checks fail, retries not yet used up) or MAINTENANCE; or
 *   (b) most reporting blocks fail: at least MIN_FAILING_BLOCKS_FOR_PORTAL_DOWN (2) failing blocks and more
 *       than half of the blocks that reported at all — the portal may answer the server's network yet not
 *       the blocks', so the field outvotes the central probe; or
 *   (c) for this block: at least half of its failures happened while the central probe was DOWN/PENDING/
 *       MAINTENANCE (a past window whose outage has just ended).
 * - A failing block is BLOCK_NETWORK otherwise: the central probe is UP/DEGRADED and/or other blocks reach the
 *   portal. Without a central probe and without other reporting blocks it is still BLOCK_NETWORK, and the
 *   message says that nothing could be compared.
 */
import { formatIst } from "@/core/time/ist";
import type { ProbeState } from "@/core/domain/probe-state";

export const MIN_FAILING_BLOCKS_FOR_PORTAL_DOWN = 2;

export type FieldReachVerdict = "OK" | "BLOCK_NETWORK" | "PORTAL_DOWN" | "NO_REPORTS";

export type BlockReports = {
  blockId: number;
  block: string;
  reports: number;
  failures: number;
  /** Failed reports made while the central probe was DOWN, PENDING or in MAINTENANCE. */
  failuresWhileCentralDown: number;
  lastReportAt: Date | null;
  lastOk: boolean | null;
  lastError: string | null;
};

export type CentralProbe = { targetId: number; name: string; state: ProbeState | null } | null;

export type BlockReach = BlockReports & { verdict: FieldReachVerdict; message: string };

const CENTRAL_DOWN_STATES: ReadonlySet<ProbeState> = new Set(["DOWN", "PENDING", "MAINTENANCE"]);

export function isFailing(b: BlockReports): boolean {
  return b.reports > 0 && b.lastOk === false;
}

/** Verdicts for `blocks` (all blocks that count for the comparison; filter to a user's scope afterwards). */
export function fieldReachVerdicts(blocks: readonly BlockReports[], central: CentralProbe): BlockReach[] {
  const reporting = blocks.filter((b) => b.reports > 0);
  const failing = reporting.filter(isFailing);
  const centralDown = central?.state != null && CENTRAL_DOWN_STATES.has(central.state);
  const mostFail = failing.length >= MIN_FAILING_BLOCKS_FOR_PORTAL_DOWN && failing.length * 2 > reporting.length;
  return blocks.map((b) => {
    if (b.reports === 0) {
      return { ...b, verdict: "NO_REPORTS", message: `No reports from ${b.block} in this window: no device there has the app open or runs the field script.` };
    }
    const counts = `${b.reports - b.failures} of ${b.reports} reports reached the portal`;
    const last = b.lastReportAt ? `, the last at ${formatIst(b.lastReportAt, "dd MMM, HH:mm")} IST` : "";
    if (!isFailing(b)) {
      const portalNote = centralDown && central ? ` The central probe sees ${central.name} ${central.state}.` : "";
      return { ...b, verdict: "OK", message: `${b.block} reaches the portal: ${counts}${last}.${portalNote}` };
    }
    const errorNote = b.lastError ? ` (${b.lastError})` : "";
    if (centralDown && central) {
      return { ...b, verdict: "PORTAL_DOWN", message: `The portal is down for everyone, not only ${b.block}: the central probe sees ${central.name} ${central.state}. ${counts}${last}.` };
    }
    if (mostFail) {
      return {
        ...b,
        verdict: "PORTAL_DOWN",
        message: `The portal is down for everyone, not only ${b.block}: ${failing.length} of ${reporting.length} reporting blocks cannot reach it${central ? `, though the central probe sees it ${central.state ?? "unchecked"}` : ""}.`,
      };
    }
    if (b.failuresWhileCentralDown * 2 >= b.failures && b.failuresWhileCentralDown > 0) {
      return { ...b, verdict: "PORTAL_DOWN", message: `${b.block}'s failures came while the central probe saw the portal down: the portal, not the block's network. ${counts}${last}.` };
    }
    const others = reporting.filter((o) => o.blockId !== b.blockId && !isFailing(o)).length;
    const evidence = [
      central?.state ? `the central probe sees ${central.name} ${central.state}` : null,
      others > 0 ? `${others} other block${others === 1 ? "" : "s"} reach${others === 1 ? "es" : ""} it` : null,
    ].filter(Boolean);
    const why = evidence.length > 0 ? `while ${evidence.join(" and ")}` : "with no central probe or other block to compare against";
    return {
      ...b,
      verdict: "BLOCK_NETWORK",
      message: `Only ${b.block} cannot reach the portal: its last report failed${errorNote} ${why}. Check the block HQ's internet connection. ${counts}${last}.`,
    };
  });
}
