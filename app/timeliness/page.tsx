import { Suspense } from "react";
import { requireUser } from "@/server/auth/page-guard";
import { TimelinessView } from "@/app/_components/timeliness-view";

export const dynamic = "force-dynamic";

export default async function TimelinessPage() {
  await requireUser("/timeliness");
  return (
    <Suspense fallback={<p className="loading">Loading…</p>}>
      <TimelinessView />
    </Suspense>
  );
}
