"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import type { PendingRecordRow } from "@/app/_trpc/types";
import { REJECTION_REASONS, type RejectionReason } from "@/core/domain/rejection-reasons";
import { useErrorText } from "@/i18n/errors";
import { useFormat } from "@/i18n/format-hooks";

/** The catalog key of each reason; the English reason itself is what the server stores. */
const REASON_KEYS: Record<RejectionReason, "duplicate" | "under18" | "mobileLinked" | "idMismatch" | "notOnPortal" | "other"> = {
  "Duplicate entry already on portal": "duplicate",
  "Age on ID below 18": "under18",
  "Mobile number linked to 4 beneficiaries": "mobileLinked",
  "ID number does not match name": "idMismatch",
  "Beneficiary not found on portal": "notOnPortal",
  Other: "other",
};

type Props = { selected: PendingRecordRow[]; onDone: () => void };

/** Marks the selected pending records entered (one portal reference each) or rejected (a reason for all). */
export function RecordActionsBar({ selected, onDone }: Props) {
  const trpc = useTRPC();
  const t = useTranslations("actions");
  const tr = useTranslations("rejectionReasons");
  const format = useFormat();
  const errorText = useErrorText();
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
  const markEntered = useMutation(trpc.records.markEntered.mutationOptions({ onSuccess: (r) => finish(t("markedEntered", { n: format.count(r.filter((o) => o.changed).length) })) }));
  const markRejected = useMutation(trpc.records.markRejected.mutationOptions({ onSuccess: (r) => finish(t("markedRejected", { n: format.count(r.filter((o) => o.changed).length) })) }));
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
      {error ? <p className="form-error" role="alert">{errorText(error)}</p> : null}
      <div className="actions-row">
        <span>{t("selected", { n: format.count(selected.length) })}</span>
        <button type="button" disabled={selected.length === 0} onClick={() => setMode("enter")}>
          {t("markEntered")}
        </button>
        <button type="button" disabled={selected.length === 0} onClick={() => setMode("reject")}>
          {t("markRejected")}
        </button>
      </div>
      {mode === "enter" && selected.length > 0 ? (
        <form className="card form wide" onSubmit={submitEntered} aria-label={t("markEnteredForm")}>
          <p>{t("portalRefPrompt")}</p>
          {selected.map((r) => (
            <label key={r.id}>
              {r.registerSerial} · {r.beneficiaryName}
              <input name={`ref-${r.id}`} required minLength={4} maxLength={40} pattern="[A-Za-z0-9\-]+" placeholder={t("refPlaceholder")} />
            </label>
          ))}
          <SubmitOrCancel label={t("submitEntered", { n: format.count(selected.length) })} busy={markEntered.isPending} onCancel={() => setMode("idle")} />
        </form>
      ) : null}
      {mode === "reject" && selected.length > 0 ? (
        <form className="card form wide" onSubmit={submitRejected} aria-label={t("markRejectedForm")}>
          <label>
            {t("reason")}
            <select name="reason" required defaultValue={REJECTION_REASONS[0]}>
              {REJECTION_REASONS.map((r) => (
                <option key={r} value={r}>
                  {tr(REASON_KEYS[r])}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("details")}
            <input name="detail" maxLength={200} />
          </label>
          <SubmitOrCancel label={t("submitRejected", { n: format.count(selected.length) })} busy={markRejected.isPending} onCancel={() => setMode("idle")} />
        </form>
      ) : null}
    </div>
  );
}

function SubmitOrCancel({ label, busy, onCancel }: { label: string; busy: boolean; onCancel: () => void }) {
  const t = useTranslations("common");
  return (
    <div className="actions-row">
      <button type="submit" className="primary" disabled={busy}>
        {label}
      </button>
      <button type="button" onClick={onCancel}>
        {t("cancel")}
      </button>
    </div>
  );
}
