import { describe, expect, it } from "vitest";
import { UNKNOWN_ADDRESS_KEY, addressThrottleKey, clientAddress, trustedProxyHeader } from "@/server/auth/client-address";

const key = (headers: Record<string, string>, header: string | null) => addressThrottleKey(clientAddress(headers, header));

describe("the source address of a sign-in", () => {
  it("trusts no header unless one is configured: every attempt shares one bucket", () => {
    expect(trustedProxyHeader(undefined)).toBeNull();
    expect(trustedProxyHeader("")).toBeNull();
    expect(key({ "x-forwarded-for": "198.51.100.1", "x-real-ip": "198.51.100.2" }, null)).toBe(UNKNOWN_ADDRESS_KEY);
  });

  it("reads the configured header, case-insensitively by name", () => {
    expect(trustedProxyHeader(" X-Real-IP ")).toBe("x-real-ip");
    expect(key({ "x-real-ip": "198.51.100.2" }, "x-real-ip")).toBe("ip:198.51.100.2");
    expect(addressThrottleKey(clientAddress(new Headers({ "X-Real-IP": "198.51.100.2" }), "x-real-ip"))).toBe("ip:198.51.100.2");
    expect(() => trustedProxyHeader("x-real-ip, x-forwarded-for")).toThrow(/TEEKA_TRUSTED_PROXY_HEADER must be one header name/);
  });

  it("takes the last X-Forwarded-For entry, the one the proxy appended (earlier ones are the client's)", () => {
    expect(key({ "x-forwarded-for": "10.9.9.9, 198.51.100.3" }, "x-forwarded-for")).toBe("ip:198.51.100.3");
    expect(clientAddress({ "x-forwarded-for": ["1.1.1.1", "198.51.100.3"] }, "x-forwarded-for")).toBe("198.51.100.3");
  });

  it("normalises ports, brackets and IPv4-mapped IPv6", () => {
    expect(clientAddress({ h: "198.51.100.4:51234" }, "h")).toBe("198.51.100.4");
    expect(clientAddress({ h: "::ffff:198.51.100.4" }, "h")).toBe("198.51.100.4");
    expect(clientAddress({ h: "[2001:db8::1]:443" }, "h")).toBe("2001:db8::1");
  });

  it("counts IPv6 per /64 (one subscriber's block)", () => {
    expect(key({ h: "2405:201:a:b:1:2:3:4" }, "h")).toBe("ip:2405:201:a:b::/64");
    expect(key({ h: "2405:0201:000a:000b:ffff::9" }, "h")).toBe("ip:2405:201:a:b::/64");
    expect(key({ h: "2001:db8::1" }, "h")).toBe("ip:2001:db8:0:0::/64");
    expect(key({ h: "::1" }, "h")).toBe("ip:0:0:0:0::/64");
    expect(key({ h: "fe80::1%eth0" }, "h")).toBe("ip:fe80:0:0:0::/64");
  });

  it("puts a missing or malformed value in the shared bucket (never a client-chosen string as a key)", () => {
    expect(key({}, "x-real-ip")).toBe(UNKNOWN_ADDRESS_KEY);
    expect(key({ "x-real-ip": "unknown" }, "x-real-ip")).toBe(UNKNOWN_ADDRESS_KEY);
    expect(key({ "x-real-ip": "x".repeat(5000) }, "x-real-ip")).toBe(UNKNOWN_ADDRESS_KEY);
  });
});
