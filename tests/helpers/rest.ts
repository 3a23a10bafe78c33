import { withRuntime } from "@/server/api/runtime";
import { testDb } from "@/tests/helpers/callers";
import { TEST_NOW } from "@/tests/helpers/test-clock";

/** Runs a route handler (or the tRPC endpoint) at the pinned test clock, on the test database. */
export function withTestRuntime<T>(fn: () => T, now: Date = TEST_NOW): T {
  return withRuntime({ db: testDb(), now: () => now }, fn);
}

/**
 * The route handler, always run at the pinned test clock on the test database: `const GET = atTestNow(getRoute)`
 * wraps every call a test file makes, so none of them can fall back to the real clock unnoticed.
 */
export function atTestNow<A extends unknown[]>(handler: (...args: A) => Promise<Response>, now: Date = TEST_NOW): (...args: A) => Promise<Response> {
  return (...args) => withTestRuntime(() => handler(...args), now);
}
