import { useTranslations } from "next-intl";
import { useFormat } from "@/i18n/format-hooks";

type Figures = { vaccinated: number; entered: number; pending: number; overdue: number; dueWithin6h: number };

export function SummaryTiles({ figures }: { figures: Figures }) {
  const t = useTranslations("tiles");
  const format = useFormat();
  const tiles = [
    { key: "vaccinated", label: t("vaccinated"), value: figures.vaccinated, tone: "" },
    { key: "entered", label: t("entered"), value: figures.entered, tone: "ok" },
    { key: "pending", label: t("pending"), value: figures.pending, tone: "warn" },
    { key: "overdue", label: t("overdue"), value: figures.overdue, tone: "bad" },
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
