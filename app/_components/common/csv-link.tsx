import { useTranslations } from "next-intl";

/** "Download CSV" for a table: a plain link to the matching /api/v1 export, which applies the same scope. */
export function CsvLink({ href, label }: { href: string; label?: string }) {
  const t = useTranslations("common");
  return (
    <a className="csv-link" href={href} download>
      {label ?? t("downloadCsv")}
    </a>
  );
}
