import type { RowData } from "@tanstack/react-table";

declare module "@tanstack/react-table" {
  // Declaration merging needs TanStack's own generic names, even where unused.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    numeric?: boolean;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface TableMeta<TData extends RowData> {
    openRecord?: (id: number) => void;
  }
}
