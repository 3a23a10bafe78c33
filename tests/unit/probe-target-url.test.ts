import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { addressProblem, guardedLookup, isRefusedLookup, resolvedAddressAllowed, validateTargetUrl, type LookupFn } from "@/server/services/probes/target-url";

const refused = (raw: string) => {
  const v = validateTargetUrl(raw);
  return v.ok ? null : v.reason;
};

describe("validateTargetUrl: syntax and scheme", () => {
  it.each(["http://portal.example/", "https://selfregistration.cowin.gov.in/", "HTTP://PORTAL.EXAMPLE/", "HtTpS://portal.example:8443/x?y=1#z"])(
    "accepts %s",
    (raw) => {
      expect(refused(raw)).toBeNull();
    },
  );

  it("normalises the scheme of an upper-case URL", () => {
    const v = validateTargetUrl("HTTPS://Portal.Example/Path");
    expect(v.ok && v.url.protocol).toBe("https:");
    expect(v.ok && v.url.hostname).toBe("portal.example");
  });

  it.each([
    ["ftp://portal.example/", /scheme "ftp" is not allowed/],
    ["javascript:alert(1)", /scheme "javascript" is not allowed/],
    ["file:///etc/passwd", /scheme "file" is not allowed/],
    ["data:text/html,hi", /scheme "data" is not allowed/],
    ["ws://portal.example/", /scheme "ws" is not allowed/],
    ["gopher://127.0.0.1:6379/_INFO", /scheme "gopher" is not allowed/],
    ["portal.example", /not a valid URL/],
    ["", /not a valid URL/],
    ["http://", /not a valid URL/],
    ["http://exa mple.com/", /not a valid URL/],
    [`http://portal.example/${"a".repeat(2100)}`, /longer than 2048/],
  ])("refuses %s", (raw, reason) => {
    expect(refused(raw)).toMatch(reason);
  });

  it.each(["http://user:pw@portal.example/", "http://user@portal.example/", "https://:pw@portal.example/", "http://a%40b:c@127.0.0.1/"])(
    "refuses credentials in %s",
    (raw) => {
      expect(refused(raw)).toBe("URLs with credentials are not allowed");
    },
  );
});

describe("validateTargetUrl: literal addresses", () => {
  it.each([
    "http://127.0.0.1:4010/",
    "http://localhost:4010/",
    "http://[::1]:4010/",
    "http://10.0.0.5/",
    "http://172.16.0.1/",
    "http://192.168.1.10/",
    "http://100.64.0.1/",
    "http://100.100.100.199/",
    "http://100.100.100.201/",
    "http://169.253.255.255/",
    "http://169.255.0.0/",
    "http://1.0.0.0/",
    "http://223.255.255.255/",
    "http://[fd00::1]/",
    "http://[fd00:ec2::253]/",
    "http://[fec0::1]/",
    "http://[fe7f:ffff::1]/",
    "http://[2001:db8::1]/",
    "http://[::ffff:10.0.0.1]/",
    "http://[::ffff:127.0.0.1]/",
  ])("allows %s (loopback, private and public neighbours of refused ranges)", (raw) => {
    expect(refused(raw)).toBeNull();
  });

  it.each([
    ["http://169.254.0.0/", /link-local/],
    ["http://169.254.255.255/", /link-local/],
    ["http://169.254.1.1:8080/", /link-local/],
    ["http://169.254.169.254/latest/meta-data/", /cloud metadata address 169.254.169.254/],
    ["http://169.254.169.254./", /cloud metadata/],
    // The WHATWG parser turns decimal, hex and short forms into dotted quads, so these are caught too.
    ["http://2852039166/", /cloud metadata/],
    ["http://0xa9fea9fe/", /cloud metadata/],
    ["http://0251.0376.0251.0376/", /cloud metadata/],
    ["http://169.254.43518/", /cloud metadata/],
    ["http://100.100.100.200/", /cloud metadata address 100.100.100.200/],
    ["http://0.0.0.0/", /unspecified/],
    ["http://0.0.0.0:4010/", /unspecified/],
    ["http://0/", /unspecified/],
    ["http://0.1.2.3/", /unspecified/],
    ["http://[::]/", /unspecified address \(::\)/],
    ["http://[fe80::1]/", /link-local address \(fe80::\/10\)/],
    ["http://[FE80::1]/", /link-local/],
    ["http://[febf:ffff::1]/", /link-local/],
    ["http://[fd00:ec2::254]/", /fd00:ec2::254/],
    ["http://[fd00:0ec2:0:0:0:0:0:254]/", /fd00:ec2::254/],
    ["http://[::ffff:169.254.169.254]/", /cloud metadata.*embedded in an IPv6/],
    ["http://[::ffff:a9fe:a9fe]/", /cloud metadata/],
    ["http://[::ffff:169.254.0.1]/", /link-local.*embedded/],
    ["http://[::169.254.169.254]/", /cloud metadata/],
    ["http://[64:ff9b::169.254.169.254]/", /cloud metadata/],
    ["http://[2002:a9fe:a9fe::1]/", /cloud metadata/],
    ["http://[::ffff:0.0.0.0]/", /unspecified/],
    ["http://224.0.0.1/", /multicast/],
    ["http://255.255.255.255/", /broadcast/],
    ["http://[ff02::1]/", /multicast/],
  ])("refuses %s", (raw, reason) => {
    expect(refused(raw)).toMatch(reason);
  });

  it.each([
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://METADATA.GOOGLE.INTERNAL./",
    "http://x.metadata.google.internal/",
    "http://metadata/",
    "http://metadata.goog/",
    "http://instance-data/",
    "http://instance-data.ec2.internal/",
  ])("refuses the metadata host name %s", (raw) => {
    expect(refused(raw)).toMatch(/cloud metadata host/);
  });

  it("does not refuse names that merely contain 'metadata'", () => {
    expect(refused("http://metadata.example.org/")).toBeNull();
    expect(refused("http://notmetadata.google.internal.example/")).toBeNull();
  });
});

