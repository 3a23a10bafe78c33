import { DistrictOfficerOnly } from "@/app/_components/district-officer-only";
import { ApiTokensPanel } from "@/app/_components/api-tokens-panel";

export const dynamic = "force-dynamic";

export default function ApiTokensPage() {
  return (
    <DistrictOfficerOnly path="/settings/tokens" what="tokens">
      <ApiTokensPanel />
    </DistrictOfficerOnly>
  );
}
