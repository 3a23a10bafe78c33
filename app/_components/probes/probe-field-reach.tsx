"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import type { RouterOutputs } from "@/app/_trpc/types";
import { QueryState } from "@/app/_components/common/query-state";
import { useProbeFormat } from "@/app/_components/probes/probe-format";
import { useFormat } from "@/i18n/format-hooks";

type Reach = RouterOutputs["probes"]["getFieldReach"];
type Verdict = Reach["blocks"][number]["verdict"];
type ReachT = ReturnType<typeof useTranslations<"probes.reach">>;

/** Minutes, and whether the option reads in hours or days. */
const WINDOWS = [
  [60, "h", 1],
  [6 * 60, "h", 6],
  [24 * 60, "h", 24],
  [7 * 24 * 60, "d", 7],
] as const;

function headline(reach: Reach, t: ReachT): { tone: string; text: string } {
  const down = reach.blocks.filter((b) => b.verdict === "PORTAL_DOWN");
  const local = reach.blocks.filter((b) => b.verdict === "BLOCK_NETWORK");
  const ok = reach.blocks.filter((b) => b.verdict === "OK");
  if (down.length > 0) return { tone: "error", text: t("allDown", { n: down.length }) };
  if (local.length > 0) {
    const names = local.map((b) => b.block).join(", ");
    return { tone: "warn", text: t("onlyLocal", { names, count: local.length, ok: ok.length }) };
  }
  if (ok.length === 1) return { tone: "ok", text: t("onlyOne", { block: ok[0]!.block }) };
  if (ok.length > 0) return { tone: "ok", text: t("allOk", { n: String(ok.length) }) };
  return { tone: "", text: t("none") };
}

/** "The portal as seen from each block HQ": the field probes' verdict per block, in words. */
export function ProbeFieldReach() {
  const trpc = useTRPC();
  const t = useTranslations("probes.reach");
  const locale = useLocale();
  const pf = useProbeFormat();
  const format = useFormat();
  const [minutes, setMinutes] = useState<number>(60);
  const reach = useQuery(trpc.probes.getFieldReach.queryOptions({ minutes }, { refetchInterval: 2 * 60_000 }));
  return (
    <section aria-labelledby="field-reach-title" data-testid="field-reach">
      <div className="section-head">
        <h2 id="field-reach-title">{t("title")}</h2>
        <label className="inline-label">
          {t("window")}
          <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {WINDOWS.map(([m, unit, n]) => (
              <option key={m} value={m}>
                {unit === "h" ? t("lastHours", { n: String(n) }) : t("lastDays", { n: String(n) })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState query={reach}>
        {(data) => {
          const h = headline(data, t);
          const reporting = [...data.blocks].sort((a, b) => order(a.verdict) - order(b.verdict) || a.block.localeCompare(b.block));
          return (
            <>
              <p className={`notice ${h.tone}`} data-testid="field-reach-headline">
                {h.text}
                {data.central ? (
                  <span className="muted">
                    {" "}
                    {t("central", { name: data.central.name, state: pf.state(data.central.state) })}
                  </span>
                ) : null}
              </p>
              <div className="table-wrap">
                <table className="data-table compact field-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("block")}</th>
                      <th scope="col">{t("verdict")}</th>
                      <th scope="col" className="num">
                        {t("reports")}
                      </th>
                      <th scope="col" className="num">
                        {t("failed")}
                      </th>
                      <th scope="col">{t("lastReport")}</th>
                      <th scope="col">{t("meaning")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {reporting.map((b) => (
                      <tr key={b.blockId} data-testid={`reach-${b.block}`}>
                        <th scope="row">{b.block}</th>
                        <td>
                          <span className={`verdict verdict-${b.verdict.toLowerCase()}`}>{t(`verdicts.${b.verdict}`)}</span>
                        </td>
                        <td className="num">{format.count(b.reports)}</td>
                        <td className="num">{format.count(b.failures)}</td>
                        <td>{b.lastReportAt ? (b.lastOk === false ? t("lastFailed", { when: pf.dayTime(b.lastReportAt) }) : pf.dayTime(b.lastReportAt)) : "—"}</td>
                        <td className="wrap">{b.verdict === "NO_REPORTS" ? "—" : locale === "en" ? b.message : <span title={b.message}>{t(`meanings.${b.verdict}`, { block: b.block })}</span>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function order(v: Verdict): number {
  return { PORTAL_DOWN: 0, BLOCK_NETWORK: 1, OK: 2, NO_REPORTS: 3 }[v];
}
