import { CapabilityGate } from "@/app/_components/shell/capability-gate";
import { ApiTokensPanel } from "@/app/_components/settings/api-tokens-panel";

export const dynamic = "force-dynamic";

export default function ApiTokensPage() {
  return (
    <CapabilityGate path="/settings/tokens" capability="tokens.manage" what="tokens">
      <ApiTokensPanel />
    </CapabilityGate>
  );
}
