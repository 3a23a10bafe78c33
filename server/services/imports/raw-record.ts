/** One row of a sheet as read, before the header gives its cells names. */
export type RawRecord = { rowNumber: number; values: string[] };
