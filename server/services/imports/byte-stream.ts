import "server-only";
import { ImportFileError } from "@/server/services/imports/import-file-error";

/** "50 MB": limits are stated to users in whole megabytes. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1_000_000;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/**
 * Passes the bytes through and refuses with 413 as soon as more than `maxBytes` have arrived, however far
 * behind the reader is. The upload is read as fast as it comes, not at the pace of the parser and the
 * database: otherwise a file over the limit would be parsed (and its rows written, to be rolled back) for
 * as long as 50 MB take, before anyone counted past the limit. What is read ahead waits here, never more
 * than `maxBytes`. Past the limit the upload is cancelled, and the reader's next pull throws at once,
 * even with chunks still waiting. `onChunk` sees every byte in order as it arrives (the file's checksum).
 */
export function limitBytes(source: AsyncIterable<Uint8Array>, maxBytes: number, onChunk?: (chunk: Uint8Array) => void): AsyncGenerator<Uint8Array> {
  const pull = puller(source);
  const waiting: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  let stopped = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  void (async () => {
    try {
      while (!stopped) {
        const next = await pull.next();
        if (next.done || stopped) break;
        total += next.value.byteLength;
        if (total > maxBytes) {
          failure = new ImportFileError(413, "fileTooLarge", { limit: formatMegabytes(maxBytes) });
          break;
        }
        onChunk?.(next.value);
        waiting.push(next.value);
        notify();
        // A source that answers at once (a buffered body) would otherwise keep this loop on the microtask
        // queue and starve the reader and all I/O until the limit; a socket's chunks come one per turn anyway.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      failure ??= error;
    } finally {
      ended = true;
      if (failure) pull.cancel();
      notify();
    }
  })();

  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        if (failure) throw failure;
        const chunk = waiting.shift();
        if (chunk) yield chunk;
        else if (ended) return;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      // The reader stopped early (a file-level error, or the end): release the upload, without waiting
      // on a client that may never send its next chunk.
      stopped = true;
      waiting.length = 0;
      if (!ended) pull.cancel();
    }
  }
  return chunks();
}

type Puller = { next: () => Promise<IteratorResult<Uint8Array>>; cancel: () => void };

/** A request body is read through its reader, whose cancel() ends a pending read at once. */
function puller(source: AsyncIterable<Uint8Array>): Puller {
  if (source instanceof ReadableStream) {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    return {
      next: async () => {
        const { done, value } = await reader.read();
        return done ? { done: true, value: undefined } : { done: false, value };
      },
      cancel: () => void reader.cancel().catch(() => undefined),
    };
  }
  const iterator = source[Symbol.asyncIterator]();
  return { next: () => iterator.next(), cancel: () => void Promise.resolve(iterator.return?.()).catch(() => undefined) };
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
