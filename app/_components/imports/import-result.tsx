import { useTranslations } from "next-intl";
import { useFormat } from "@/i18n/format-hooks";

export type ImportOutcome = {
  kind: "REGISTER" | "PORTAL";
  importId: number;
  rows: number;
  created: number;
  duplicates: number;
  rejected: number;
  matched?: number;
  anomalies?: number;
  /** A reason with a message key is shown in the reader's language; the others in English, as stored. */
  errors: { row: number; column: string | null; reason: string; key?: string; params?: Record<string, string> }[];
  newSites?: { id: number; block: string; name: string }[];
};

type FigureKey = "rowsRead" | "created" | "duplicates" | "rejected" | "matched" | "applied" | "anomalies";
/** Test ids kept from the English labels ("result-rows-read" …), whatever the language. */
const TEST_IDS: Record<FigureKey, string> = {
  rowsRead: "rows-read",
  created: "new-records",
  duplicates: "already-present",
  rejected: "rejected",
  matched: "matched-entered",
  applied: "already-applied",
  anomalies: "to-the-anomaly-queue",
};

export function ImportResultView({ outcome }: { outcome: ImportOutcome }) {
  const t = useTranslations("importResult");
  const server = useTranslations("errors.server");
  // Keys come from the server (core/errors/messages-en.ts); one this page does not know falls back to the English.
  const translate = server as unknown as { (key: string, params?: Record<string, string>): string; has(key: string): boolean };
  const reasonOf = (e: ImportOutcome["errors"][number]) => (e.key && translate.has(e.key) ? translate(e.key, e.params) : e.reason);
  const format = useFormat();
  const figures: [FigureKey, number][] =
    outcome.kind === "REGISTER"
      ? [
          ["rowsRead", outcome.rows],
          ["created", outcome.created],
          ["duplicates", outcome.duplicates],
          ["rejected", outcome.rejected],
        ]
      : [
          ["rowsRead", outcome.rows],
          ["matched", outcome.matched ?? 0],
          ["applied", outcome.duplicates],
          ["anomalies", outcome.anomalies ?? 0],
          ["rejected", outcome.rejected],
        ];
  return (
    <div className="import-result" role="status" aria-label={t("label")}>
      <h2>{t("done", { id: String(outcome.importId) })}</h2>
      <dl className="tiles">
        {figures.map(([key, value]) => (
          <div key={key} className="tile" data-testid={`result-${TEST_IDS[key]}`}>
            <dt>{t(key)}</dt>
            <dd>{format.count(value)}</dd>
          </div>
        ))}
      </dl>
      {outcome.rejected > 0 ? (
        <>
          <p>
            <a href={`/api/v1/imports/${outcome.importId}/rejections.csv`} download>
              {t("download", { n: format.count(outcome.rejected) })}
            </a>
          </p>
          {outcome.kind === "REGISTER" ? <p className="muted">{t("maskedIds")}</p> : null}
          <table className="data-table compact" aria-label={t("rejectedRows")}>
            <thead>
              <tr>
                <th>{t("row")}</th>
                <th>{t("column")}</th>
                <th>{t("reason")}</th>
              </tr>
            </thead>
            <tbody>
              {outcome.errors.slice(0, 50).map((e, i) => (
                <tr key={`${e.row}-${i}`}>
                  <td className="num">{e.row}</td>
                  <td>{e.column ?? "—"}</td>
                  <td>{reasonOf(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {outcome.errors.length > 50 ? <p className="muted">{t("more")}</p> : null}
        </>
      ) : null}
      {outcome.newSites && outcome.newSites.length > 0 ? (
        <p className="notice">{t("newSites", { sites: outcome.newSites.map((s) => `${s.name} (${s.block})`).join(", ") })}</p>
      ) : null}
    </div>
  );
}
