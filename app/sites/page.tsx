import { DistrictOfficerOnly } from "@/app/_components/district-officer-only";
import { UnconfirmedSites } from "@/app/_components/unconfirmed-sites";

export const dynamic = "force-dynamic";

export default function SitesPage() {
  return (
    <DistrictOfficerOnly path="/sites" what="confirms or merges new sites">
      <h1>New sites to confirm</h1>
      <p className="muted">
        Imports create a site the first time a register names it (camps are often held in schools or panchayat halls). Confirm it, or merge it into the site it
        really is.
      </p>
      <UnconfirmedSites />
    </DistrictOfficerOnly>
  );
}
