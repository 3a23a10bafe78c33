import "server-only";
import { invalidateScope } from "@/server/services/read-models/read-model-cache";
import { z } from "zod";
import type { Db } from "@/server/db/client";
import type { SessionUser } from "@/server/auth/current-user";
import { can, type Capability } from "@/server/auth/policy";
import { scopeOf, type Scope } from "@/server/auth/scope";
import { AppError } from "@/server/errors/app-error";
import { classifyError } from "@/server/errors/classify";
import { runtime } from "@/server/api/runtime";
import { newRequestId } from "@/server/api/request-id";
import { authenticateRequest, type Credential } from "@/server/api/request-auth";
import { assertBrowserWriteAllowed } from "@/server/api/csrf";
import { assertNoNul } from "@/server/api/input-guards";
import { readBodyLimited } from "@/server/api/body-limit";
import { parseParams, parseQuery } from "@/server/api/rest/query";
import { DISTRICT_QUERY, focusScope } from "@/server/api/district-focus";
import { acceptedFields, validationError } from "@/server/errors/zod-issues";
import { logger } from "@/server/logger";

export type HttpMethod = "GET" | "POST" | "PATCH";

/** What a route answers, for the OpenAPI document (the body schema is the one the handler's result must fit). */
export type ResponseSpec = {
  status?: number;
  description: string;
  json?: z.ZodType;
  csv?: boolean;
  pdf?: boolean;
  sse?: boolean;
};

export type RouteSpec<Q extends z.ZodRawShape, P extends z.ZodRawShape, B extends z.ZodType | "upload" | undefined, Bt extends BatchSpec | undefined = undefined> = {
  method: HttpMethod;
  /** The OpenAPI path, e.g. "/api/v1/probes/{id}" (checked against the files under app/api/v1 by a test). */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** null: open to anyone (the template, the API description); otherwise what the caller must be allowed. */
  capability: Capability | null;
  params?: P;
  query?: Q;
  /** Query parameters that are tolerated and ignored (a screen's page number on an export of every page). */
  ignoreQuery?: readonly string[];
  /** A JSON body's schema, or "upload" for a file the handler streams itself (raw body or multipart). */
  body?: B;
  /**
   * The body is one item or an array of items, each checked against `body` on its own: a refusal names the item
   * ("Report 2: …"). The handler gets `{ items, isArray }`.
   */
  batch?: Bt;
  maxBodyBytes?: number;
  responses: ResponseSpec;
  /** Extra error statuses this route can answer besides the usual ones (for the document). */
  errors?: readonly number[];
};

type Out<T extends z.ZodRawShape | undefined> = T extends z.ZodRawShape ? z.output<z.ZodObject<T>> : Record<string, never>;
type BatchSpec = { label: string; max: number };
type BodyOut<B, Bt> = B extends z.ZodType ? (Bt extends BatchSpec ? Batch<z.output<B>> : z.output<B>) : undefined;

/** What a batch route's handler gets: every item checked, and whether the client sent an array. */
export type Batch<T> = { items: T[]; isArray: boolean };

export type RestCall<Q extends z.ZodRawShape, P extends z.ZodRawShape, B, Bt = undefined> = {
  req: Request;
  db: Db;
  now: Date;
  requestId: string;
  user: SessionUser;
  scope: Scope;
  credential: Credential;
  query: Out<Q>;
  params: Out<P>;
  body: BodyOut<B, Bt>;
};

export type PublicCall<Q extends z.ZodRawShape> = { req: Request; db: Db; now: Date; requestId: string; query: Out<Q> };

type RouteContext = { params?: Promise<Record<string, string | string[]>> };

export type RestRoute = { spec: RouteSpec<z.ZodRawShape, z.ZodRawShape, z.ZodType | "upload" | undefined, BatchSpec | undefined>; handle: (req: Request, context?: RouteContext) => Promise<Response> };

const DEFAULT_MAX_BODY = 1_000_000;

function errorResponse(error: AppError, requestId: string): Response {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers["retry-after"] = String(error.retryAfterSeconds);
  return Response.json({ error: error.message, ...error.detail(requestId) }, { status: error.status, headers });
}

function faultResponse(error: unknown, requestId: string, path: string): Response {
  logger.error({ err: error, requestId, path }, "REST route failed");
  const fault = new AppError("INTERNAL", "internal", { requestId });
  return Response.json({ error: fault.message, ...fault.detail(requestId) }, { status: 500 });
}

function parseItem(schema: z.ZodType, value: unknown, prefix = ""): unknown {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error, { prefix, accepted: acceptedFields(schema) });
  return parsed.data;
}

async function readJsonBody(req: Request, schema: z.ZodType, maxBytes: number, batch: BatchSpec | undefined): Promise<unknown> {
  if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "jsonRequired");
  const bytes = await readBodyLimited(req, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new AppError("BAD_REQUEST", "bodyNotJson");
  }
  assertNoNul(value);
  if (!batch) return parseItem(schema, value);
  const isArray = Array.isArray(value);
  const items: unknown[] = isArray ? (value as unknown[]) : [value];
  if (items.length > batch.max) throw new AppError("BAD_REQUEST", "batchTooLarge", { max: batch.max });
  return { isArray, items: items.map((item, i) => parseItem(schema, item, isArray ? `${batch.label} ${i + 1}: ` : "")) };
}

