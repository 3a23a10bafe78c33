"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/query-state";
import { formatIstDateTime } from "@/app/_components/format";

type Props = { recordId: number; canUndo: boolean; onClose: () => void };

/** A record's details and status history; the district officer can undo a wrong mark from here. */
export function RecordDetailDialog({ recordId, canUndo, onClose }: Props) {
  const trpc = useTRPC();
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
              <dt>Status</dt>
              <dd data-testid="record-status">{r.status}{r.portalRef ? ` · ${r.portalRef}` : ""}{r.rejectionReason ? ` · ${r.rejectionReason}` : ""}</dd>
              <dt>Dose</dt>
              <dd>{r.dose} · {r.vaccine}</dd>
              <dt>Vaccinated</dt>
              <dd>{formatIstDateTime(r.vaccinatedAt)} · {r.site}, {r.block}</dd>
              <dt>Born</dt>
              <dd>{r.birthYear} · {r.sex}</dd>
              <dt>Mobile / ID</dt>
              <dd>{r.mobileMasked} · {r.idMasked}</dd>
            </dl>
            <h3>History</h3>
            <ol className="history">
              {r.history.map((h, i) => (
                <li key={h.id} className={h.undoneAt ? "undone" : undefined}>
                  {formatIstDateTime(h.at)} — {h.from ?? "new"} → {h.to} by {h.by}
                  {h.note ? ` (${h.note})` : ""}
                  {h.undoneAt ? " — undone" : ""}
                  {canUndo && i === r.history.length - 1 && h.from === "PENDING" && h.to !== "PENDING" && !h.undoneAt ? (
                    <button type="button" className="link-button" onClick={() => undo.mutate({ changeId: h.id })} disabled={undo.isPending}>
                      Undo
                    </button>
                  ) : null}
                </li>
              ))}
            </ol>
            {undo.error ? <p className="form-error" role="alert">{undo.error.message}</p> : null}
          </>
        )}
      </QueryState>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
