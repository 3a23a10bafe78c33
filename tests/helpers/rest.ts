import { withRuntime } from "@/server/api/runtime";
import { testDb } from "@/tests/helpers/callers";
import { TEST_NOW } from "@/tests/helpers/test-clock";

/** Runs a route handler (or the tRPC endpoint) at the pinned test clock, on the test database. */
export function withTestRuntime<T>(fn: () => T, now: Date = TEST_NOW): T {
  return withRuntime({ db: testDb(), now: () => now }, fn);
}
