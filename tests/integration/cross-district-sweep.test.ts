/**
 * The cross-district sweep (issue 12): every tRPC procedure, enumerated from the router, and every REST operation,
 * enumerated from the OpenAPI document, called by Banka's accounts with Bhagalpur's ids, block names and slugs, by
 * Bhagalpur's with Banka's, and by the state officer focused on Banka with Bhagalpur's. No answer shows the other
 * district's names, serials, beneficiaries or users; an out-of-scope id (or block, or district) reads exactly
 * like one that does not exist; and not one row of either district changes.
 */
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/server/auth/api-tokens";
import { callerFor, loadUser, scopeOfUser, testDb } from "@/tests/helpers/callers";
import { TEST_NOW } from "@/tests/helpers/test-clock";
import { istDateKey } from "@/core/time/ist";
import { listProcedures } from "@/tests/helpers/sweep/trpc-procedures";
import { listRestOperations } from "@/tests/helpers/sweep/rest-operations";
import { istMinute, maxId, opaqueBody, rest, type RestCall } from "@/tests/helpers/sweep/cross-district-rest";
import { baseValue, type JsonSchema } from "@/tests/helpers/sweep/values";
import { districtRowsFingerprint, leaksIn } from "@/tests/helpers/sweep/district-footprint";
import { addDistrictFixtures } from "@/tests/helpers/sweep/district-fixtures";
import { fieldKind, planInputs, unknownOf, UNKNOWN_ID, UNKNOWN_REF } from "@/tests/helpers/sweep/foreign-inputs";
import { callProcedure, comparable, forgetLookupsAfter, loadActors, sentValue, type Actor } from "@/tests/helpers/sweep/cross-district";
import { focusScope } from "@/server/api/district-focus";
import { eventsRoute } from "@/server/api/rest/routes/events";
import { getEventBus } from "@/server/events/event-bus";
import type { StreamEvent } from "@/server/events/live-event";
import { buildDailyReport } from "@/server/services/reports/daily-report";
import { renderDailyReportHtml } from "@/server/services/reports/daily-report-html";
import { withTestRuntime } from "@/tests/helpers/rest";
import { restorePendingAfterAll } from "@/tests/helpers/restore-pending";

const TOKEN_NAME = "cross-district sweep";
/** Mutations that only read (and log the lookup in the caller's own district): free-text fields are swept there too. */
const READING_MUTATIONS = new Set(["helpdesk.search", "helpdesk.getPerson"]);

let actors: Actor[] = [];
let undoFixtures: () => Promise<void> = async () => undefined;
let before: Record<string, Record<string, string>> = {};
let lookupMark = 0;
const tokens: Record<string, string> = {};

type Finding = { where: string; what: string };

async function fingerprints() {
  return { Bhagalpur: await districtRowsFingerprint(actors.find((a) => a.home === "Bhagalpur")!.own.districtId), Banka: await districtRowsFingerprint(actors.find((a) => a.home === "Banka")!.own.districtId) };
}

beforeAll(async () => {
  undoFixtures = await addDistrictFixtures(["Bhagalpur", "Banka"]);
  for (const username of new Set(["dio.banka", "sup.amarpur", "sio.bihar", "dio", "sup.pirpainti", "op.pirpainti", "helpdesk"])) {
    tokens[username] = (await createApiToken(testDb(), (await loadUser(username)).id, TOKEN_NAME)).token;
  }
  actors = await loadActors();
  lookupMark = (await testDb().helpdeskLookup.aggregate({ _max: { id: true } }))._max.id ?? 0;
  before = await fingerprints();
}, 120_000);

afterAll(async () => {
  await forgetLookupsAfter(lookupMark);
  await testDb().apiToken.deleteMany({ where: { name: TOKEN_NAME } });
  await undoFixtures();
});

/** The other district by slug and by id, each with a reference to no district at all. */
const otherDistrictRefs = (actor: Actor): [string, string][] => [
  [actor.other.districtRefs[0]!, UNKNOWN_REF],
  [actor.other.districtRefs[1]!, String(UNKNOWN_ID)],
];

/**
 * The portal parser's fixed refusal names the demo's first district in code (core/domain/portal-row.ts), for every
 * importer: a sentence of the code, not a row of that district. It goes when the parsers name the importer's own
 * district (issue 12, the import parsers' part); delete this then.
 */
/**
 * The one answer that names the other district on purpose (issue 12: "a row for another district's block is
 * rejected with a reason naming it"): the uploader typed that block's name, and is told where it belongs instead
 * of "unknown". Nothing else of that district may appear, so only this sentence is taken out before the check.
 */
