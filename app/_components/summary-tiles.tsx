import { formatCount } from "@/app/_components/format";

type Figures = { vaccinated: number; entered: number; pending: number; overdue: number; dueWithin6h: number };

export function SummaryTiles({ figures }: { figures: Figures }) {
  const tiles = [
    { key: "vaccinated", label: "Vaccinated", value: figures.vaccinated, tone: "" },
    { key: "entered", label: "Entered on portal", value: figures.entered, tone: "ok" },
    { key: "pending", label: "Pending entry", value: figures.pending, tone: "warn" },
    { key: "overdue", label: "Overdue (48 h+)", value: figures.overdue, tone: "bad" },
    { key: "due6h", label: "Due within 6 h", value: figures.dueWithin6h, tone: "warn" },
  ];
  return (
    <dl className="tiles">
      {tiles.map((t) => (
        <div key={t.key} className={`tile ${t.tone}`} data-testid={`tile-${t.key}`}>
          <dt>{t.label}</dt>
          <dd>{formatCount(t.value)}</dd>
        </div>
      ))}
    </dl>
  );
}
