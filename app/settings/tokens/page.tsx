import { requireUser } from "@/server/auth/page-guard";
import { ApiTokensPanel } from "@/app/_components/api-tokens-panel";

export const dynamic = "force-dynamic";

export default async function ApiTokensPage() {
  const user = await requireUser("/settings/tokens");
  if (user.role !== "DISTRICT_OFFICER") {
    return (
      <section className="notice error" role="alert">
        <h1>Not available</h1>
        <p>Only the district officer creates API tokens.</p>
      </section>
    );
  }
  return <ApiTokensPanel />;
}
