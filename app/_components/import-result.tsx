import { formatCount } from "@/app/_components/format";

export type ImportOutcome = {
  kind: "REGISTER" | "PORTAL";
  importId: number;
  rows: number;
  created: number;
  duplicates: number;
  rejected: number;
  matched?: number;
  anomalies?: number;
  errors: { row: number; column: string | null; reason: string }[];
  newSites?: { id: number; block: string; name: string }[];
};

export function ImportResultView({ outcome }: { outcome: ImportOutcome }) {
  const figures =
    outcome.kind === "REGISTER"
      ? [
          ["Rows read", outcome.rows],
          ["New records", outcome.created],
          ["Already present", outcome.duplicates],
          ["Rejected", outcome.rejected],
        ]
      : [
          ["Rows read", outcome.rows],
          ["Matched → entered", outcome.matched ?? 0],
          ["Already applied", outcome.duplicates],
          ["To the anomaly queue", outcome.anomalies ?? 0],
          ["Rejected", outcome.rejected],
        ];
  return (
    <div className="import-result" role="status" aria-label="Import result">
      <h2>Import #{outcome.importId} done</h2>
      <dl className="tiles">
        {figures.map(([label, value]) => (
          <div key={label} className="tile" data-testid={`result-${String(label).toLowerCase().replace(/[^a-z]+/g, "-")}`}>
            <dt>{label}</dt>
            <dd>{formatCount(Number(value))}</dd>
          </div>
        ))}
      </dl>
      {outcome.rejected > 0 ? (
        <>
          <p>
            <a href={`/api/v1/imports/${outcome.importId}/rejections.csv`} download>
              Download the {formatCount(outcome.rejected)} rejected rows with reasons (CSV)
            </a>
          </p>
          <table className="data-table compact" aria-label="Rejected rows">
            <thead>
              <tr>
                <th>Row</th>
                <th>Column</th>
                <th>Reason</th>
              </tr>
            </thead>
            <tbody>
              {outcome.errors.slice(0, 50).map((e, i) => (
                <tr key={`${e.row}-${i}`}>
                  <td className="num">{e.row}</td>
                  <td>{e.column ?? "—"}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {outcome.errors.length > 50 ? <p className="muted">… and more in the download.</p> : null}
        </>
      ) : null}
      {outcome.newSites && outcome.newSites.length > 0 ? (
        <p className="notice">
          New sites, waiting for the district officer to confirm or merge: {outcome.newSites.map((s) => `${s.name} (${s.block})`).join(", ")}.
        </p>
      ) : null}
    </div>
  );
}
