/** One row of a sheet as read, before the header gives its cells names. */
import "server-only";
export type RawRecord = { rowNumber: number; values: string[] };
