"use client";

import { useEffect, useRef } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";

/** How often the open app checks whether this block HQ reaches the portal, and how long one try may take. */
export const FIELD_PROBE_EVERY_MS = 2 * 60_000;
export const FIELD_PROBE_TIMEOUT_MS = 8_000;

/**
 * The in-browser field probe (issue 4): while the app is open on a block HQ device, time a no-cors fetch of the
 * central target's URL every ~2 minutes and on reconnect, and report it for the user's block (the server takes
 * the block from the session). A no-cors fetch resolves (opaque) when the network reaches the server and
 * rejects on a network failure, which is exactly the question. Offline: nothing to send, so nothing is tried.
 * One try at a time; any error is swallowed and the next tick tries again.
 *
 * `allowedOrigins` are the origins this page's CSP lets it fetch (proxy.ts). A target whose origin is not among
 * them (changed after the page loaded) is not tried: the browser would block the fetch, and that would be
 * reported as this block's network failing. The next page load carries the new origin.
 */
export function FieldProbe({ allowedOrigins }: { allowedOrigins: readonly string[] }) {
  const trpc = useTRPC();
  const targets = useQuery(trpc.probes.listTargets.queryOptions(undefined, { staleTime: 10 * 60_000, refetchOnWindowFocus: false }));
  const report = useMutation(trpc.probes.reportField.mutationOptions());
  const target = targets.data?.find((t) => t.enabled) ?? null;
  const busy = useRef(false);
  const send = useRef(report.mutate);
  useEffect(() => {
    send.current = report.mutate;
  });

  const targetId = target?.id ?? null;
  const url = target && allowedOrigins.includes(originOf(target.url)) ? target.url : null;
  useEffect(() => {
    if (targetId === null || url === null) return;
    let stopped = false;
    const probe = async () => {
      if (stopped || busy.current || !navigator.onLine) return;
      busy.current = true;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), FIELD_PROBE_TIMEOUT_MS);
      const started = performance.now();
      let ok = false;
      let error: string | null = null;
      try {
        await fetch(url, { mode: "no-cors", cache: "no-store", signal: controller.signal, credentials: "omit", referrerPolicy: "no-referrer" });
        ok = true;
      } catch (e) {
        error = controller.signal.aborted ? `no answer within ${FIELD_PROBE_TIMEOUT_MS / 1000} s` : `network error: ${e instanceof Error ? e.message : String(e)}`.slice(0, 200);
      } finally {
        clearTimeout(timer);
      }
      const latencyMs = Math.round(performance.now() - started);
      busy.current = false;
      // Went offline meanwhile: the failure is this device's, and the report could not be sent anyway.
      if (stopped || (!ok && !navigator.onLine)) return;
      send.current({ ok, latencyMs: ok ? latencyMs : null, error, targetId });
    };
    const first = setTimeout(() => void probe(), 5_000 + Math.random() * 10_000);
    const every = setInterval(() => void probe(), FIELD_PROBE_EVERY_MS);
    const onOnline = () => void probe();
    window.addEventListener("online", onOnline);
    return () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      window.removeEventListener("online", onOnline);
    };
  }, [targetId, url]);

  return null;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "";
  }
}
