import "server-only";
import type { Role } from "@/server/generated/prisma/enums";

/**
 * The one place that decides who may do what. A capability names a kind of action; each role has a fixed list of
 * them and nothing else (deny by default: a role or capability not listed here is refused). *What data* an
 * allowed action reaches is the scope's business (server/auth/scope.ts), never this module's.
 *
 * Every tRPC procedure and REST route declares the capability it needs, and the pipeline checks it before the
 * input is read; page guards and the header's navigation ask `can()` too, so a link is shown exactly when its
 * page would open.
 */
export const CAPABILITIES = [
  /** Sign-in facts and one's own settings (language). */
  "self",
  /** Dashboards: backlog, blocks, camps, timeliness, forecasts, portal state, alerts, anomalies (read), live events. */
  "dashboard.read",
  /** Mark pending records entered or rejected (one's scope). */
  "records.mark",
  /** Reverse someone's latest status change. */
  "records.undo",
  /** Upload an offline register / a portal export (a data operator for their block, the DIO for the district). */
  "imports.run",
  /** See imports (one's own; the DIO all) and their rejected rows. */
  "imports.read",
  /** Resolve anomalies of the reconciliation queue. */
  "anomalies.resolve",
  /** Confirm or merge sites first seen in an import. */
  "sites.manage",
  /** Create and revoke API tokens. */
  "tokens.manage",
  /** Add and change probe targets, maintenance windows, alert settings: the state's, shared by its districts. */
  "probes.manage",
  /** Report "can this block HQ reach the portal?" */
  "probes.reportField",
  /** Look up one beneficiary (the helpdesk counter, and the DIO). */
  "helpdesk.lookup",
  /** Read the helpdesk access log. */
  "helpdesk.auditLog",
  /** The daily review report (page, CSV, PDF). */
  "reports.daily",
  /** Use the REST API at all (the helpdesk has no use for bulk reads). */
  "api.use",
  /** The state's programme rules, its districts (set one up, edit its blocks' aliases): the state officer. */
  "state.configure",
  /** Alert channels (SMS, WhatsApp, Telegram, email), Send test, the delivery log, who can be reached: the DIO for
   * the district, the state officer for the state. */
  "alerts.configure",
] as const;

export type Capability = (typeof CAPABILITIES)[number];

const BLOCK_STAFF: readonly Capability[] = ["self", "dashboard.read", "records.mark", "imports.read", "anomalies.resolve", "probes.reportField", "reports.daily", "api.use"];

const GRANTS: Readonly<Record<Role, readonly Capability[]>> = {
  // Reads every district of the state and configures what the state shares (rules, districts, the probe targets
  // its districts share); marks, imports and resolves nothing: that work is the districts'.
  STATE_OFFICER: ["self", "dashboard.read", "imports.read", "tokens.manage", "probes.manage", "reports.daily", "api.use", "state.configure", "alerts.configure"],
  DISTRICT_OFFICER: [
    "self",
    "dashboard.read",
    "records.mark",
    "records.undo",
    "imports.run",
    "imports.read",
    "anomalies.resolve",
    "sites.manage",
    "tokens.manage",
    "probes.reportField",
    "helpdesk.lookup",
    "helpdesk.auditLog",
    "reports.daily",
    "api.use",
    "alerts.configure",
  ],
  BLOCK_SUPERVISOR: BLOCK_STAFF,
  DATA_OPERATOR: [...BLOCK_STAFF, "imports.run"],
  HELPDESK: ["self", "helpdesk.lookup"],
};

export type PolicySubject = { role: Role } | null | undefined;

export function can(user: PolicySubject, capability: Capability): boolean {
  if (!user) return false;
  return GRANTS[user.role]?.includes(capability) ?? false;
}

/** Where a signed-in user starts: the helpdesk has one page; everyone else the dashboard. */
export function homePathFor(user: PolicySubject): string {
  if (!user) return "/sign-in";
  return can(user, "dashboard.read") ? "/" : can(user, "helpdesk.lookup") ? "/helpdesk" : "/";
}
