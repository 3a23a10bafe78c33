import { requireUser } from "@/server/auth/page-guard";
import { ImportPanel } from "@/app/_components/import-panel";
import { RecentImports } from "@/app/_components/recent-imports";

export const dynamic = "force-dynamic";

export default async function ImportsPage() {
  const user = await requireUser("/imports");
  const mayImport = user.role === "DISTRICT_OFFICER" || user.role === "DATA_OPERATOR";
  return (
    <>
      <h1>Imports</h1>
      {mayImport ? (
        <ImportPanel />
      ) : (
        <p className="notice">Registers and portal exports are imported by the block&apos;s data operator or the district officer.</p>
      )}
      <h2>Recent imports</h2>
      <RecentImports />
    </>
  );
}
