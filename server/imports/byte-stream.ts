import { ImportFileError } from "@/server/imports/import-file-error";

/** "50 MB": limits are stated to users in whole megabytes. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1_000_000;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** Passes the bytes through and stops with 413 as soon as more than `maxBytes` have come, not at the end. */
export async function* limitBytes(bytes: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of bytes) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new ImportFileError(413, `The file is larger than the ${formatMegabytes(maxBytes)} limit; split it into smaller files.`);
    yield chunk;
  }
}

export type Peeked = { head: Uint8Array; bytes: AsyncGenerator<Uint8Array> };

/**
 * Reads at least `count` bytes (fewer only if the file is shorter) so the content can be sniffed, and
 * returns a stream that still yields every byte from the start.
 */
export async function peekBytes(source: AsyncIterable<Uint8Array>, count: number): Promise<Peeked> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < count) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    if (next.value.byteLength === 0) continue;
    taken.push(next.value);
    length += next.value.byteLength;
  }
  const head = Buffer.concat(taken);
  async function* replay(): AsyncGenerator<Uint8Array> {
    try {
      if (head.byteLength > 0) yield head;
      while (!done) {
        const next = await iterator.next();
        if (next.done) break;
        yield next.value;
      }
    } finally {
      // A consumer that stops early (a file-level error) must release the upload too.
      await iterator.return?.();
    }
  }
  return { head, bytes: replay() };
}

const startsWith = (head: Uint8Array, magic: number[]) => magic.every((byte, i) => head[i] === byte);

export const isZip = (head: Uint8Array) => startsWith(head, [0x50, 0x4b, 0x03, 0x04]);

/** Well-known binary formats that people upload by mistake, named so the message can say what it is. */
export function knownBinaryKind(head: Uint8Array): string | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47])) return "a PNG image";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "a JPEG image";
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return "a GIF image";
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return "a PDF document";
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) return "an old-style Excel .xls workbook (save it as .xlsx or CSV)";
  if (startsWith(head, [0x1f, 0x8b])) return "a gzip archive";
  if (startsWith(head, [0x50, 0x4b])) return "a zip archive";
  return null;
}
