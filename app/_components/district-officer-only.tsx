import type { ReactNode } from "react";
import { requireUser } from "@/server/auth/page-guard";

/** Renders the page for the district officer and a clear refusal for everyone else (the server checks again). */
export async function DistrictOfficerOnly({ path, what, children }: { path: string; what: string; children: ReactNode }) {
  const user = await requireUser(path);
  if (user.role !== "DISTRICT_OFFICER") {
    return (
      <section className="notice error" role="alert">
        <h1>Not available</h1>
        <p>Only the district officer {what}.</p>
      </section>
    );
  }
  return <>{children}</>;
}
