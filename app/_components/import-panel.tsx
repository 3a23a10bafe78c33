"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { uploadFile } from "@/app/_components/upload-file";
import { formatCount } from "@/app/_components/format";
import { ImportResultView, type ImportOutcome } from "@/app/_components/import-result";

type Kind = "REGISTER" | "PORTAL";
const ENDPOINT: Record<Kind, string> = { REGISTER: "/api/v1/imports/register", PORTAL: "/api/v1/imports/portal" };

/** Upload a register or a portal export: upload progress, then the server's rows-read progress, then the result. */
export function ImportPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>("REGISTER");
  const [uploaded, setUploaded] = useState<number | null>(null);
  const [importId, setImportId] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const begin = useMutation(trpc.imports.begin.mutationOptions());
  const running = importId !== null && outcome === null && error === null;
  const progress = useQuery({ ...trpc.imports.get.queryOptions({ id: importId ?? 0 }), enabled: running, refetchInterval: running ? 700 : false });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("file");
    if (!(file instanceof File) || file.size === 0) return setError("Choose a non-empty CSV or XLSX file.");
    setOutcome(null);
    setError(null);
    setUploaded(0);
    try {
      const batch = await begin.mutateAsync({ kind, fileName: file.name });
      setImportId(batch.id);
      const res = await uploadFile(ENDPOINT[kind], file, { "x-import-id": String(batch.id) }, setUploaded);
      if (res.status >= 400) setError((res.body as { error?: string }).error ?? `The server answered ${res.status}.`);
      else setOutcome({ ...(res.body as ImportOutcome), kind });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      void queryClient.invalidateQueries({ queryKey: trpc.imports.list.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.backlog.pathKey() });
    }
  }

  return (
    <section className="card">
      <form className="form wide" onSubmit={onSubmit} aria-label="Import a file">
        <fieldset className="kind-choice">
          <legend>What are you importing?</legend>
          <label>
            <input type="radio" name="kind" checked={kind === "REGISTER"} onChange={() => setKind("REGISTER")} /> Offline register (CSV or XLSX)
          </label>
          <label>
            <input type="radio" name="kind" checked={kind === "PORTAL"} onChange={() => setKind("PORTAL")} /> Portal export of entries made (CSV)
          </label>
        </fieldset>
        <label>
          File
          <input type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        </label>
        <button type="submit" className="primary" disabled={running}>
          {running ? "Importing…" : "Import"}
        </button>
        <p className="muted">
          Columns and formats: see the <a href="/api/v1/imports/register-template.csv">register template</a>. Up to 50 MB; rows that cannot be taken are listed with a
          reason and can be downloaded, fixed and imported again.
        </p>
      </form>
      {running ? (
        <div aria-live="polite" className="progress-box">
          <label>
            Upload <progress max={1} value={uploaded ?? 0} /> {Math.round((uploaded ?? 0) * 100)}%
          </label>
          <p data-testid="rows-read">Rows read on the server: {formatCount(progress.data?.rowsRead ?? 0)}</p>
        </div>
      ) : null}
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
      {outcome ? <ImportResultView outcome={outcome} /> : null}
    </section>
  );
}
