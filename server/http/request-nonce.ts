import "server-only";
import { headers } from "next/headers";
import { NONCE_HEADER } from "@/server/http/security-headers";

/** This request's CSP nonce (set by proxy.ts), for a server component's own <style> or <script> element. */
export async function requestNonce(): Promise<string | undefined> {
  return (await headers()).get(NONCE_HEADER) ?? undefined;
}
