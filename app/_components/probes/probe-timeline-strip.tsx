"use client";

import { useTranslations } from "next-intl";
import type { RouterOutputs } from "@/app/_trpc/types";
import { stateClass, useProbeFormat } from "@/app/_components/probes/probe-format";
import { useFormat } from "@/i18n/format-hooks";

type Segment = RouterOutputs["probes"]["getTimeline"][number];

type Piece = { state: Segment["state"] | null; from: number; to: number; error: string | null };

/** Segments plus the gaps between them ("no data"), covering [from, to]. */
function pieces(segments: readonly Segment[], from: number, to: number): Piece[] {
  const out: Piece[] = [];
  let cursor = from;
  for (const s of segments) {
    const a = Math.max(s.from.getTime(), from);
    const b = Math.min(s.to.getTime(), to);
    if (b <= a) continue;
    if (a > cursor) out.push({ state: null, from: cursor, to: a, error: null });
    out.push({ state: s.state, from: a, to: b, error: s.error });
    cursor = Math.max(cursor, b);
  }
  if (cursor < to) out.push({ state: null, from: cursor, to, error: null });
  return out;
}

const LEGEND = ["UP", "DEGRADED", "PENDING", "DOWN", "MAINTENANCE", null] as const;

/**
 * The state timeline as one horizontal bar. Each piece carries its state in words (title and accessible
 * name); DOWN is hatched and DEGRADED dotted, so the strip reads without colour too.
 */
export function ProbeTimelineStrip({ segments, from, to }: { segments: readonly Segment[]; from: number; to: number }) {
  const t = useTranslations("probes.timeline");
  const pf = useProbeFormat();
  const format = useFormat();
  const all = pieces(segments, from, to);
  const span = to - from;
  const outages = all.filter((p) => p.state === "DOWN" || p.state === "DEGRADED");
  return (
    <figure className="timeline" data-testid="timeline-strip">
      <figcaption>{t("caption")}</figcaption>
      <div className="timeline-bar" role="list" aria-label={t("label", { from: pf.dayTime(from), to: pf.dayTime(to) })}>
        {all.map((p) => {
          const text = `${pf.state(p.state)} ${pf.span(new Date(p.from), new Date(p.to))}${p.error ? ` — ${p.error}` : ""}`;
          return (
            <span
              key={`${p.from}-${p.state}`}
              role="listitem"
              className={`timeline-piece ${stateClass(p.state)}`}
              style={{ width: `${((p.to - p.from) / span) * 100}%` }}
              title={text}
              aria-label={text}
            />
          );
        })}
      </div>
      <div className="timeline-axis" aria-hidden="true">
        <span>{pf.dayTime(from)}</span>
        <span>{pf.dayTime(to)} IST</span>
      </div>
      <ul className="chart-legend">
        {LEGEND.map((s) => (
          <li key={s ?? "none"}>
            <span className={`swatch timeline-piece ${stateClass(s)}`} aria-hidden="true" /> {pf.state(s)}
          </li>
        ))}
      </ul>
      <p className="muted">
        {outages.length === 0
          ? t("none")
          : t("outages", {
              down: format.count(outages.filter((p) => p.state === "DOWN").length),
              slow: format.count(outages.filter((p) => p.state === "DEGRADED").length),
            })}
      </p>
    </figure>
  );
}
