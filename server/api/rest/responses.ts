import "server-only";
import { safeCsvLines, UTF8_BOM } from "@/server/services/imports/csv-safe";

/** A file name safe in a Content-Disposition header (letters, digits, dot, dash, underscore). */
export function safeFileName(name: string): string {
  return name.replace(/[^\w.-]+/g, "-");
}

const csvHeaders = (fileName: string) => ({
  "content-type": "text/csv; charset=utf-8",
  "content-disposition": `attachment; filename="${safeFileName(fileName)}"`,
});

/** A small table as a CSV download (BOM for Excel, formula-safe cells, CRLF). */
export function csvResponse(fileName: string, header: readonly string[], rows: readonly (readonly unknown[])[]): Response {
  return new Response(UTF8_BOM + safeCsvLines([header, ...rows]), { headers: csvHeaders(fileName) });
}

/** CSV text already made safe (e.g. by a service that writes several sections) as a download. */
export function csvTextResponse(fileName: string, text: string): Response {
  return new Response(text, { headers: csvHeaders(fileName) });
}

/** A long table streamed chunk by chunk (`next` returns null when done); memory stays at one chunk. */
export function csvStreamResponse(fileName: string, next: () => Promise<string | null>): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const text = await next();
      if (text === null) controller.close();
      else controller.enqueue(encoder.encode(text));
    },
  });
  return new Response(body, { headers: csvHeaders(fileName) });
}

/** Pages of rows (`nextPage` returns [] when done) as a streamed CSV with a header line first. */
export function csvPagesResponse(fileName: string, header: readonly string[], nextPage: () => Promise<readonly (readonly unknown[])[]>): Response {
  let started = false;
  return csvStreamResponse(fileName, async () => {
    if (!started) {
      started = true;
      return UTF8_BOM + safeCsvLines([header]);
    }
    const rows = await nextPage();
    return rows.length ? safeCsvLines(rows) : null;
  });
}
