import "server-only";
import { AppError } from "@/server/errors/app-error";

/**
 * The body of a request, read up to `maxBytes`: a declared Content-Length over the limit is refused before a byte
 * is read, and a chunked body is cut off with 413 the moment it crosses the limit, never read to its end first.
 */
export async function readBodyLimited(req: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", "bodyTooLarge", { limit: maxBytes });
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge();
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let seen = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += value.byteLength;
    if (seen > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(seen);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** The same request with its body read (within the limit) into memory, for handlers that read it themselves. */
export async function withBodyLimited(req: Request, maxBytes: number): Promise<Request> {
  if (!req.body) return req;
  const body = await readBodyLimited(req, maxBytes);
  return new Request(req.url, { method: req.method, headers: req.headers, body: body as Uint8Array<ArrayBuffer>, signal: req.signal });
}