describe("addressProblem", () => {
  it("treats zone ids and malformed input sanely", () => {
    expect(addressProblem("fe80::1%eth0")).toMatch(/link-local/);
    expect(addressProblem("::1")).toBeNull();
    expect(addressProblem("portal.example")).toBe("not an IP address");
    expect(addressProblem("1:2:3:4:5:6:7:8")).toBeNull();
  });
});

function fakeLookup(table: Record<string, string[]>): LookupFn & { calls: string[] } {
  const calls: string[] = [];
  const fn = async (hostname: string): Promise<LookupAddress[]> => {
    calls.push(hostname);
    const found = table[hostname];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return Object.assign(fn, { calls });
}

describe("resolvedAddressAllowed", () => {
  const lookup = fakeLookup({
    "portal.example": ["203.0.113.10", "2001:db8::10"],
    "mirror.intranet": ["10.20.30.40"],
    "evil.example": ["169.254.169.254"],
    "sneaky.example": ["203.0.113.11", "::ffff:169.254.169.254"],
    "linklocal6.example": ["fe80::abcd"],
    "zero.example": ["0.0.0.0"],
    "empty.example": [],
  });

  it("allows names whose every address is allowed, private ones included", async () => {
    expect(await resolvedAddressAllowed(new URL("https://portal.example/"), lookup)).toEqual({ ok: true });
    expect(await resolvedAddressAllowed(new URL("http://mirror.intranet/"), lookup)).toEqual({ ok: true });
  });

  it.each([
    ["http://evil.example/", /evil\.example resolves to 169\.254\.169\.254: cloud metadata/],
    ["http://sneaky.example/", /resolves to ::ffff:169\.254\.169\.254/],
    ["http://linklocal6.example/", /link-local/],
    ["http://zero.example/", /unspecified/],
    ["http://empty.example/", /no address/],
    ["http://missing.example/", /DNS lookup failed: host missing\.example not found/],
  ])("refuses %s", async (raw, reason) => {
    const v = await resolvedAddressAllowed(new URL(raw), lookup);
    expect(v.ok ? "allowed" : v.reason).toMatch(reason);
  });

  it("checks literal addresses without a DNS lookup", async () => {
    const spy = fakeLookup({});
    expect(await resolvedAddressAllowed(new URL("http://127.0.0.1:4010/"), spy)).toEqual({ ok: true });
    expect(await resolvedAddressAllowed(new URL("http://[::ffff:169.254.169.254]/"), spy)).toMatchObject({ ok: false });
    expect(spy.calls).toEqual([]);
  });

  it("resolves localhost with the real resolver", async () => {
    expect(await resolvedAddressAllowed(new URL("http://localhost:4010/"))).toEqual({ ok: true });
  });
});

describe("guardedLookup (connect-time resolution for the probe's sockets)", () => {
  const lookup = fakeLookup({
    "portal.example": ["203.0.113.10", "2001:db8::10"],
    "sneaky.example": ["203.0.113.11", "::ffff:169.254.169.254"],
  });
  const call = (host: string, options: { family?: number; all?: boolean }) =>
    new Promise<{ err: unknown; address: unknown; family?: number }>((resolve) => guardedLookup(lookup)(host, options, (err, address, family) => resolve({ err, address, family })));

  it("answers like dns.lookup: every address with all, else the first (of the family asked for)", async () => {
    expect((await call("portal.example", { all: true })).address).toEqual([
      { address: "203.0.113.10", family: 4 },
      { address: "2001:db8::10", family: 6 },
    ]);
    expect(await call("portal.example", {})).toMatchObject({ err: null, address: "203.0.113.10", family: 4 });
    expect(await call("portal.example", { family: 6 })).toMatchObject({ err: null, address: "2001:db8::10", family: 6 });
    expect(await call("portal.example", { family: 6, all: true })).toMatchObject({ address: [{ address: "2001:db8::10", family: 6 }] });
  });

  it("refuses a host with any refused address, and reports DNS failures, with resolvedAddressAllowed's reasons", async () => {
    const refused = await call("sneaky.example", { all: true });
    expect(isRefusedLookup(refused.err)).toBe(true);
    expect(isRefusedLookup(refused.err) && refused.err.probeReason).toMatch(/^sneaky\.example resolves to ::ffff:169\.254\.169\.254: cloud metadata/);
    const missing = await call("missing.example", {});
    expect(isRefusedLookup(missing.err) && missing.err.probeReason).toBe("DNS lookup failed: host missing.example not found");
    expect(isRefusedLookup(new Error("other"))).toBe(false);
  });
});
