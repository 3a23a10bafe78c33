import { describe, expect, it } from "vitest";
import { BUSY_RETRIES, isBusyError, retryAfterSeconds, retryDelayMs, shouldRetry } from "@/app/_trpc/retry";

const busy = (retryAfter: string | null, seconds?: number) => ({
  data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503, key: "busy", params: seconds === undefined ? {} : { seconds } },
  meta: { response: { headers: new Headers(retryAfter === null ? {} : { "retry-after": retryAfter }) } },
});

describe("browser retries on 503 busy", () => {
  it("retries a busy answer up to BUSY_RETRIES times, a refusal never, anything else twice", () => {
    expect(isBusyError(busy("2"))).toBe(true);
    expect(shouldRetry(BUSY_RETRIES - 1, busy("2"))).toBe(true);
    expect(shouldRetry(BUSY_RETRIES, busy("2"))).toBe(false);
    expect(shouldRetry(0, { data: { code: "FORBIDDEN" } })).toBe(false);
    expect(shouldRetry(1, { data: { code: "INTERNAL_SERVER_ERROR" } })).toBe(true);
    expect(shouldRetry(2, { data: { code: "INTERNAL_SERVER_ERROR" } })).toBe(false);
    expect(shouldRetry(0, new TypeError("Failed to fetch"))).toBe(true);
  });

  it("waits the Retry-After header (else the seconds the message names, else 2 s), with up to 50 % jitter", () => {
    expect(retryAfterSeconds(busy("3"))).toBe(3);
    expect(retryAfterSeconds(busy(null, 5))).toBe(5);
    expect(retryDelayMs(1, busy("3"), () => 0)).toBe(3000);
    expect(retryDelayMs(1, busy("3"), () => 1)).toBe(4500);
    expect(retryDelayMs(1, busy(null), () => 0)).toBe(2000);
    expect(retryDelayMs(1, { data: { code: "INTERNAL_SERVER_ERROR" } })).toBe(2000);
  });
});
