/**
 * The bad-input sweep (issue 10): every tRPC procedure, enumerated from the router, and every REST route, enumerated
 * from the OpenAPI document, gets every hostile value in every field, for every role. Nothing may answer 5xx, every
 * refusal is a JSON body that says what was wrong, and the database is exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleTrpc } from "@/server/api/trpc-handler";
import { createApiToken } from "@/server/auth/api-tokens";
import { callerFor, loadUser, testDb } from "@/tests/helpers/callers";
import { withTestRuntime } from "@/tests/helpers/rest";
import { dbFingerprint } from "@/tests/helpers/sweep/db-fingerprint";
import { listProcedures, trpcRequest } from "@/tests/helpers/sweep/trpc-procedures";
import { listRestOperations, restRequests, callRest } from "@/tests/helpers/sweep/rest-operations";
import { baseValue, HOSTILE_VALUES, isLegitimate, leaves, withLeaf } from "@/tests/helpers/sweep/values";

const ROLES = ["dio", "sup.sultanganj", "op.pirpainti", "helpdesk"] as const;
const tokens: Record<string, string> = {};
let before: Record<string, string> = {};

// Bookkeeping that every authenticated request touches by design (a token's last use), not data the sweep may change.
const withoutBookkeeping = (f: Record<string, string>) => Object.fromEntries(Object.entries(f).filter(([table]) => table !== "api_tokens"));

beforeAll(async () => {
  for (const username of ROLES) tokens[username] = (await createApiToken(testDb(), (await loadUser(username)).id, `sweep ${username}`)).token;
  before = withoutBookkeeping(await dbFingerprint());
}, 120_000);

afterAll(async () => {
  await testDb().apiToken.deleteMany({ where: { name: { startsWith: "sweep " } } });
});

type Failure = { where: string; status: number; body: string };

function record(failures: Failure[], where: string, status: number, body: string) {
  if (status >= 500) failures.push({ where, status, body: body.slice(0, 300) });
}

describe("the bad-input sweep", () => {
  it("finds every procedure and every REST operation", () => {
    expect(listProcedures().length).toBeGreaterThan(50);
    expect(listRestOperations().length).toBeGreaterThan(15);
  });

  it("tRPC: no hostile value in any field, for any role, answers 5xx; every refusal is JSON", async () => {
    const failures: Failure[] = [];
    const notJson: string[] = [];
    let calls = 0;
    for (const procedure of listProcedures()) {
      const base = procedure.input ? baseValue(procedure.input) : undefined;
      const paths = base === undefined ? [[]] : leaves(base).map((l) => l.path);
      for (const path of paths) {
        for (const hostile of HOSTILE_VALUES) {
          const input = withLeaf(base, path, hostile.value);
          if (isLegitimate(hostile, () => procedure.schema?.safeParse(input).success ?? true)) continue;
          for (const role of ROLES) {
            const where = `${procedure.path} ${JSON.stringify(path)}=${hostile.label} as ${role}`;
            calls++;
            if (procedure.type === "subscription") {
              const caller = await callerFor(role);
              const fn = procedure.path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (i: unknown) => Promise<AsyncIterable<unknown>>;
              const code = await fn(input).then(
                async (stream) => {
                  const iterator = stream[Symbol.asyncIterator]();
                  const first = await Promise.race([iterator.next().then(() => "OK"), new Promise((r) => setTimeout(() => r("OK"), 200))]);
                  await iterator.return?.();
                  return first as string;
                },
                (e: { code?: string }) => e.code ?? "?",
              );
              if (code === "INTERNAL_SERVER_ERROR" || code === "?") failures.push({ where, status: 500, body: code });
              continue;
            }
            const res = await withTestRuntime(() => handleTrpc(trpcRequest(procedure, input, tokens[role]!)));
            const body = await res.text();
            record(failures, where, res.status, body);
            if (res.status >= 400) {
              try {
                const parsed = JSON.parse(body) as { error?: { json?: { message?: string } } };
                if (!parsed.error?.json?.message) notJson.push(where);
              } catch {
                notJson.push(where);
              }
            }
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(1000);
    expect(failures, JSON.stringify(failures.slice(0, 10), null, 1)).toEqual([]);
    expect(notJson.slice(0, 10)).toEqual([]);
  }, 600_000);

  it("REST: no hostile parameter, header or body field, for any role, answers 5xx; every refusal is a JSON error", async () => {
    const failures: Failure[] = [];
    const notJson: string[] = [];
    let calls = 0;
    for (const operation of listRestOperations()) {
      for (const role of ROLES) {
        for (const { where, request } of restRequests(operation, tokens[role]!)) {
          calls++;
          const res = await callRest(operation, request());
          const body = res.status >= 300 || res.headers.get("content-type")?.includes("json") ? await res.text() : (await res.body?.cancel(), "");
          record(failures, `${where} as ${role}`, res.status, body);
          if (res.status >= 400) {
            try {
              const parsed = JSON.parse(body) as { error?: unknown; code?: unknown; key?: unknown };
              if (typeof parsed.error !== "string" || typeof parsed.code !== "string" || typeof parsed.key !== "string") notJson.push(`${where} as ${role}`);
            } catch {
              notJson.push(`${where} as ${role}: ${body.slice(0, 80)}`);
            }
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(1000);
    expect(failures, JSON.stringify(failures.slice(0, 10), null, 1)).toEqual([]);
    expect(notJson.slice(0, 10)).toEqual([]);
  }, 600_000);

  it("changed nothing in the database", async () => {
    expect(withoutBookkeeping(await dbFingerprint())).toEqual(before);
  }, 120_000);
});
