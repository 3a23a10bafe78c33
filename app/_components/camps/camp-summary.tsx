import { useTranslations } from "next-intl";
import { ageBandLabel, percentOfTarget, sexLabel, vaccineLabel } from "@/app/_components/camps/camp-figures-table";
import { useFormat } from "@/i18n/format-hooks";
import { CAMP_AGE_BANDS, SEXES, VACCINES, type CampFigures } from "@/core/domain/camp-figures";

/** Register total and its parts; the line under the tiles states the sum so that it can be checked by eye. */
export function CampTiles({ figures }: { figures: CampFigures }) {
  const t = useTranslations("camps");
  const format = useFormat();
  const tiles = [
    { key: "vaccinated", label: t("tiles.vaccinated"), value: format.count(figures.vaccinated), tone: "" },
    {
      key: "target",
      label: t("tiles.target"),
      value: figures.target === null ? t("tiles.notSet") : t("tiles.targetValue", { target: format.count(figures.target), percent: percentOfTarget(figures) }),
      tone: "",
    },
    { key: "entered", label: t("tiles.entered"), value: format.count(figures.entered), tone: "ok" },
    { key: "pending", label: t("tiles.pending"), value: format.count(figures.pending), tone: "warn" },
    { key: "rejected", label: t("tiles.rejected"), value: format.count(figures.rejected), tone: "bad" },
  ];
  return (
    <>
      <dl className="tiles">
        {tiles.map((tile) => (
          <div key={tile.key} className={`tile ${tile.tone}`} data-testid={`camp-tile-${tile.key}`}>
            <dt>{tile.label}</dt>
            <dd className={tile.key === "target" ? "camp-tile-small" : undefined}>{tile.value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted camp-check">
        {t("check", {
          entered: format.count(figures.entered),
          pending: format.count(figures.pending),
          rejected: format.count(figures.rejected),
          vaccinated: format.count(figures.vaccinated),
          camps: format.count(figures.camps),
          n: figures.camps,
        })}
      </p>
    </>
  );
}

type Part = { key: string; label: string; value: number };

function Split({ title, parts, total }: { title: string; parts: Part[]; total: number }) {
  const format = useFormat();
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
                {format.count(p.value)} <span className="muted">({share.toFixed(share > 0 && share < 1 ? 1 : 0)} %)</span>
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
  const t = useTranslations("camps");
  const total = figures.vaccinated;
  const byAge = CAMP_AGE_BANDS.filter((a) => a !== "unknown" || figures.byAgeBand.unknown > 0);
  return (
    <div className="camp-splits">
      <Split
        title={t("splits.dose")}
        total={total}
        parts={[
          { key: "1", label: t("columns.dose1"), value: figures.byDose.dose1 },
          { key: "2", label: t("columns.dose2"), value: figures.byDose.dose2 },
        ]}
      />
      <Split title={t("splits.vaccine")} total={total} parts={VACCINES.map((v) => ({ key: v, label: vaccineLabel(t, v), value: figures.byVaccine[v] }))} />
      <Split title={t("splits.sex")} total={total} parts={SEXES.map((s) => ({ key: s, label: sexLabel(t, s), value: figures.bySex[s] }))} />
      <Split title={t("splits.age")} total={total} parts={byAge.map((a) => ({ key: a, label: ageBandLabel(t, a), value: figures.byAgeBand[a] }))} />
    </div>
  );
}
