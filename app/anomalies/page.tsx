import { requireUser } from "@/server/auth/page-guard";
import { AnomalyQueue } from "@/app/_components/anomaly-queue";

export const dynamic = "force-dynamic";

export default async function AnomaliesPage() {
  await requireUser("/anomalies");
  return (
    <>
      <h1>Anomaly queue</h1>
      <p className="muted">
        Portal entries that did not match the register with confidence: the portal&apos;s row and the register&apos;s side by side. Resolve each one, and the
        record follows.
      </p>
      <AnomalyQueue />
    </>
  );
}
