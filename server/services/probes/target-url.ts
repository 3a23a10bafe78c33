/**
 * Which URLs a probe may fetch (issue 4). The probe runs inside the server, so a target URL is a request the
 * server makes on the district officer's behalf; without limits it could read the cloud's instance-metadata
 * service (credentials) or other link-local services of the host's own network.
 *
 * Refused: schemes other than http/https, credentials in the URL, link-local addresses (169.254.0.0/16,
 * fe80::/10), cloud-metadata endpoints (169.254.169.254, fd00:ec2::254, 100.100.100.200,
 * metadata.google.internal …), the unspecified address (0.0.0.0/8, ::) and multicast/reserved ranges.
 *
 * Allowed on purpose: loopback and private ranges (127/8, ::1, 10/8, 172.16/12, 192.168/16, fc00::/7,
 * 100.64/10). The local portal simulator listens on 127.0.0.1, and a state data centre may mirror the portal
 * on an intranet address; refusing those would make the feature unusable where it is needed. Only the district
 * officer can create targets, so the residual risk is limited to what that account could reach anyway.
 *
 * DNS rebinding: `resolvedAddressAllowed` checks the addresses DNS returns now (used when a target or webhook is
 * saved). The probe itself does not trust that answer: its HTTP client resolves through `guardedLookup`, which
 * checks every address at connect time, on the very answer the socket then connects to. A DNS server that
 * answers differently the second time (rebinding) therefore gets a refused connection, not a request to the
 * metadata service. (Webhook posts still go through `fetch`, which resolves again on its own.)
 */
import "server-only";
import dns from "node:dns/promises";
import type { LookupAddress } from "node:dns";
import net from "node:net";

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };
export type AddressVerdict = { ok: true } | { ok: false; reason: string };
export type LookupFn = (hostname: string, options: { all: true; verbatim: boolean }) => Promise<LookupAddress[]>;

const MAX_URL_LENGTH = 2048;

/** Names that resolve to a metadata service inside the respective cloud, whatever public DNS says. */
const METADATA_NAMES = new Set(["metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal"]);
const METADATA_SUFFIXES = [".metadata.google.internal", ".metadata.goog"];

