"use client";

import { istMidnightOfKey } from "@/core/time/ist";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useQueryStates } from "nuqs";
import { useTranslations } from "next-intl";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo, type ReactNode } from "react";
import { useDistrictHref, useTRPC } from "@/app/_trpc/client";
import type { RouterOutputs } from "@/app/_trpc/types";
import { QueryState } from "@/app/_components/common/query-state";
import { CampFiguresTable } from "@/app/_components/camps/camp-figures-table";
import { CampSplits, CampTiles } from "@/app/_components/camps/camp-summary";
import { CampTrend } from "@/app/_components/camps/camp-trend";
import { campSearchParams, campsHref, totalsCsvHref } from "@/app/_components/camps/camp-url-state";
import { useFormat, type Formatters } from "@/i18n/format-hooks";

type Out = RouterOutputs["camps"];
type MegaRow = Out["listMegaCamps"]["megaCamps"][number];
type BlockRow = Out["getMegaCamp"]["blocks"][number];
type SiteRow = Out["getBlockCamps"]["sites"][number];

type T = ReturnType<typeof useTranslations<"camps">>;

/** "2021-06-21" (an IST calendar date) as "21 Jun 2021" / "21 जून 2021". */
const showDate = (format: Formatters, key: string) => format.date(istMidnightOfKey(key));

function NameLink({ href, children }: { href: string; children: ReactNode }) {
  const within = useDistrictHref();
  // The row is clickable too; the link is what a keyboard or screen reader uses.
  return (
    <Link href={within(href)} onClick={(e) => e.stopPropagation()}>
      {children}
    </Link>
  );
}

function Breadcrumb({ items }: { items: { label: string; href?: string }[] }) {
  const t = useTranslations("camps");
  const within = useDistrictHref();
  return (
    <nav aria-label={t("breadcrumb")} className="breadcrumb">
      {items.map((item, i) => (
        <span key={item.label + i}>
          {i > 0 ? " › " : null}
          {item.href ? <Link href={within(item.href)}>{item.label}</Link> : <span aria-current="page">{item.label}</span>}
        </span>
      ))}
    </nav>
  );
}

/** The camps page: district → mega camp → block → site (camp), the level chosen by the URL. */
export function CampExplorer() {
  const [{ mega, block, camp }] = useQueryStates({ mega: campSearchParams.mega, block: campSearchParams.block, camp: campSearchParams.camp });
  const trpc = useTRPC();
  const t = useTranslations("camps");
  const me = useQuery(trpc.me.queryOptions());
  const scopeNote = me.data?.scope.kind === "block" ? <p className="notice">{t("scopeNote")}</p> : null;
  if (camp) return <CampView campId={camp} />;
  if (mega && block) return <BlockView megaCampId={mega} blockId={block} />;
  if (mega) return <MegaCampView megaCampId={mega} note={scopeNote} />;
  return <DistrictView note={scopeNote} />;
}

const BY_DATE = { id: "date", desc: true };
const BY_VACCINATED = { id: "vaccinated", desc: true };

function makeMegaColumns(t: T, format: Formatters): ColumnDef<MegaRow, string>[] {
  return [
    { id: "name", header: t("megaCamp"), accessorFn: (m) => m.name, cell: (info) => <NameLink href={campsHref({ mega: info.row.original.id })}>{info.getValue()}</NameLink> },
    { id: "date", header: t("date"), accessorFn: (m) => m.date, cell: (info) => showDate(format, info.getValue()) },
  ];
}

function DistrictView({ note }: { note: ReactNode }) {
  const trpc = useTRPC();
  const t = useTranslations("camps");
  const format = useFormat();
  const megaColumns = useMemo(() => makeMegaColumns(t, format), [t, format.locale]); // eslint-disable-line react-hooks/exhaustive-deps
  const list = useQuery(trpc.camps.listMegaCamps.queryOptions());
  return (
    <>
      <div className="page-title">
        <Breadcrumb items={[{ label: t("district"), href: "/" }, { label: t("camps") }]} />
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
      </div>
      {note}
      <QueryState query={list}>
        {(data) => (
          <>
            <CampTiles figures={data.district} />
            <h2>{t("megaCamps")}</h2>
            <CampFiguresTable<MegaRow>
              rows={data.megaCamps}
              leading={megaColumns}
              label={t("megaCamps")}
              csvHref={totalsCsvHref({})}
              defaultSort={BY_DATE}
              rowHref={(m) => campsHref({ mega: m.id })}
              rowTestId={(m) => `mega-camp-${m.id}`}
            />
            {data.otherCamps.camps > 0 ? (
              <p className="muted">
                {t("otherCamps", { sessions: format.count(data.otherCamps.camps), n: data.otherCamps.camps, vaccinated: format.count(data.otherCamps.vaccinated) })}
              </p>
            ) : null}
            <h2>{t("districtSplit")}</h2>
            <CampSplits figures={data.district} />
          </>
        )}
      </QueryState>
      <CampTrend defaultGrain="day" title={t("dailyTrend")} />
    </>
  );
}

