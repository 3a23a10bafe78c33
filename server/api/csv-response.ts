import "server-only";
import { safeCsvLines, UTF8_BOM } from "@/server/imports/csv-safe";

const HEADERS = (fileName: string) => ({
  "content-type": "text/csv; charset=utf-8",
  "content-disposition": `attachment; filename="${fileName.replace(/[^\w.-]+/g, "-")}"`,
  "cache-control": "no-store",
});

/** A small table as a CSV download (BOM for Excel, formula-safe cells, CRLF). */
export function csvResponse(fileName: string, header: readonly string[], rows: readonly (readonly unknown[])[]): Response {
  return new Response(UTF8_BOM + safeCsvLines([header, ...rows]), { headers: HEADERS(fileName) });
}

/** A long table streamed page by page: `nextPage` returns [] when done. Memory stays at one page. */
export function csvStreamResponse(fileName: string, header: readonly string[], nextPage: () => Promise<readonly (readonly unknown[])[]>): Response {
  const encoder = new TextEncoder();
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(UTF8_BOM + safeCsvLines([header])));
        return;
      }
      const rows = await nextPage();
      if (rows.length === 0) controller.close();
      else controller.enqueue(encoder.encode(safeCsvLines(rows)));
    },
  });
  return new Response(body, { headers: HEADERS(fileName) });
}