export function validateTargetUrl(raw: string): UrlVerdict {
  if (raw.length > MAX_URL_LENGTH) return { ok: false, reason: `URL longer than ${MAX_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "not a valid URL" };
  }
  // The WHATWG parser lower-cases the scheme, so "HTTP://" arrives here as "http:".
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, reason: `scheme "${url.protocol.replace(/:$/, "")}" is not allowed (http or https only)` };
  }
  if (url.username !== "" || url.password !== "") return { ok: false, reason: "URLs with credentials are not allowed" };
  const host = bareHost(url.hostname);
  if (host === "") return { ok: false, reason: "URL has no host" };
  if (net.isIP(host) !== 0) {
    const problem = addressProblem(host);
    return problem === null ? { ok: true, url } : { ok: false, reason: problem };
  }
  const name = host.toLowerCase().replace(/\.$/, "");
  if (METADATA_NAMES.has(name) || METADATA_SUFFIXES.some((s) => name.endsWith(s))) {
    return { ok: false, reason: `cloud metadata host "${name}" is not allowed` };
  }
  return { ok: true, url };
}

/**
 * Resolves the URL's host and checks every address it maps to: one refused address refuses the URL, since
 * the HTTP client may pick any of them.
 */
export async function resolvedAddressAllowed(url: URL, lookup: LookupFn = dns.lookup): Promise<AddressVerdict> {
  const host = bareHost(url.hostname);
  if (net.isIP(host) !== 0) {
    const problem = addressProblem(host);
    return problem === null ? { ok: true } : { ok: false, reason: problem };
  }
  let addresses: LookupAddress[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch (err) {
    return { ok: false, reason: dnsFailureReason(host, err) };
  }
  return addressesVerdict(host, addresses);
}

/** One refused address refuses the host: the client may connect to any of them. */
function addressesVerdict(host: string, addresses: readonly LookupAddress[]): AddressVerdict {
  if (addresses.length === 0) return { ok: false, reason: `DNS lookup failed: no address for ${host}` };
  for (const { address } of addresses) {
    const problem = addressProblem(address);
    if (problem !== null) return { ok: false, reason: `${host} resolves to ${address}: ${problem}` };
  }
  return { ok: true };
}

/** The error a `guardedLookup` refusal (or DNS failure) hands to the socket; `probeReason` is the short reason. */
export type RefusedLookupError = Error & { code: "ETEEKA_ADDRESS_REFUSED"; probeReason: string };

export function isRefusedLookup(err: unknown): err is RefusedLookupError {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "ETEEKA_ADDRESS_REFUSED";
}

function refusedLookup(reason: string): RefusedLookupError {
  return Object.assign(new Error(reason), { code: "ETEEKA_ADDRESS_REFUSED" as const, probeReason: reason });
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `net`/`http` sockets that resolves the host and validates every address right before the
 * socket connects (the check and the connection use the same answer, so DNS rebinding cannot slip between
 * them). Refusals and DNS failures come back as a `RefusedLookupError` carrying the same reasons as
 * `resolvedAddressAllowed`. Literal IP hosts never reach it (`net` connects to them directly); they are
 * checked by `validateTargetUrl`.
 */
export function guardedLookup(lookup: LookupFn = dns.lookup) {
  return (hostname: string, options: { family?: number | string; all?: boolean }, callback: LookupCallback): void => {
    const host = bareHost(hostname);
    lookup(host, { all: true, verbatim: true }).then(
      (addresses) => {
        const verdict = addressesVerdict(host, addresses);
        if (!verdict.ok) return callback(refusedLookup(verdict.reason), "");
        const family = options.family === 4 || options.family === "IPv4" ? 4 : options.family === 6 || options.family === "IPv6" ? 6 : 0;
        const usable = family === 0 ? addresses : addresses.filter((a) => a.family === family);
        const first = usable[0];
        if (first === undefined) return callback(refusedLookup(`DNS lookup failed: no IPv${family} address for ${host}`), "");
        if (options.all) callback(null, usable);
        else callback(null, first.address, first.family);
      },
      (err: unknown) => callback(refusedLookup(dnsFailureReason(host, err)), ""),
    );
  };
}

function dnsFailureReason(host: string, err: unknown): string {
  const code = typeof err === "object" && err !== null && "code" in err ? String(err.code) : "";
  if (code === "ENOTFOUND" || code === "ENODATA") return `DNS lookup failed: host ${host} not found`;
  if (code === "EAI_AGAIN") return `DNS lookup failed: temporary failure resolving ${host}`;
  return `DNS lookup failed for ${host}${code ? ` (${code})` : ""}`;
}

function bareHost(hostname: string): string {
  return hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
}

/** Why a literal IP address may not be probed, or null when it may. */
export function addressProblem(address: string): string | null {
  const kind = net.isIP(address);
  if (kind === 4) return ipv4Problem(parseIPv4(address));
  if (kind === 6) {
    const groups = parseIPv6(address);
    return groups === null ? "not a valid IPv6 address" : ipv6Problem(groups);
  }
  return "not an IP address";
}

function ipv4Problem(v4: number): string | null {
  const a = v4 >>> 24;
  if (a === 0) return "the unspecified address (0.0.0.0/8) is not allowed";
  if (v4 === 0xa9fea9fe) return "cloud metadata address 169.254.169.254 is not allowed";
  if (v4 >>> 16 === 0xa9fe) return "link-local address (169.254.0.0/16) is not allowed";
  if (v4 === 0x646464c8) return "cloud metadata address 100.100.100.200 is not allowed";
  if (a >= 224) return "multicast, broadcast or reserved address is not allowed";
  return null;
}

function ipv6Problem(g: number[]): string | null {
  const at = (i: number) => g[i] ?? 0;
  const embeddedV4 = ((at(6) << 16) | at(7)) >>> 0;
  if (g.every((x) => x === 0)) return "the unspecified address (::) is not allowed";
  if ((at(0) & 0xffc0) === 0xfe80) return "link-local address (fe80::/10) is not allowed";
  if (at(0) === 0xfd00 && at(1) === 0x0ec2 && g.slice(2, 7).every((x) => x === 0) && at(7) === 0x254) {
    return "cloud metadata address fd00:ec2::254 is not allowed";
  }
  if (at(0) >>> 8 === 0xff) return "multicast address is not allowed";
  // IPv6 forms that carry an IPv4 address and reach it: mapped (::ffff:a.b.c.d), the deprecated compatible
  // form (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002:aabb:ccdd::/48).
  const firstFiveZero = g.slice(0, 5).every((x) => x === 0);
  const viaV4 = (v4: number) => {
    const problem = ipv4Problem(v4);
    return problem === null ? null : `${problem} (embedded in an IPv6 address)`;
  };
  if (firstFiveZero && at(5) === 0xffff) return viaV4(embeddedV4);
  if (firstFiveZero && at(5) === 0 && embeddedV4 > 1) return viaV4(embeddedV4);
  if (at(0) === 0x64 && at(1) === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return viaV4(embeddedV4);
  if (at(0) === 0x2002) return viaV4(((at(1) << 16) | at(2)) >>> 0);
  return null;
}

/** Dotted-quad to a 32-bit unsigned number; callers have checked `net.isIP(s) === 4`. */
function parseIPv4(s: string): number {
  return s.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** IPv6 text (zone id and trailing dotted quad allowed) to eight 16-bit groups. */
function parseIPv6(address: string): number[] | null {
  let s = address.toLowerCase().replace(/%.*$/, "");
  const lastColon = s.lastIndexOf(":");
  const tail = s.slice(lastColon + 1);
  if (tail.includes(".")) {
    if (net.isIP(tail) !== 4) return null;
    const v4 = parseIPv4(tail);
    s = `${s.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const split = (part: string | undefined) => (part ? part.split(":") : []);
  const head = split(halves[0]);
  const rest = split(halves[1]);
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  if (!groups.every((x) => /^[0-9a-f]{1,4}$/.test(x))) return null;
  return groups.map((x) => parseInt(x, 16));
}
