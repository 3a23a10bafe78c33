import Link from "next/link";
import { useTranslations } from "next-intl";

export default function NotFound() {
  const t = useTranslations("notFound");
  return (
    <section className="notice">
      <h1>{t("title")}</h1>
      <p>{t("body")}</p>
      <Link href="/">{t("back")}</Link>
    </section>
  );
}
