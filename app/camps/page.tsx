import { Suspense } from "react";
import { requireUser } from "@/server/auth/page-guard";
import { CampExplorer } from "@/app/_components/camp-explorer";

export const dynamic = "force-dynamic";

export const metadata = { title: "Camps — Teeka Monitor" };

export default async function CampsPage() {
  await requireUser("/camps");
  return (
    <Suspense fallback={<p className="loading">Loading…</p>}>
      <CampExplorer />
    </Suspense>
  );
}
