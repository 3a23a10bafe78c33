import { useTranslations } from "next-intl";
import { AGE_BUCKETS, type AgeBucketCounts } from "@/core/domain/aging";
import { useFormat } from "@/i18n/format-hooks";

export function AgeBucketStrip({ buckets }: { buckets: AgeBucketCounts }) {
  const t = useTranslations("aging");
  const format = useFormat();
  return (
    <ul className="bucket-strip" aria-label={t("stripLabel")}>
      {AGE_BUCKETS.map((bucket) => (
        <li key={bucket} className={`bucket bucket-${bucket}`}>
          <span className="bucket-label">{t(`buckets.${bucket}`)}</span>
          <strong>{format.count(buckets[bucket])}</strong>
        </li>
      ))}
    </ul>
  );
}
