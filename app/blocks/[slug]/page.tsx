import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/server/auth/page-guard";
import { canSeeBlock, scopeFor } from "@/server/auth/scope";
import { getDb } from "@/server/db/client";
import { findBlockByNameOrSlug } from "@/server/services/blocks";
import { BlockDashboard } from "@/app/_components/block-dashboard";

export const dynamic = "force-dynamic";

export default async function BlockPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUser(`/blocks/${slug}`);
  const block = await findBlockByNameOrSlug(getDb(), slug);
  if (!block) notFound();
  if (!canSeeBlock(scopeFor(user), block.id)) {
    const t = await getTranslations("blockPage");
    return (
      <section className="notice error" role="alert">
        <h1>{t("notYours")}</h1>
        <p>{t("notYoursBody", { role: t(user.role === "DATA_OPERATOR" ? "roleOperator" : "roleSupervisor"), block: block.name })}</p>
        <p>
          <Link href="/">{t("goToYours")}</Link>
        </p>
      </section>
    );
  }
  return <BlockDashboard blockId={block.id} blockName={block.name} blockNameHi={block.nameHi} showDistrictLink={user.role === "DISTRICT_OFFICER"} canUndo={user.role === "DISTRICT_OFFICER"} />;
}
