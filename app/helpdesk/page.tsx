import { requireUser } from "@/server/auth/page-guard";
import { HelpdeskLookup } from "@/app/_components/helpdesk-lookup";

export const dynamic = "force-dynamic";

export default async function HelpdeskPage() {
  const user = await requireUser("/helpdesk");
  if (user.role !== "HELPDESK" && user.role !== "DISTRICT_OFFICER") {
    return (
      <section className="notice error" role="alert">
        <h1>Not available</h1>
        <p>The helpdesk lookup is for the helpdesk and the district officer. Your block&apos;s records are on your block page.</p>
      </section>
    );
  }
  return <HelpdeskLookup />;
}
