import { DistrictOfficerOnly } from "@/app/_components/district-officer-only";
import { HelpdeskAccessLog } from "@/app/_components/helpdesk-access-log";

export const dynamic = "force-dynamic";

export default function AccessLogPage() {
  return (
    <DistrictOfficerOnly path="/settings/access-log" what="accessLog">
      <HelpdeskAccessLog />
    </DistrictOfficerOnly>
  );
}
