"use client";

import { useTranslations } from "next-intl";

export function ProbePrintButton() {
  const t = useTranslations("probes");
  return (
    <button type="button" className="primary no-print" onClick={() => window.print()}>
      {t("print")}
    </button>
  );
}
