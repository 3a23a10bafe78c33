import { CapabilityGate } from "@/app/_components/shell/capability-gate";
import { HelpdeskAccessLog } from "@/app/_components/helpdesk/helpdesk-access-log";

export const dynamic = "force-dynamic";

export default function AccessLogPage() {
  return (
    <CapabilityGate path="/settings/access-log" capability="helpdesk.auditLog" what="accessLog">
      <HelpdeskAccessLog />
    </CapabilityGate>
  );
}
