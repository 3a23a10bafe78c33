import { AGE_BUCKETS, AGE_BUCKET_LABELS, type AgeBucketCounts } from "@/server/domain/aging";
import { formatCount } from "@/app/_components/format";

export function AgeBucketStrip({ buckets }: { buckets: AgeBucketCounts }) {
  return (
    <ul className="bucket-strip" aria-label="Pending entries by age since vaccination">
      {AGE_BUCKETS.map((bucket) => (
        <li key={bucket} className={`bucket bucket-${bucket}`}>
          <span className="bucket-label">{AGE_BUCKET_LABELS[bucket]}</span>
          <strong>{formatCount(buckets[bucket])}</strong>
        </li>
      ))}
    </ul>
  );
}
