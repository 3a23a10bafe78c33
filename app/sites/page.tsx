import { requireUser } from "@/server/auth/page-guard";
import { UnconfirmedSites } from "@/app/_components/unconfirmed-sites";

export const dynamic = "force-dynamic";

export default async function SitesPage() {
  const user = await requireUser("/sites");
  if (user.role !== "DISTRICT_OFFICER") {
    return (
      <section className="notice error" role="alert">
        <h1>Not available</h1>
        <p>Only the district officer confirms or merges new sites.</p>
      </section>
    );
  }
  return (
    <>
      <h1>New sites to confirm</h1>
      <p className="muted">Imports create a site the first time a register names it (camps are often held in schools or panchayat halls). Confirm it, or merge it into the site it really is.</p>
      <UnconfirmedSites />
    </>
  );
}
