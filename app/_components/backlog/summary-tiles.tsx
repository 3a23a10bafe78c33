import { useTranslations } from "next-intl";
import { useFormat } from "@/i18n/format-hooks";
import type { DeadlineRule } from "@/core/domain/deadline-rule";

type Figures = { vaccinated: number; entered: number; pending: number; overdue: number; dueWithin6h: number };

/** `deadline`: the rule in force, for the overdue tile's words (Bihar's "Overdue (48 h+)" when not given). */
export function SummaryTiles({ figures, deadline }: { figures: Figures; deadline?: DeadlineRule | null }) {
  const t = useTranslations("tiles");
  const tRules = useTranslations("rules");
  const overdueLabel = deadline === undefined ? t("overdue") : deadline?.kind === "hours" ? tRules("overdueHours", { hours: String(deadline.hours) }) : tRules("overduePast");
  const format = useFormat();
  const tiles = [
    { key: "vaccinated", label: t("vaccinated"), value: figures.vaccinated, tone: "" },
    { key: "entered", label: t("entered"), value: figures.entered, tone: "ok" },
    { key: "pending", label: t("pending"), value: figures.pending, tone: "warn" },
    { key: "overdue", label: overdueLabel, value: figures.overdue, tone: "bad" },
    { key: "due6h", label: t("due6h"), value: figures.dueWithin6h, tone: "warn" },
  ];
  return (
    <dl className="tiles">
      {tiles.map((tile) => (
        <div key={tile.key} className={`tile ${tile.tone}`} data-testid={`tile-${tile.key}`}>
          <dt>{tile.label}</dt>
          <dd>{format.count(tile.value)}</dd>
        </div>
      ))}
    </dl>
  );
}