const OTHER_DISTRICT_REASON = /block [^;"]+ is a block of [^;"]+ district, not of [^;"]+; that district imports its own registers|"key":"importRow\.blockOfOtherDistrict","params":\{[^}]*\}/g;

/** SWEEP_REPORT=<file> writes every finding, not only the first ones the assertion shows. */
function report(name: string, findings: Finding[]) {
  if (process.env.SWEEP_REPORT) writeFileSync(`${process.env.SWEEP_REPORT}.${name}.json`, JSON.stringify(findings, null, 1));
}

function checkLeaks(findings: Finding[], where: string, actor: Actor, answer: unknown, echo: readonly string[] = []) {
  const leaks = leaksIn(answer, actor.markers, echo);
  if (leaks.length) findings.push({ where, what: `shows ${leaks.slice(0, 5).join(", ")}` });
}

describe("the cross-district sweep", () => {
  it("knows both districts: ids of every kind, and markers the other district's answers are full of", async () => {
    for (const actor of actors) {
      for (const [kind, ids] of Object.entries(actor.other.ids)) {
        // A block user's footprint holds their block; the other side is always a whole district, fixtures included.
        if (kind !== "fieldReport" || actor.foreign === "Bhagalpur") expect(ids.length, `${actor.foreign} ${kind}`).toBeGreaterThan(0);
      }
    }
    // The markers do find the other district where it is allowed: the state officer's unfocused summary shows both.
    const state = actors.find((a) => a.username === "sio.bihar")!;
    const summary = await callProcedure(state, listProcedures().find((p) => p.path === "backlog.getSummary")!, undefined, null);
    expect(summary.ok && leaksIn(summary.data, state.markers).length).toBeGreaterThan(5);
  });

  it("tRPC: no procedure shows another district's data, and its ids, blocks and searches read like unknown ones", async () => {
    const leaks: Finding[] = [];
    const differ: Finding[] = [];
    const invalidBase: string[] = [];
    let calls = 0;
    for (const procedure of listProcedures()) {
      const reading = procedure.type !== "mutation" || READING_MUTATIONS.has(procedure.path);
      for (const actor of actors) {
        // The state's configuration (its rules, its districts' blocks and aliases) is the state officer's to change
        // in every district of the state: focusing one district narrows what they read, not what they configure.
        if (actor.focus && procedure.capability === "state.configure") continue;
        const plans = procedure.input
          ? planInputs(procedure.path, procedure.input, actor.own, actor.other, { sweepText: reading, token: actor.token, dateKey: istDateKey(TEST_NOW), now: TEST_NOW })
          : [{ base: undefined, variants: [] }];
        for (const plan of plans) {
          const swept = reading || plan.variants.length > 0;
          if (swept && procedure.schema && !procedure.schema.safeParse(plan.base).success) invalidBase.push(`${procedure.path} ${JSON.stringify(plan.base)}`);
          if (reading) {
            calls++;
            const own = await callProcedure(actor, procedure, plan.base);
            checkLeaks(leaks, `${procedure.path} as ${actor.label} (own input)`, actor, own);
          }
          for (const variant of plan.variants) {
            const where = `${procedure.path} ${variant.label} as ${actor.label}`;
            calls += 2;
            const answer = await callProcedure(actor, procedure, variant.input);
            const unknown = await callProcedure(actor, procedure, variant.unknown);
            checkLeaks(leaks, where, actor, answer, variant.echo);
            if (variant.kind === "text") continue; // a search text may match the caller's own people too
            const sent = sentValue(variant.input, variant.unknown);
            const a = comparable(answer, [sent.foreign, sent.unknown]);
            const b = comparable(unknown, [sent.foreign, sent.unknown]);
            if (a !== b) differ.push({ where, what: `${a.slice(0, 200)}  ≠ unknown: ${b.slice(0, 200)}` });
          }
          // The other district named as the focus reads like a district that does not exist (the state officer's
          // focus is theirs to choose: both districts are in their state).
          for (const [ref, unknownRef] of actor.focus ? [] : otherDistrictRefs(actor)) {
            calls += 2;
            const a = comparable(await callProcedure(actor, procedure, plan.base, ref), [ref, unknownRef]);
            const b = comparable(await callProcedure(actor, procedure, plan.base, unknownRef), [ref, unknownRef]);
            if (a !== b) differ.push({ where: `${procedure.path} X-Teeka-District=${ref} as ${actor.label}`, what: `${a.slice(0, 200)}  ≠ unknown: ${b.slice(0, 200)}` });
          }
          await forgetLookupsAfter(lookupMark);
        }
      }
    }
    report("trpc-leaks", leaks);
    report("trpc-differ", differ);
    expect(calls).toBeGreaterThan(1500);
    expect(invalidBase, "the sweep builds a valid own input for every procedure").toEqual([]);
    expect(leaks, JSON.stringify(leaks.slice(0, 15), null, 1)).toEqual([]);
    expect(differ, JSON.stringify(differ.slice(0, 15), null, 1)).toEqual([]);
  }, 600_000);
});


describe("the cross-district sweep over REST", () => {
  it("no operation shows another district's data, and its ids, blocks and district read like unknown ones", async () => {
    const leaks: Finding[] = [];
    const differ: Finding[] = [];
    let calls = 0;
    for (const op of listRestOperations()) {
      if (op.body === "upload") continue; // the uploads have their own test below
      // A public route (the register template) answers everyone alike, anonymous callers included: no scope to cross.
      if (op.route.spec.capability === null) continue;
      const params = op.parameters.filter((p) => p.name && p.in);
      const writes = op.method !== "GET";
      for (const actor of actors) {
        const pathBase = Object.fromEntries(
          params.filter((p) => p.in === "path").map((p) => {
            const kind = fieldKind(op.path, [p.name]);
            const mine = kind === "blockRef" ? actor.own.blockRefs[1] : kind && kind in actor.own.ids ? String(actor.own.ids[kind as keyof typeof actor.own.ids][0] ?? UNKNOWN_ID) : "1";
            return [p.name, mine ?? "1"];
          }),
        );
        let bodyBase: unknown = op.body ? baseValue(op.body) : undefined;
        const opaque = opaqueBody(op, actor.own.ids.record[0]!);
        const bodyPlans = opaque
          ? [{ base: opaque, variants: actor.other.ids.record.map((id) => ({ label: `items.0.id=record:${id}`, input: opaqueBody(op, id), unknown: opaqueBody(op, UNKNOWN_ID), kind: "record" as const, echo: [String(id)] })) }]
          : op.body
            ? planInputs(op.path, op.body as JsonSchema, actor.own, actor.other, { sweepText: false, token: actor.token, dateKey: istDateKey(TEST_NOW), now: TEST_NOW })
            : [{ base: undefined, variants: [] }];
        for (const plan of bodyPlans) {
          bodyBase = plan.base;
          const body = bodyBase === undefined ? undefined : JSON.stringify(bodyBase);
          const variants: { where: string; call: RestCall; unknown: RestCall; sent: [unknown, unknown]; echo: string[]; compare: boolean }[] = [];
          for (const p of params) {
            const kind = fieldKind(op.path, [p.name]);
            if (!kind || kind === "shared" || (kind === "text" && writes)) continue;
            const values = kind === "blockRef" ? actor.other.blockRefs : kind === "text" ? actor.other.texts : kind in actor.other.ids ? actor.other.ids[kind as keyof typeof actor.other.ids].map(String) : [];
            for (const value of values) {
              const unknownValue = String(unknownOf(kind, true, actor.token, value));
              const set = (v: string): RestCall => (p.in === "path" ? { path: { ...pathBase, [p.name]: v }, query: [], body } : { path: pathBase, query: [[p.name, v]], body });
              variants.push({ where: `${p.in === "path" ? p.name : `?${p.name}`}=${value}`, call: set(value), unknown: set(unknownValue), sent: [value, unknownValue], echo: [value], compare: kind !== "text" });
            }
          }
          for (const [ref, unknownRef] of actor.focus ? [] : otherDistrictRefs(actor)) {
            variants.push({ where: `?district=${ref}`, call: { path: pathBase, query: [["district", ref]], body }, unknown: { path: pathBase, query: [["district", unknownRef]], body }, sent: [ref, unknownRef], echo: [ref], compare: true });
          }
          for (const v of plan.variants) {
            const sent = sentValue(v.input, v.unknown);
            variants.push({ where: `body ${v.label}`, call: { path: pathBase, query: [], body: JSON.stringify(v.input) }, unknown: { path: pathBase, query: [], body: JSON.stringify(v.unknown) }, sent: [sent.foreign, sent.unknown], echo: v.echo, compare: v.kind !== "text" });
          }
          if (!writes) {
            // The caller's own answers in every format the operation offers (the PDF is checked through its HTML below).
            const format = params.find((p) => p.name === "format");
            for (const f of ((format?.schema.enum as string[] | undefined) ?? [""]).filter((x) => x !== "pdf")) {
              calls++;
              const own = await rest(op, actor, { path: pathBase, query: f ? [["format", f]] : [], body }, tokens);
              checkLeaks(leaks, `${op.method} ${op.path}${f ? `?format=${f}` : ""} as ${actor.label} (own)`, actor, [own.text, own.disposition]);
            }
          }
          for (const v of variants) {
            const where = `${op.method} ${op.path} ${v.where} as ${actor.label}`;
            calls += 2;
            const answer = await rest(op, actor, v.call, tokens);
            const unknown = await rest(op, actor, v.unknown, tokens);
            checkLeaks(leaks, where, actor, [answer.text, answer.disposition], v.echo);
            if (!v.compare) continue;
            const a = comparable(answer, v.sent);
            const b = comparable(unknown, v.sent);
            if (a !== b) differ.push({ where, what: `${a.slice(0, 200)}  ≠ unknown: ${b.slice(0, 200)}` });
          }
        }
      }
    }
    report("rest-leaks", leaks);
    report("rest-differ", differ);
    expect(calls).toBeGreaterThan(500);
    expect(leaks, JSON.stringify(leaks.slice(0, 15), null, 1)).toEqual([]);
    expect(differ, JSON.stringify(differ.slice(0, 15), null, 1)).toEqual([]);
  }, 600_000);

  it("an upload naming the other district's block, or copying its records, is refused and matches nothing there", async () => {
    const leaks: Finding[] = [];
    const marks = { batch: await maxId("importBatch"), site: await maxId("site"), camp: await maxId("camp"), anomaly: await maxId("anomaly") };
    let accepted = 0;
    try {
    for (const op of listRestOperations().filter((o) => o.body === "upload")) {
      for (const actor of actors) {
        const victim = await testDb().vaccinationRecord.findFirstOrThrow({ where: { id: actor.other.ids.record[0]! }, include: { block: true, camp: { include: { site: true } } } });
        const ownBlock = actor.own.blockRefs[0]!;
        const at = istMinute(victim.vaccinatedAt);
        const sex = victim.sex === "FEMALE" ? "F" : victim.sex === "MALE" ? "M" : "O";
        const csv = op.path.endsWith("/portal")
          ? "portal_ref,beneficiary_name,birth_year,gender,id_last4,mobile_last4,dose,vaccinated_at,site,block,entered_at\n" +
            [victim.block.name, ownBlock].map((block, i) => `CWN-XD-${i},${victim.beneficiaryName},${victim.birthYear},${sex},${victim.idLast4},,${victim.dose},${at},${victim.camp.site.name},${block},${istMinute(TEST_NOW)}`).join("\n") + "\n"
          : "register_serial,block,site,vaccinated_at,beneficiary_name,birth_year,gender,id_type,id_number,dose,vaccine\n" +
            `XD-1,${victim.block.name},${victim.camp.site.name},${at},${victim.beneficiaryName},${victim.birthYear},${sex},Voter ID,XDVOTER001,${victim.dose},Covaxin\n`;
        const answer = await rest(op, actor, { path: {}, query: [], body: csv, headers: { "content-type": "text/csv", "x-file-name": `cross-${actor.username}.csv` } }, tokens);
        if (answer.status < 300) accepted++;
        checkLeaks(leaks, `${op.method} ${op.path} as ${actor.label}`, actor, answer.text.replaceAll(OTHER_DISTRICT_REASON, ""), [victim.block.name, victim.camp.site.name, victim.beneficiaryName]);
        const created = answer.status < 300 ? (JSON.parse(answer.text) as { created?: number; matched?: number }) : {};
        if (process.env.SWEEP_REPORT) writeFileSync(`${process.env.SWEEP_REPORT}.upload-${actor.username}-${op.path.split("/").pop()}.txt`, answer.text);
        if (created.created || created.matched) leaks.push({ where: `${op.path} as ${actor.label}`, what: `took ${answer.text.slice(0, 200)}` });
      }
    }
    } finally {
      // The importers' own import batches go; the other district's rows are checked by the next test.
      await testDb().anomaly.deleteMany({ where: { id: { gt: marks.anomaly } } });
      await testDb().vaccinationRecord.deleteMany({ where: { importId: { gt: marks.batch } } });
      await testDb().camp.deleteMany({ where: { id: { gt: marks.camp } } });
      await testDb().site.deleteMany({ where: { id: { gt: marks.site } } });
      await testDb().importBatch.deleteMany({ where: { id: { gt: marks.batch } } });
    }
    expect(accepted, "the importers' uploads were read (and their rows refused)").toBeGreaterThan(2);
    expect(leaks, JSON.stringify(leaks, null, 1)).toEqual([]);
  }, 120_000);

  it("the daily report's PDF (its HTML, in both languages) shows nothing of the other district", async () => {
    const leaks: Finding[] = [];
    for (const actor of actors.filter((a) => a.username !== "helpdesk")) {
      const scope = await focusScope(testDb(), await scopeOfUser(actor.username), actor.focus);
      const report = await buildDailyReport(testDb(), scope, TEST_NOW);
      for (const lang of ["en", "hi"] as const) checkLeaks(leaks, `daily report PDF (${lang}) as ${actor.label}`, actor, renderDailyReportHtml(report, lang));
    }
    expect(leaks).toEqual([]);
  });

  it("changed no row of either district, nor anything the state shares", async () => {
    await forgetLookupsAfter(lookupMark);
    expect(await fingerprints()).toEqual(before);
  }, 120_000);
});


describe("live events across districts", () => {
  const touched = restorePendingAfterAll();

  afterAll(async () => {
    await getEventBus().close();
  });

  type Stream = { label: string; events: StreamEvent[]; stop: () => void };

  async function subscribe(actor: Actor): Promise<Stream> {
    const abort = new AbortController();
    const caller = await callerFor(actor.username, TEST_NOW, actor.focus);
    const iterable = (await caller.events.onChange()) as AsyncIterable<StreamEvent>;
    const events: StreamEvent[] = [];
    void (async () => {
      for await (const event of iterable) {
        events.push(event);
        if (abort.signal.aborted) break;
      }
    })().catch(() => undefined);
    return { label: `${actor.label} (tRPC)`, events, stop: () => abort.abort() };
  }

  async function subscribeRest(actor: Actor): Promise<Stream> {
    const abort = new AbortController();
    const req = new Request(`http://localhost/api/v1/events${actor.focus ? `?district=${actor.focus}` : ""}`, { headers: { authorization: `Bearer ${tokens[actor.username]}` }, signal: abort.signal });
    const res = await withTestRuntime(() => eventsRoute.handle(req, { params: Promise.resolve({}) }));
    const events: StreamEvent[] = [];
    const reader = res.body!.getReader();
    let text = "";
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
        for (const line of text.split("\n").filter((l) => l.startsWith("data: "))) events.push(JSON.parse(line.slice(6)) as StreamEvent);
        text = text.slice(text.lastIndexOf("\n") + 1);
      }
    })().catch(() => undefined);
    return { label: `${actor.label} (SSE)`, events, stop: () => abort.abort() };
  }

  const until = async (check: () => boolean, ms: number) => {
    const end = Date.now() + ms;
    while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  };

  it("a change in one district reaches that district's streams and never the other's", async () => {
    await getEventBus().ready();
    for (const [changer, district] of [["dio", "Bhagalpur"], ["dio.banka", "Banka"]] as const) {
      const changerActor = actors.find((a) => a.username === changer)!;
      const others = actors.filter((a) => a.home !== district && a.username !== "helpdesk");
      const watching = [await subscribe(changerActor), ...(await Promise.all(others.map(subscribe))), ...(await Promise.all(others.map(subscribeRest)))];
      await until(() => watching.every((w) => w.events.some((e) => e.type === "sync")), 2_000);
      const record = await testDb().vaccinationRecord.findFirstOrThrow({ where: { districtId: changerActor.own.districtId, status: "PENDING", id: { notIn: [...touched] } }, orderBy: { id: "desc" } });
      touched.add(record.id);
      await (await callerFor(changer)).records.markEntered({ items: [{ id: record.id, portalRef: `CWN-XD-EV-${record.id}` }] });
      const own = watching[0]!;
      await until(() => own.events.some((e) => e.type === "record.status"), 3_000);
      await new Promise((r) => setTimeout(r, 300));
      for (const w of watching) w.stop();
      expect(own.events.map((e) => e.type), `${own.label} hears its own district`).toContain("record.status");
      for (const w of watching.slice(1)) {
        expect(w.events.length, `${w.label} is connected`).toBeGreaterThan(0);
        expect(w.events.filter((e) => e.type !== "sync"), `${w.label} hears nothing of ${district}`).toEqual([]);
      }
    }
  }, 30_000);
});