function MegaCampView({ megaCampId, note }: { megaCampId: number; note: ReactNode }) {
  const trpc = useTRPC();
  const t = useTranslations("camps");
  const format = useFormat();
  const detail = useQuery(trpc.camps.getMegaCamp.queryOptions({ id: megaCampId }));
  const columns = useMemo<ColumnDef<BlockRow, string>[]>(
    () => [
      {
        id: "block",
        header: t("block"),
        accessorFn: (b) => b.block,
        cell: (info) => <NameLink href={campsHref({ mega: megaCampId, block: info.row.original.blockId })}>{info.getValue()}</NameLink>,
      },
    ],
    [megaCampId, t],
  );
  return (
    <QueryState query={detail}>
      {(data) => (
        <>
          <div className="page-title">
            <Breadcrumb items={[{ label: t("camps"), href: "/camps" }, { label: data.megaCamp.name }]} />
            <h1>
              {data.megaCamp.name} — {showDate(format, data.megaCamp.date)}
            </h1>
          </div>
          {note}
          <CampTiles figures={data.totals} />
          <h2>{t("blocks")}</h2>
          <CampFiguresTable<BlockRow>
            rows={data.blocks}
            leading={columns}
            label={t("blocksIn", { name: data.megaCamp.name })}
            csvHref={totalsCsvHref({ mega: megaCampId })}
            defaultSort={BY_VACCINATED}
            rowHref={(b) => campsHref({ mega: megaCampId, block: b.blockId })}
            rowTestId={(b) => `camp-block-${b.slug}`}
          />
          <h2>{t("split")}</h2>
          <CampSplits figures={data.totals} />
          <CampTrend megaCampId={megaCampId} defaultGrain="hour" title={t("byHour")} />
        </>
      )}
    </QueryState>
  );
}

function makeSiteColumns(t: T): ColumnDef<SiteRow, string>[] {
  return [
    { id: "site", header: t("site"), accessorFn: (s) => s.site, cell: (info) => <NameLink href={campsHref({ camp: info.row.original.campId })}>{info.getValue()}</NameLink> },
  ];
}

function BlockView({ megaCampId, blockId }: { megaCampId: number; blockId: number }) {
  const trpc = useTRPC();
  const t = useTranslations("camps");
  const format = useFormat();
  const siteColumns = useMemo(() => makeSiteColumns(t), [t]);
  const detail = useQuery(trpc.camps.getBlockCamps.queryOptions({ megaCampId, blockId }));
  return (
    <QueryState query={detail}>
      {(data) => (
        <>
          <div className="page-title">
            <Breadcrumb
              items={[{ label: t("camps"), href: "/camps" }, { label: data.megaCamp.name, href: campsHref({ mega: megaCampId }) }, { label: data.block.block }]}
            />
            <h1>
              {data.block.block} <span className="hi" lang="hi">{data.block.blockHi}</span> — {data.megaCamp.name}, {showDate(format, data.megaCamp.date)}
            </h1>
            <p>
              <NameLink href={`/blocks/${data.block.slug}`}>{t("pendingLink", { block: data.block.block })}</NameLink>
            </p>
          </div>
          <CampTiles figures={data.totals} />
          <h2>{t("sites")}</h2>
          {data.sites.length === 0 ? <p className="muted">{t("noSites", { name: data.megaCamp.name })}</p> : null}
          <CampFiguresTable<SiteRow>
            rows={data.sites}
            leading={siteColumns}
            label={t("sitesIn", { block: data.block.block })}
            csvHref={totalsCsvHref({ mega: megaCampId, block: blockId })}
            defaultSort={BY_VACCINATED}
            rowHref={(s) => campsHref({ camp: s.campId })}
            rowTestId={(s) => `camp-site-${s.campId}`}
          />
          <h2>{t("split")}</h2>
          <CampSplits figures={data.totals} />
          <CampTrend megaCampId={megaCampId} blockId={blockId} defaultGrain="hour" title={t("byHour")} />
        </>
      )}
    </QueryState>
  );
}

function CampView({ campId }: { campId: number }) {
  const trpc = useTRPC();
  const t = useTranslations("camps");
  const format = useFormat();
  const detail = useQuery(trpc.camps.getCamp.queryOptions({ id: campId }));
  return (
    <QueryState query={detail}>
      {({ camp, figures }) => (
        <>
          <div className="page-title">
            <Breadcrumb
              items={[
                { label: t("camps"), href: "/camps" },
                ...(camp.megaCamp
                  ? [
                      { label: camp.megaCamp.name, href: campsHref({ mega: camp.megaCamp.id }) },
                      { label: camp.block, href: campsHref({ mega: camp.megaCamp.id, block: camp.blockId }) },
                    ]
                  : [{ label: camp.block, href: `/blocks/${camp.slug}` }]),
                { label: camp.site },
              ]}
            />
            <h1>
              {camp.site}, {camp.block} — {showDate(format, camp.date)}
            </h1>
            <p className="muted">{camp.megaCamp ? t("partOf", { name: camp.megaCamp.name }) : t("routine")}</p>
          </div>
          <CampTiles figures={figures} />
          <p>
            <a className="csv-link" href={totalsCsvHref({ camp: campId })} download>
              {t("csvCamp")}
            </a>
          </p>
          <h2>{t("split")}</h2>
          <CampSplits figures={figures} />
          <CampTrend campId={campId} defaultGrain="hour" title={t("byHour")} />
        </>
      )}
    </QueryState>
  );
}
