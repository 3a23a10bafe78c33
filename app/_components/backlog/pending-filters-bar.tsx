"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import type { inferParserType, Values } from "nuqs";
import { BUCKET_FILTERS, pendingSearchParams } from "@/app/_components/backlog/pending-filters";

type Params = inferParserType<typeof pendingSearchParams>;
type Props = {
  params: Params;
  setParams: (values: Partial<Values<typeof pendingSearchParams>>) => unknown;
  sites: { siteId: number; site: string }[];
};

/** Keyed on the URL's search term by its parent, so back/forward resets the box. */
export function PendingFiltersBar({ params, setParams, sites }: Props) {
  const [search, setSearch] = useState(params.q);
  const t = useTranslations("filters");
  const ta = useTranslations("aging");
  const bucketLabel = (b: (typeof BUCKET_FILTERS)[number]) => (b === "due6h" ? t("due6h") : ta(`buckets.${b}`));
  const uniqueSites = [...new Map(sites.map((s) => [s.siteId, s.site])).entries()].sort((a, b) => a[1].localeCompare(b[1]));

  return (
    <form
      className="filters"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        void setParams({ q: search.trim(), page: 1 });
      }}
    >
      <label>
        {t("status")}
        <select value={params.status} onChange={(e) => void setParams({ status: e.target.value as Params["status"], bucket: null, page: 1 })}>
          <option value="PENDING">{t("statusPending")}</option>
          <option value="ENTERED">{t("statusEntered")}</option>
          <option value="REJECTED">{t("statusRejected")}</option>
        </select>
      </label>
      <label>
        {t("age")}
        <select value={params.bucket ?? ""} disabled={params.status !== "PENDING"} onChange={(e) => void setParams({ bucket: (e.target.value || null) as Params["bucket"], page: 1 })}>
          <option value="">{t("allAges")}</option>
          {BUCKET_FILTERS.map((b) => (
            <option key={b} value={b}>
              {bucketLabel(b)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("dose")}
        <select value={params.dose ?? ""} onChange={(e) => void setParams({ dose: e.target.value ? Number(e.target.value) : null, page: 1 })}>
          <option value="">{t("bothDoses")}</option>
          <option value="1">{t("doseN", { n: "1" })}</option>
          <option value="2">{t("doseN", { n: "2" })}</option>
        </select>
      </label>
      <label>
        {t("site")}
        <select value={params.site ?? ""} onChange={(e) => void setParams({ site: e.target.value ? Number(e.target.value) : null, page: 1 })}>
          <option value="">{t("allSites")}</option>
          {uniqueSites.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("search")}
        <input type="search" value={search} maxLength={80} onChange={(e) => setSearch(e.target.value)} placeholder={t("searchPlaceholder")} />
      </label>
      <button type="submit">{t("submit")}</button>
    </form>
  );
}
