import "server-only";
import { defineRoute } from "@/server/api/rest/route";
import { ZRulesApiResponse } from "@/core/contracts/rules-api";
import { getRulesView } from "@/server/services/rules/rules-admin";
import { updateRules } from "@/server/services/rules/rules-admin";
import { ZRulesUpdate } from "@/server/services/rules/rules-schema";

export const rulesGetRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/rules",
    operationId: "getRules",
    summary: "The programme's rules in force: the entry deadline and working hours of the state and of each district in scope",
    tags: ["rules"],
    capability: "dashboard.read",
    responses: { description: "The rules", json: ZRulesApiResponse },
  },
  ({ db, scope }) => getRulesView(db, scope),
);

export const rulesPutRoute = defineRoute(
  {
    method: "PUT",
    path: "/api/v1/rules",
    operationId: "updateRules",
    summary: "Set the state's rules, or one district's stricter rules (`district`; `rules: null` clears them) — state officer only",
    description: "A district's deadline may never be later than the state's for any vaccination time, and its working hours must lie within the state's: a wider one is refused with 400. A change of the state's rules that a district's own rules would then widen is refused with 409.",
    tags: ["rules"],
    capability: "state.configure",
    body: ZRulesUpdate,
    maxBodyBytes: 10_000,
    responses: { description: "The rules after the change", json: ZRulesApiResponse },
    errors: [409],
  },
  async ({ db, now, user, scope, body }) => {
    await updateRules(db, scope, body, user.username, now);
    return getRulesView(db, scope);
  },
);
