/**
 * Workarounds for Prisma 6.19.3's WASM schema engine ("engine: js"), which the CLI must use because
 * these machines cannot download native engines. Used only by the CLI config, never by the app.
 * See ../shared/docs/stack-notes.md ("Prisma 6.19.3 offline") for the bugs these address.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const NAME_OID = 19;
const CHAR_OID = 18;
const NAME_ARRAY_OID = 1003;
const CHAR_ARRAY_OID = 1002;
const TEXT_OID = 25;
const TEXT_ARRAY_OID = 1009;

// Bug 2: the engine reads catalog columns of type name / "char" (and arrays), which adapter-pg refuses.
// Parse the arrays like text[] and report all four as text, so the engine sees plain strings.
// @types/pg's TypeId enum lacks these catalog array types, hence the casts.
type TypeId = Parameters<typeof pg.types.setTypeParser>[0];
const parseTextArray = pg.types.getTypeParser(TEXT_ARRAY_OID as TypeId);
pg.types.setTypeParser(NAME_ARRAY_OID as TypeId, parseTextArray);
pg.types.setTypeParser(CHAR_ARRAY_OID as TypeId, parseTextArray);
const TEXT_ALIASES = new Map([
  [NAME_OID, TEXT_OID],
  [CHAR_OID, TEXT_OID],
  [NAME_ARRAY_OID, TEXT_ARRAY_OID],
  [CHAR_ARRAY_OID, TEXT_ARRAY_OID],
]);

type Field = { dataTypeID: number };
type IoResult = { fields: Field[] };
type Queryable = { performIO: (query: unknown) => Promise<IoResult> };

let queryablePatched = false;
function reportCatalogTypesAsText(adapter: object): void {
  if (queryablePatched) return;
  // PrismaPgAdapter extends the (unexported) PgQueryable, which transactions share too.
  const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as Queryable;
  const original = queryable.performIO;
  queryable.performIO = async function (this: Queryable, query: unknown) {
    const result = await original.call(this, query);
    for (const field of result.fields) {
      field.dataTypeID = TEXT_ALIASES.get(field.dataTypeID) ?? field.dataTypeID;
    }
    return result;
  };
  queryablePatched = true;
}

// Bug 3: the engine leaves 10-60 s timers pending, so the CLI would exit a minute late.
const LONG_TIMER_MS = 5_000;
const originalSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((handler: () => void, ms?: number, ...args: unknown[]) => {
  const timer = originalSetTimeout(handler, ms, ...args) as unknown as NodeJS.Timeout;
  if ((ms ?? 0) >= LONG_TIMER_MS) timer.unref();
  return timer;
}) as typeof setTimeout;

type ScriptRunner = {
  executeScript: (script: string) => Promise<void>;
  underlyingDriver: () => pg.Pool;
  onError: (error: unknown) => never;
};

// Bug 5: adapter-pg runs a migration script by splitting it on ";", which breaks PL/pgSQL function
// bodies. Send the script as one simple-protocol query instead (PostgreSQL runs it atomically).
function sendScriptsWhole(adapter: object): void {
  const runner = adapter as ScriptRunner;
  runner.executeScript = async (script: string) => {
    try {
      await runner.underlyingDriver().query(script);
    } catch (error) {
      runner.onError(error);
    }
  };
}

class CliPrismaPg extends PrismaPg {
  constructor(private readonly connectionString: string) {
    super({ connectionString });
  }

  override async connect() {
    const adapter = await super.connect();
    reportCatalogTypesAsText(adapter);
    sendScriptsWhole(adapter);
    return adapter;
  }

  // Bug 1: the random shadow database is dropped while the engine is still connected to it.
  // Use one fixed shadow database instead, wiped at each connect and left in place afterwards.
  override async connectToShadowDb() {
    const url = new URL(process.env.SHADOW_DATABASE_URL ?? this.connectionString);
    if (!process.env.SHADOW_DATABASE_URL) url.pathname = `${url.pathname}_shadow`;
    const shadowName = decodeURIComponent(url.pathname.slice(1));
    const admin = new pg.Client({ connectionString: this.connectionString });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${shadowName}"`);
    } finally {
      await admin.end();
    }
    return new CliPrismaPg(url.toString()).connect();
  }
}

export function createCliAdapter(connectionString: string) {
  return new CliPrismaPg(connectionString);
}