/** The district a state officer's request narrows to (`?district=`), once at most. */
function districtParam(url: URL): string | null {
  const given = url.searchParams.getAll(DISTRICT_QUERY);
  if (given.length > 1) throw new AppError("BAD_REQUEST", "queryRepeated", { name: DISTRICT_QUERY });
  return given[0] ?? null;
}

/** Headers every API answer carries, whatever the handler returned. */
function finish(response: Response, requestId: string): Response {
  response.headers.set("x-request-id", requestId);
  if (!response.headers.has("cache-control")) response.headers.set("cache-control", "no-store");
  return response;
}

async function toResponse(result: unknown, status: number): Promise<Response> {
  if (result instanceof Response) return result;
  return Response.json(result, { status });
}

/**
 * One handler for every /api/v1 route: who is calling (the same credential order as tRPC), what they may do
 * (policy), what they may see (scope), CSRF for browser writes, strict parameters, the body within its limit, the
 * request's clock, `no-store`, and every error mapped once — AppError to its status with a JSON body, the database
 * being down to 503 with Retry-After, anything else to a 500 with a request id (details in the log only).
 */
export function defineRoute<
  Q extends z.ZodRawShape = Record<never, never>,
  P extends z.ZodRawShape = Record<never, never>,
  B extends z.ZodType | "upload" | undefined = undefined,
  Bt extends BatchSpec | undefined = undefined,
>(spec: RouteSpec<Q, P, B, Bt> & { capability: Capability }, handler: (call: RestCall<Q, P, B, Bt>) => Promise<unknown>): RestRoute {
  const handle = async (req: Request, context?: RouteContext): Promise<Response> => {
    const requestId = newRequestId();
    try {
      const { db, now: clock } = runtime();
      const now = clock();
      const { user, credential } = await authenticateRequest(db, req, now);
      if (!user || !credential) throw new AppError("UNAUTHORIZED", "signInRequired");
      if (!can(user, "api.use")) throw new AppError("FORBIDDEN", "helpdeskNoApi");
      if (!can(user, spec.capability)) throw new AppError("FORBIDDEN", "notAllowed");
      const url = new URL(req.url);
      const scope = await focusScope(db, await scopeOf(db, user), districtParam(url));
      if (scope.kind === "none") throw new AppError("FORBIDDEN", "noScope");
      if (credential === "session") assertBrowserWriteAllowed(req, spec.body === "upload" ? "upload" : "json");
      assertNoNul(Object.fromEntries(url.searchParams), undefined);
      const rawParams = (await context?.params) ?? {};
      assertNoNul(rawParams);
      const params = spec.params ? parseParams(rawParams, spec.params) : {};
      const query = parseQuery(url, spec.query ?? {}, [...(spec.ignoreQuery ?? []), DISTRICT_QUERY]);
      const body = spec.body && spec.body !== "upload" ? await readJsonBody(req, spec.body, spec.maxBodyBytes ?? DEFAULT_MAX_BODY, spec.batch) : undefined;
      const call = { req, db, now, requestId, user, scope, credential, query, params, body } as RestCall<Q, P, B, Bt>;
      try {
        return finish(await toResponse(await handler(call), spec.responses.status ?? 200), requestId);
      } finally {
        // A write (even a refused one may have recorded its batch) makes this instance's read models of the place stale at once.
        if (spec.method !== "GET") invalidateScope(scope);
      }
    } catch (error) {
      const known = classifyError(error);
      return finish(known ? errorResponse(known, requestId) : faultResponse(error, requestId, spec.path), requestId);
    }
  };
  return { spec: spec as RestRoute["spec"], handle };
}

/** A route anyone may call (no credential is read): the register template, the API description. */
export function definePublicRoute<Q extends z.ZodRawShape = Record<never, never>>(
  spec: RouteSpec<Q, Record<never, never>, undefined> & { capability: null },
  handler: (call: PublicCall<Q>) => Promise<unknown>,
): RestRoute {
  const handle = async (req: Request): Promise<Response> => {
    const requestId = newRequestId();
    try {
      const { db, now } = runtime();
      const url = new URL(req.url);
      assertNoNul(Object.fromEntries(url.searchParams));
      const query = parseQuery(url, spec.query ?? {}, spec.ignoreQuery);
      return finish(await toResponse(await handler({ req, db, now: now(), requestId, query } as PublicCall<Q>), spec.responses.status ?? 200), requestId);
    } catch (error) {
      const known = classifyError(error);
      return finish(known ? errorResponse(known, requestId) : faultResponse(error, requestId, spec.path), requestId);
    }
  };
  return { spec: spec as RestRoute["spec"], handle };
}
