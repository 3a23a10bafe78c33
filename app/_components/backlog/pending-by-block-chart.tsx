"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AGE_BUCKETS, type AgeBucketCounts } from "@/core/domain/aging";

// Colour is backed by the legend text and the table below; buckets run from calm to alarming. Overdue is also
// hatched (in the bars and the legend), so it does not rest on telling dark red from orange.
const BUCKET_COLOURS = { h0_12: "#9ecae1", h12_24: "#4292c6", h24_36: "#fdae6b", h36_48: "#e6550d", overdue: "#a50f15" } as const;
const OVERDUE_PATTERN = "pending-by-block-overdue";

type Row = { block: string; ageBuckets: AgeBucketCounts; pending: number };

export function PendingByBlockChart({ blocks }: { blocks: Row[] }) {
  const t = useTranslations("aging");
  const data = [...blocks]
    .sort((a, b) => b.pending - a.pending)
    .map((b) => ({ block: b.block, ...b.ageBuckets }));
  return (
    <figure className="chart" aria-label={t("chartLabel")}>
      <figcaption>{t("chartCaption")}</figcaption>
      <div className="chart-box">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16, top: 8, bottom: 8 }}>
            <defs>
              <pattern id={OVERDUE_PATTERN} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
                <rect width="6" height="6" fill={BUCKET_COLOURS.overdue} />
                <line x1="0" y1="0" x2="0" y2="6" stroke="#fff" strokeWidth="2" />
              </pattern>
            </defs>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="block" width={104} interval={0} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend />
            {AGE_BUCKETS.map((bucket) => (
              <Bar
                key={bucket}
                dataKey={bucket}
                name={t(`buckets.${bucket}`)}
                stackId="age"
                fill={bucket === "overdue" ? `url(#${OVERDUE_PATTERN})` : BUCKET_COLOURS[bucket]}
                stroke={bucket === "overdue" ? BUCKET_COLOURS.overdue : undefined}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
