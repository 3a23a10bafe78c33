"use client";

import { useState } from "react";
import type { inferParserType, Values } from "nuqs";
import { BUCKET_FILTERS, BUCKET_FILTER_LABELS, pendingSearchParams } from "@/app/_components/pending-filters";

type Params = inferParserType<typeof pendingSearchParams>;
type Props = {
  params: Params;
  setParams: (values: Partial<Values<typeof pendingSearchParams>>) => unknown;
  sites: { siteId: number; site: string }[];
};

/** Keyed on the URL's search term by its parent, so back/forward resets the box. */
export function PendingFiltersBar({ params, setParams, sites }: Props) {
  const [search, setSearch] = useState(params.q);
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
        Status
        <select value={params.status} onChange={(e) => void setParams({ status: e.target.value as Params["status"], bucket: null, page: 1 })}>
          <option value="PENDING">Pending</option>
          <option value="ENTERED">Entered</option>
          <option value="REJECTED">Rejected</option>
        </select>
      </label>
      <label>
        Age
        <select value={params.bucket ?? ""} disabled={params.status !== "PENDING"} onChange={(e) => void setParams({ bucket: (e.target.value || null) as Params["bucket"], page: 1 })}>
          <option value="">All ages</option>
          {BUCKET_FILTERS.map((b) => (
            <option key={b} value={b}>
              {BUCKET_FILTER_LABELS[b]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Dose
        <select value={params.dose ?? ""} onChange={(e) => void setParams({ dose: e.target.value ? Number(e.target.value) : null, page: 1 })}>
          <option value="">Both</option>
          <option value="1">Dose 1</option>
          <option value="2">Dose 2</option>
        </select>
      </label>
      <label>
        Site
        <select value={params.site ?? ""} onChange={(e) => void setParams({ site: e.target.value ? Number(e.target.value) : null, page: 1 })}>
          <option value="">All sites</option>
          {uniqueSites.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Serial or name
        <input type="search" value={search} maxLength={80} onChange={(e) => setSearch(e.target.value)} placeholder="Register serial or name" />
      </label>
      <button type="submit">Search</button>
    </form>
  );
}
