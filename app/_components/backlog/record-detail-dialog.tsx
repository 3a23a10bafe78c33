"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { useErrorText } from "@/i18n/errors";
import { useFormat } from "@/i18n/format-hooks";

const STATUSES = ["PENDING", "ENTERED", "REJECTED"] as const;
const SEXES = ["MALE", "FEMALE", "OTHER"] as const;

type Props = { recordId: number; canUndo: boolean; onClose: () => void };

/** A record's details and status history; the district officer can undo a wrong mark from here. */
export function RecordDetailDialog({ recordId, canUndo, onClose }: Props) {
  const trpc = useTRPC();
  const t = useTranslations("recordDetail");
  const ts = useTranslations("recordStatus");
  const tsex = useTranslations("sex");
  const tc = useTranslations("common");
  const format = useFormat();
  const errorText = useErrorText();
  // Codes from the server shown in words; anything unexpected is shown as it came.
  const status = (s: string | null) => (s === null ? ts("new") : (STATUSES as readonly string[]).includes(s) ? ts(s as (typeof STATUSES)[number]) : s);
  const sex = (s: string) => ((SEXES as readonly string[]).includes(s) ? tsex(s as (typeof SEXES)[number]) : s);
  const queryClient = useQueryClient();
  const ref = useRef<HTMLDialogElement>(null);
  const detail = useQuery(trpc.records.getDetail.queryOptions({ id: recordId }));
  const undo = useMutation(
    trpc.records.undoChange.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.records.getDetail.queryKey({ id: recordId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.backlog.pathKey() });
      },
    }),
  );
  useEffect(() => {
    ref.current?.showModal();
  }, []);

  return (
    <dialog ref={ref} className="record-dialog" onClose={onClose} aria-labelledby="record-dialog-title">
      <QueryState query={detail}>
        {(r) => (
          <>
            <h2 id="record-dialog-title">
              {r.beneficiaryName} <span className="muted">· {r.registerSerial}</span>
            </h2>
            <dl className="facts">
              <dt>{t("status")}</dt>
              <dd data-testid="record-status">{status(r.status)}{r.portalRef ? ` · ${r.portalRef}` : ""}{r.rejectionReason ? ` · ${r.rejectionReason}` : ""}</dd>
              <dt>{t("dose")}</dt>
              <dd>{r.dose} · {r.vaccine}</dd>
              <dt>{t("vaccinated")}</dt>
              <dd>{format.dateTime(r.vaccinatedAt)} · {r.site}, {r.block}</dd>
              <dt>{t("born")}</dt>
              <dd>{r.birthYear} · {sex(r.sex)}</dd>
              <dt>{t("mobileId")}</dt>
              <dd>{r.mobileMasked} · {r.idMasked}</dd>
            </dl>
            <h3>{t("history")}</h3>
            <ol className="history">
              {r.history.map((h, i) => (
                <li key={h.id} className={h.undoneAt ? "undone" : undefined}>
                  {format.dateTime(h.at)} — {t("change", { from: status(h.from), to: status(h.to), by: h.by })}
                  {h.note ? ` (${h.note})` : ""}
                  {h.undoneAt ? t("undone") : ""}
                  {canUndo && i === r.history.length - 1 && h.from === "PENDING" && h.to !== "PENDING" && !h.undoneAt ? (
                    <button type="button" className="link-button" onClick={() => undo.mutate({ changeId: h.id })} disabled={undo.isPending}>
                      {t("undo")}
                    </button>
                  ) : null}
                </li>
              ))}
            </ol>
            {undo.error ? <p className="form-error" role="alert">{errorText(undo.error)}</p> : null}
          </>
        )}
      </QueryState>
      <form method="dialog">
        <button type="submit">{tc("close")}</button>
      </form>
    </dialog>
  );
}
