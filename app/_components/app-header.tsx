import Link from "next/link";
import { currentUser } from "@/server/auth/page-guard";
import { SignOutButton } from "@/app/_components/sign-out-button";

const ROLE_LABELS = { DISTRICT_OFFICER: "District officer", BLOCK_SUPERVISOR: "Block supervisor", DATA_OPERATOR: "Data operator", HELPDESK: "Helpdesk" } as const;

export async function AppHeader() {
  const user = await currentUser().catch(() => null);
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        Teeka Monitor <span className="brand-sub">Bhagalpur</span>
      </Link>
      {user ? (
        <nav className="header-nav" aria-label="Account">
          <Link href="/">Backlog</Link>
          <Link href="/imports">Imports</Link>
          <Link href="/anomalies">Anomalies</Link>
          {user.role === "DISTRICT_OFFICER" && <Link href="/sites">New sites</Link>}
          {user.role === "DISTRICT_OFFICER" && <Link href="/settings/tokens">API tokens</Link>}
          <span className="who">
            {user.displayName} · {ROLE_LABELS[user.role]}
          </span>
          <SignOutButton />
        </nav>
      ) : null}
    </header>
  );
}
