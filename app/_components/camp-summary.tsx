import { formatCount } from "@/app/_components/format";
import { SEX_LABELS, VACCINE_LABELS, percentOfTarget } from "@/app/_components/camp-figures-table";
import { AGE_BAND_LABELS } from "@/server/domain/age-band";
import { CAMP_AGE_BANDS, SEXES, VACCINES, type CampFigures } from "@/server/services/camp-figures";

/** Register total and its parts; the line under the tiles states the sum so that it can be checked by eye. */
export function CampTiles({ figures }: { figures: CampFigures }) {
  const tiles = [
    { key: "vaccinated", label: "Vaccinated (register)", value: formatCount(figures.vaccinated), tone: "" },
    { key: "target", label: "Target", value: figures.target === null ? "Not set" : `${formatCount(figures.target)} (${percentOfTarget(figures)} reached)`, tone: "" },
    { key: "entered", label: "Entered on portal", value: formatCount(figures.entered), tone: "ok" },
    { key: "pending", label: "Pending entry", value: formatCount(figures.pending), tone: "warn" },
    { key: "rejected", label: "Rejected", value: formatCount(figures.rejected), tone: "bad" },
  ];
  return (
    <>
      <dl className="tiles">
        {tiles.map((t) => (
          <div key={t.key} className={`tile ${t.tone}`} data-testid={`camp-tile-${t.key}`}>
            <dt>{t.label}</dt>
            <dd className={t.key === "target" ? "camp-tile-small" : undefined}>{t.value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted camp-check">
        {formatCount(figures.entered)} entered + {formatCount(figures.pending)} pending + {formatCount(figures.rejected)} rejected ={" "}
        {formatCount(figures.vaccinated)} vaccinated, in {formatCount(figures.camps)} {figures.camps === 1 ? "camp" : "camps"}.
      </p>
    </>
  );
}

type Part = { key: string; label: string; value: number };

function Split({ title, parts, total }: { title: string; parts: Part[]; total: number }) {
  return (
    <section className="card camp-split" aria-label={title}>
      <h3>{title}</h3>
      <dl>
        {parts.map((p) => {
          const share = total > 0 ? (100 * p.value) / total : 0;
          return (
            <div key={p.key} className="camp-split-row">
              <dt>{p.label}</dt>
              <dd>
                {formatCount(p.value)} <span className="muted">({share.toFixed(share > 0 && share < 1 ? 1 : 0)} %)</span>
                <span className="camp-split-bar" aria-hidden="true" style={{ width: `${share}%` }} />
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

/** Dose, vaccine, sex and age band, each as numbers with shares (the bars only repeat the numbers). */
export function CampSplits({ figures }: { figures: CampFigures }) {
  const total = figures.vaccinated;
  const byAge = CAMP_AGE_BANDS.filter((a) => a !== "unknown" || figures.byAgeBand.unknown > 0);
  return (
    <div className="camp-splits">
      <Split title="By dose" total={total} parts={[{ key: "1", label: "Dose 1", value: figures.byDose.dose1 }, { key: "2", label: "Dose 2", value: figures.byDose.dose2 }]} />
      <Split title="By vaccine" total={total} parts={VACCINES.map((v) => ({ key: v, label: VACCINE_LABELS[v], value: figures.byVaccine[v] }))} />
      <Split title="By sex" total={total} parts={SEXES.map((s) => ({ key: s, label: SEX_LABELS[s], value: figures.bySex[s] }))} />
      <Split title="By age band" total={total} parts={byAge.map((a) => ({ key: a, label: AGE_BAND_LABELS[a], value: figures.byAgeBand[a] }))} />
    </div>
  );
}
