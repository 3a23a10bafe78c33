"use client";

import Link from "next/link";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ChangeEvent } from "react";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { useErrorText } from "@/i18n/errors";
import { useProblemText } from "@/app/_components/state/setup-problems";

const MAX_FILE_BYTES = 100_000;

/** Paste or choose a block list, check it (the server's preview and problems), then set the district up. */
export function SetUpForm({ districtId, districtName, slug }: { districtId: number; districtName: string; slug: string }) {
  const trpc = useTRPC();
  const t = useTranslations("setup");
  const errorText = useErrorText();
  const problemText = useProblemText();
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState("");
  const [fileProblem, setFileProblem] = useState(false);
  const preview = useMutation(trpc.setup.previewDistrict.mutationOptions());
  const setUp = useMutation(
    trpc.setup.setUpDistrict.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.setup.listDistricts.queryKey() }),
    }),
  );

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    if (!file) return;
    setFileProblem(file.size > MAX_FILE_BYTES);
    if (file.size > MAX_FILE_BYTES) return;
    setCsv(await file.text());
    preview.reset();
  }

  const checked = preview.data;
  const ready = checked && checked.problems.length === 0 && checked.blocks.length > 0;
  return (
    <div className="setup-form">
      <h2>{t("setUpTitle", { district: districtName })}</h2>
      <p className="muted">{t("csvHelp")}</p>
      <label htmlFor="setup-csv">{t("csvLabel")}</label>
      <textarea
        id="setup-csv"
        rows={8}
        value={csv}
        spellCheck={false}
        onChange={(e) => {
          setCsv(e.currentTarget.value);
          preview.reset();
        }}
        placeholder={"name,name_hi,lgd_code,aliases\nJamalpur,जमालपुर,,Jamalpur Block;Jmp"}
      />
      <label htmlFor="setup-file">{t("fileLabel")}</label>
      <input id="setup-file" type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void onFile(e)} />
      {fileProblem ? <p className="notice error">{t("fileTooLarge")}</p> : null}
      <p>
        <button type="button" onClick={() => preview.mutate({ districtId, csv })} disabled={preview.isPending || csv.trim() === ""}>
          {t("preview")}
        </button>
      </p>
      {preview.error ? <p className="notice error" role="alert">{errorText(preview.error)}</p> : null}
      {checked ? (
        <>
          {checked.problems.length > 0 ? (
            <div className="notice error" role="alert" data-testid="setup-problems">
              <p>{t("problemsTitle")}</p>
              <ul>
                {checked.problems.map((p, i) => (
                  <li key={i}>{problemText(p)}</li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="notice ok">{t("noProblems", { n: checked.blocks.length })}</p>
          )}
          <h3>{t("previewTitle")}</h3>
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th>{t("name")}</th>
                  <th>{t("nameHi")}</th>
                  <th>{t("lgdCode")}</th>
                  <th>{t("aliases")}</th>
                </tr>
              </thead>
              <tbody>
                {checked.blocks.map((b) => (
                  <tr key={b.name}>
                    <td>{b.name}</td>
                    <td lang="hi">{b.nameHi}</td>
                    <td>{b.lgdCode ?? "—"}</td>
                    <td>{(b.aliases ?? []).join("; ") || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {ready && !setUp.data ? (
            <p>
              <button type="button" className="primary" onClick={() => setUp.mutate({ districtId, csv })} disabled={setUp.isPending}>
                {t("confirm", { district: districtName })}
              </button>
            </p>
          ) : null}
        </>
      ) : null}
      {setUp.error ? <p className="notice error" role="alert">{errorText(setUp.error)}</p> : null}
      {setUp.data ? (
        <p className="notice ok" role="status">
          {t("done", { district: districtName, blocks: setUp.data.blocksAdded, aliases: setUp.data.aliasesAdded })}{" "}
          <Link href={`/districts/${slug}`}>{t("openDistrict", { district: districtName })}</Link>
        </p>
      ) : null}
    </div>
  );
}
