"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { UploadFailed, uploadFile } from "@/app/_components/imports/upload-file";
import { useFormat } from "@/i18n/format-hooks";
import { ImportResultView, type ImportOutcome } from "@/app/_components/imports/import-result";

type Kind = "REGISTER" | "PORTAL";
const ENDPOINT: Record<Kind, string> = { REGISTER: "/api/v1/imports/register", PORTAL: "/api/v1/imports/portal" };

/** Upload a register or a portal export: upload progress, then the server's rows-read progress, then the result. */
export function ImportPanel() {
  const trpc = useTRPC();
  const t = useTranslations("imports");
  const tRecent = useTranslations("recentImports");
  const format = useFormat();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>("REGISTER");
  const [uploaded, setUploaded] = useState<number | null>(null);
  const [importId, setImportId] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const begin = useMutation(trpc.imports.begin.mutationOptions());
  const running = importId !== null && outcome === null && error === null;
  const progress = useQuery({ ...trpc.imports.get.queryOptions({ id: importId ?? 0 }), enabled: running, refetchInterval: running ? 700 : false });
  // The server that held the upload died (another instance noticed its heartbeat stop): say so now.
  const lost = running && progress.data?.status === "FAILED" && progress.data.errorKey ? progress.data.errorKey : null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("file");
    if (!(file instanceof File) || file.size === 0) return setError(t("chooseFile"));
    setOutcome(null);
    setError(null);
    setUploaded(0);
    try {
      const batch = await begin.mutateAsync({ kind, fileName: file.name });
      setImportId(batch.id);
      const res = await uploadFile(ENDPOINT[kind], file, { "x-import-id": String(batch.id) }, setUploaded);
      if (res.status >= 400) setError((res.body as { error?: string } | null)?.error ?? t("serverAnswered", { status: String(res.status) }));
      else setOutcome({ ...(res.body as ImportOutcome), kind });
    } catch (e) {
      setError(e instanceof UploadFailed ? t("uploadFailed") : e instanceof Error ? e.message : String(e));
    } finally {
      void queryClient.invalidateQueries({ queryKey: trpc.imports.list.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.backlog.pathKey() });
    }
  }

  return (
    <section className="card">
      <form className="form wide" onSubmit={onSubmit} aria-label={t("formLabel")}>
        <fieldset className="kind-choice">
          <legend>{t("kindLegend")}</legend>
          <label>
            <input type="radio" name="kind" checked={kind === "REGISTER"} onChange={() => setKind("REGISTER")} /> {t("kindRegister")}
          </label>
          <label>
            <input type="radio" name="kind" checked={kind === "PORTAL"} onChange={() => setKind("PORTAL")} /> {t("kindPortal")}
          </label>
        </fieldset>
        <label>
          {t("file")}
          <input type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        </label>
        <button type="submit" className="primary" disabled={running}>
          {running ? t("running") : t("submit")}
        </button>
        <p className="muted">{t.rich("help", { template: (chunks) => <a href="/api/v1/imports/register-template.csv">{chunks}</a> })}</p>
      </form>
      {running ? (
        <div aria-live="polite" className="progress-box">
          <label>
            {t("upload")} <progress max={1} value={uploaded ?? 0} /> {Math.round((uploaded ?? 0) * 100)}%
          </label>
          <p data-testid="rows-read">{t("rowsRead", { n: format.count(progress.data?.rowsRead ?? 0) })}</p>
        </div>
      ) : null}
      {error || lost ? (
        <p className="notice error" role="alert">
          {error ?? (lost ? tRecent(`errors.${lost}`) : null)}
        </p>
      ) : null}
      {outcome ? <ImportResultView outcome={outcome} /> : null}
    </section>
  );
}
