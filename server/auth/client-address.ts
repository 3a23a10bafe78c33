import "server-only";
import { isIP } from "node:net";
import { environment, parseVariable, ZTrustedProxyHeader } from "@/server/config";

/**
 * Where a sign-in attempt comes from, for the per-address throttle. Next.js gives route handlers (and
 * next-auth's `authorize`) the request headers only, never the socket, and Next itself fills X-Forwarded-For
 * from the socket only when the client did not send one, so any header is client-writable unless a reverse
 * proxy in front overwrites it. Hence: a header is trusted only when TEEKA_TRUSTED_PROXY_HEADER names it;
 * otherwise every attempt counts against one shared bucket (a guesser slows everyone down rather than
 * guessing freely).
 */
export const UNKNOWN_ADDRESS_KEY = "ip:unknown";

/** The header a raw TEEKA_TRUSTED_PROXY_HEADER value names, validated as the configuration validates it. */
export function trustedProxyHeader(raw: string | undefined): string | null {
  return parseVariable(ZTrustedProxyHeader, raw);
}

/** The header this deployment trusts (TEEKA_TRUSTED_PROXY_HEADER), or null. */
export function configuredProxyHeader(): string | null {
  return environment().TEEKA_TRUSTED_PROXY_HEADER;
}

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

/**
 * The client address in the trusted header, or null. Of a list (X-Forwarded-For) the last entry counts: it is
 * the one the proxy itself appended; entries before it are whatever the client sent.
 */
export function clientAddress(headers: HeaderBag | undefined, headerName: string | null): string | null {
  if (!headers || !headerName) return null;
  const raw = headers instanceof Headers ? headers.get(headerName) : headers[headerName];
  const value = Array.isArray(raw) ? raw.join(",") : raw;
  const last = value?.split(",").at(-1)?.trim();
  return last ? normaliseAddress(last) : null;
}

/** The throttle key of an address. IPv6 counts per /64, the block one subscriber (one phone on Jio) gets. */
export function addressThrottleKey(address: string | null): string {
  if (!address) return UNKNOWN_ADDRESS_KEY;
  return isIP(address) === 6 ? `ip:${ipv6Prefix64(address)}` : `ip:${address}`;
}

function normaliseAddress(raw: string): string | null {
  let text = raw.toLowerCase();
  const bracketed = text.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (bracketed?.[1]) text = bracketed[1];
  const v4WithPort = text.match(/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/);
  if (v4WithPort?.[1]) text = v4WithPort[1];
  text = text.split("%")[0] ?? "";
  const mapped = text.match(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/);
  if (mapped?.[1]) text = mapped[1];
  return isIP(text) ? text : null;
}

function ipv6Prefix64(address: string): string {
  const [head = "", tail] = address.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  // An embedded IPv4 (only ever in the last 32 bits) takes two groups.
  const count = (groups: string[]) => groups.reduce((n, g) => n + (g.includes(".") ? 2 : 1), 0);
  const zeros = tail === undefined ? 0 : 8 - count(headGroups) - count(tailGroups);
  const groups = [...headGroups, ...Array<string>(zeros).fill("0"), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}
