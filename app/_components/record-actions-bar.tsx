"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import type { PendingRecordRow } from "@/app/_trpc/types";
import { REJECTION_REASONS } from "@/server/domain/rejection-reasons";

type Props = { selected: PendingRecordRow[]; onDone: () => void };

/** Marks the selected pending records entered (one portal reference each) or rejected (a reason for all). */
export function RecordActionsBar({ selected, onDone }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"idle" | "enter" | "reject">("idle");
  const [message, setMessage] = useState<string | null>(null);
  const finish = (text: string) => {
    setMessage(text);
    setMode("idle");
    onDone();
    // Every figure on the page may have moved.
    void queryClient.invalidateQueries({ queryKey: trpc.backlog.pathKey() });
  };
  const markEntered = useMutation(trpc.records.markEntered.mutationOptions({ onSuccess: (r) => finish(`${r.filter((o) => o.changed).length} marked entered.`) }));
  const markRejected = useMutation(trpc.records.markRejected.mutationOptions({ onSuccess: (r) => finish(`${r.filter((o) => o.changed).length} marked rejected.`) }));
  const error = markEntered.error ?? markRejected.error;

  function submitEntered(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    markEntered.mutate({ items: selected.map((r) => ({ id: r.id, portalRef: String(form.get(`ref-${r.id}`) ?? "") })) });
  }

  function submitRejected(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    markRejected.mutate({
      ids: selected.map((r) => r.id),
      reason: String(form.get("reason")) as (typeof REJECTION_REASONS)[number],
      detail: String(form.get("detail") ?? "") || undefined,
    });
  }

  return (
    <div className="actions-bar" aria-live="polite">
      {message ? <p className="notice ok" role="status">{message}</p> : null}
      {error ? <p className="form-error" role="alert">{error.message}</p> : null}
      <div className="actions-row">
        <span>{selected.length} selected</span>
        <button type="button" disabled={selected.length === 0} onClick={() => setMode("enter")}>
          Mark entered…
        </button>
        <button type="button" disabled={selected.length === 0} onClick={() => setMode("reject")}>
          Mark rejected…
        </button>
      </div>
      {mode === "enter" && selected.length > 0 ? (
        <form className="card form wide" onSubmit={submitEntered} aria-label="Mark entered">
          <p>Portal (CoWIN) reference for each record:</p>
          {selected.map((r) => (
            <label key={r.id}>
              {r.registerSerial} · {r.beneficiaryName}
              <input name={`ref-${r.id}`} required minLength={4} maxLength={40} pattern="[A-Za-z0-9-]+" placeholder="e.g. CWN-1234567890" />
            </label>
          ))}
          <SubmitOrCancel label={`Mark ${selected.length} entered`} busy={markEntered.isPending} onCancel={() => setMode("idle")} />
        </form>
      ) : null}
      {mode === "reject" && selected.length > 0 ? (
        <form className="card form wide" onSubmit={submitRejected} aria-label="Mark rejected">
          <label>
            Reason
            <select name="reason" required defaultValue={REJECTION_REASONS[0]}>
              {REJECTION_REASONS.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
          <label>
            Details (optional)
            <input name="detail" maxLength={200} />
          </label>
          <SubmitOrCancel label={`Mark ${selected.length} rejected`} busy={markRejected.isPending} onCancel={() => setMode("idle")} />
        </form>
      ) : null}
    </div>
  );
}

function SubmitOrCancel({ label, busy, onCancel }: { label: string; busy: boolean; onCancel: () => void }) {
  return (
    <div className="actions-row">
      <button type="submit" className="primary" disabled={busy}>
        {label}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
