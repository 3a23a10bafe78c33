import { CapabilityGate } from "@/app/_components/capability-gate";
import { ApiTokensPanel } from "@/app/_components/api-tokens-panel";

export const dynamic = "force-dynamic";

export default function ApiTokensPage() {
  return (
    <CapabilityGate path="/settings/tokens" capability="tokens.manage" what="tokens">
      <ApiTokensPanel />
    </CapabilityGate>
  );
}
