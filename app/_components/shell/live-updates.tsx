"use client";
/**
 * Keeps every open dashboard current (issue 5): one subscription to the server's live events; each event
 * invalidates the queries it affects, so the charts and tables refetch in place — no reload, no polling loop.
 * Invalidations are coalesced (an operator marking 50 entries sends 50 events in a few seconds) and probe
 * results, which arrive every few seconds, refresh the portal views at most every 15 s.
 *
 * The indicator says "Live", "Reconnecting…" or "Offline". A "sync" event (sent on every connection and
 * reconnection) refetches everything shown, which is how a tab that slept or lost its network catches up.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState, useSyncExternalStore } from "react";
import { invalidateEverywhere, useTRPC } from "@/app/_trpc/client";
import { ReplicaLag } from "@/app/_components/shell/replica-lag";

type Area = "records" | "probes" | "all";

const COALESCE_MS = 150;
const PROBE_RESULT_MIN_GAP_MS = 15_000;

function areaOf(type: string): Area | null {
  if (type === "sync") return "all";
  if (type.startsWith("record.") || type.startsWith("import.")) return "records";
  if (type.startsWith("probe.") || type === "alert.created") return "probes";
  return null;
}

function subscribeOnline(callback: () => void) {
  window.addEventListener("online", callback);
  window.addEventListener("offline", callback);
  return () => {
    window.removeEventListener("online", callback);
    window.removeEventListener("offline", callback);
  };
}

type Invalidate = (areas: ReadonlySet<Area>) => void;

/** Collects event areas for COALESCE_MS, then invalidates once; probe results at most every 15 s. */
function createCoalescer(invalidate: Invalidate) {
  let pending = new Set<Area>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastProbeResult = 0;
  const flush = () => {
    timer = null;
    const areas = pending;
    pending = new Set();
    invalidate(areas);
  };
  return {
    push(event: { type: string }) {
      const area = areaOf(event.type);
      if (!area) return;
      if (event.type === "probe.result") {
        const now = Date.now();
        if (now - lastProbeResult < PROBE_RESULT_MIN_GAP_MS) return;
        lastProbeResult = now;
      }
      pending.add(area);
      timer ??= setTimeout(flush, COALESCE_MS);
    },
    dispose() {
      if (timer) clearTimeout(timer);
    },
  };
}

export function LiveUpdates() {
  const trpc = useTRPC();
  const t = useTranslations("live");
  const queryClient = useQueryClient();
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
  const [coalescer] = useState(() =>
    createCoalescer((areas) => {
      if (areas.has("all")) {
        invalidateEverywhere(queryClient);
        return;
      }
      if (areas.has("records")) {
        for (const key of [trpc.backlog.pathKey(), trpc.blocks.pathKey(), trpc.records.pathKey(), trpc.sites.pathKey(), trpc.anomalies.pathKey(), trpc.imports.pathKey()]) {
          invalidateEverywhere(queryClient, { queryKey: key });
        }
      }
      if (areas.has("probes")) {
        invalidateEverywhere(queryClient, { queryKey: trpc.probes.pathKey() });
        invalidateEverywhere(queryClient, { queryKey: trpc.backlog.getPendingHistory.pathKey() });
      }
    }),
  );
  useEffect(() => () => coalescer.dispose(), [coalescer]);

  // Before the first connection the indicator says "Connecting…", not "Reconnecting…" (it never was connected).
  const [everConnected, setEverConnected] = useState(false);
  const subscription = useSubscription(
    trpc.events.onChange.subscriptionOptions(undefined, { onStarted: () => setEverConnected(true), onData: (event) => coalescer.push(event) }),
  );

  // A refused or broken stream (e.g. the server restarted mid-deploy) is retried, not left dead.
  const { status, reset } = subscription;
  useEffect(() => {
    if (status !== "error") return;
    const retry = setTimeout(reset, 5_000);
    return () => clearTimeout(retry);
  }, [status, reset]);

  const state = !online ? "offline" : status === "pending" ? "live" : everConnected ? "reconnecting" : "connecting";
  const label = t(state);
  return (
    <span className={`live-status live-${state}`} role="status" aria-live="polite" data-live-state={state} title={t("title")}>
      <span className="live-dot" aria-hidden="true" />
      {label}
      <ReplicaLag />
    </span>
  );
}
