/**
 * The callers of the cross-district sweep and how their answers are compared: each demo account of one district
 * (and the state officer focused on one) with its own district's footprint and the other district's, and an
 * answer reduced to what a caller could tell apart (status, error key and message, or the data) with the value
 * that was sent written as <v>, so an out-of-scope id and an unknown one compare equal exactly when they read alike.
 */
import { TRPCError } from "@trpc/server";
import { issuePersonToken } from "@/server/services/helpdesk/helpdesk-token";
import { callerFor, loadUser, testDb } from "@/tests/helpers/callers";
import { TEST_NOW } from "@/tests/helpers/test-clock";
import { districtFootprint, foreignMarkers, type Footprint } from "@/tests/helpers/sweep/district-footprint";
import type { ProcedureInfo } from "@/tests/helpers/sweep/trpc-procedures";

export type ActorSpec = { username: string; home: string; block?: string; focus?: string; foreign: string };

/** Banka's accounts with Bhagalpur's values, Bhagalpur's with Banka's, and the state officer on Banka with Bhagalpur's. */
export const ACTORS: readonly ActorSpec[] = [
  { username: "dio.banka", home: "Banka", foreign: "Bhagalpur" },
  { username: "sup.amarpur", home: "Banka", block: "Amarpur", foreign: "Bhagalpur" },
  { username: "sio.bihar", home: "Banka", focus: "banka", foreign: "Bhagalpur" },
  { username: "dio", home: "Bhagalpur", foreign: "Banka" },
  { username: "sup.pirpainti", home: "Bhagalpur", block: "Pirpainti", foreign: "Banka" },
  { username: "op.pirpainti", home: "Bhagalpur", block: "Pirpainti", foreign: "Banka" },
  { username: "helpdesk", home: "Bhagalpur", foreign: "Banka" },
];

export type Actor = ActorSpec & {
  userId: number;
  label: string;
  own: Footprint;
  other: Footprint;
  markers: ReturnType<typeof foreignMarkers>;
  token: (recordId: number) => string;
};

export async function loadActors(): Promise<Actor[]> {
  const footprints = new Map<string, Footprint>();
  const footprint = async (district: string, block?: string) => {
    const key = `${district}/${block ?? ""}`;
    if (!footprints.has(key)) footprints.set(key, await districtFootprint(district, block));
    return footprints.get(key)!;
  };
  const out: Actor[] = [];
  for (const spec of ACTORS) {
    const user = await loadUser(spec.username);
    const own = await footprint(spec.home, spec.block);
    const other = await footprint(spec.foreign);
    out.push({
      ...spec,
      userId: user.id,
      label: spec.focus ? `${spec.username} on ${spec.focus}` : spec.username,
      own,
      other,
      markers: foreignMarkers(other, await footprint(spec.home)),
      token: (recordId) => issuePersonToken(recordId, user.id, TEST_NOW),
    });
  }
  return out;
}

export type Outcome = { ok: true; data: unknown } | { ok: false; code: string; key: string; message: string };

/** Calls one procedure as the actor (a subscription: opened, its first event awaited briefly, closed). */
export async function callProcedure(actor: Actor, procedure: ProcedureInfo, input: unknown, district?: string | null): Promise<Outcome> {
  const caller = await callerFor(actor.username, TEST_NOW, district === undefined ? actor.focus : (district ?? undefined));
  const fn = procedure.path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (i: unknown) => Promise<unknown>;
  try {
    const result = await fn(input);
    if (procedure.type !== "subscription") return { ok: true, data: result };
    const iterator = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const first = await Promise.race([iterator.next(), new Promise((r) => setTimeout(() => r({ value: "no event yet" }), 150))]);
    await iterator.return?.();
    return { ok: true, data: (first as { value: unknown }).value };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const key = (error.cause as { key?: string } | undefined)?.key ?? "-";
    return { ok: false, code: error.code, key, message: error.message };
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The answer as text to compare, with the values sent (the foreign one and the unknown one, in both answers) written as <v> wherever it stands alone (not the 1 of
 * "/api/v1", nor the 4 of "404"); the status and error key are compared as they are.
 */
export function comparable(outcome: Outcome | { status: number; key: string; text: string }, sent: readonly unknown[]): string {
  const [head, text] =
    "status" in outcome ? [`${outcome.status}|${outcome.key}`, outcome.text] : outcome.ok ? ["ok", JSON.stringify(outcome.data)] : [`${outcome.code}|${outcome.key}`, outcome.message];
  const alone = (v: string) => new RegExp(`(?<![\\p{L}\\p{N}_])${escape(v)}(?![\\p{L}\\p{N}_])`, "giu");
  let out = text;
  for (const value of sent.map(String)) out = out.replace(alone(value), "<v>").replace(alone(JSON.stringify(value).slice(1, -1)), "<v>");
  return `${head}|${out}`;
}

/** The value a variant sent in its one foreign field: what the answer may echo. */
export function sentValue(input: unknown, unknown: unknown): { foreign: unknown; unknown: unknown } {
  const diff = (a: unknown, b: unknown): [unknown, unknown] | null => {
    if (a === b) return null;
    if (a && b && typeof a === "object" && typeof b === "object" && !(a instanceof Date)) {
      for (const k of Object.keys(a)) {
        const d = diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
        if (d) return d;
      }
      return null;
    }
    return [a, b];
  };
  const d = diff(input, unknown);
  return { foreign: d?.[0], unknown: d?.[1] };
}

/** Removes what the helpdesk lookups of the sweep logged (the callers' own district's audit rows, and a rate limit). */
export async function forgetLookupsAfter(mark: number): Promise<void> {
  await testDb().helpdeskLookup.deleteMany({ where: { id: { gt: mark } } });
}
