import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { TRPCError } from "@trpc/server";
import { pageCaller, requirePage } from "@/server/api/page-guard";
import { can } from "@/server/auth/policy";
import { scopeFor } from "@/server/auth/scope";
import { BlockDashboard } from "@/app/_components/backlog/block-dashboard";

/** A block's page, at /blocks/<slug> or within a district at /districts/<district>/blocks/<slug> (`base`). */
export async function BlockPage({ slug, base = "" }: { slug: string; base?: string }) {
  const { user } = await requirePage(`${base}/blocks/${slug}`, "dashboard.read");
  const caller = await pageCaller();
  const block = await caller.blocks.getBySlug({ slug: decodeURIComponent(slug).slice(0, 60) }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  });
  if (!block) {
    // A block that does not exist and one outside the user's scope read the same, so no page maps names to blocks.
    const t = await getTranslations("blockPage");
    return (
      <section className="notice error" role="alert">
        <h1>{t("unknownTitle")}</h1>
        <p>{t("unknownBody", { block: decodeURIComponent(slug).slice(0, 60) })}</p>
        <p>
          <Link href={base || "/"}>{t("goToYours")}</Link>
        </p>
      </section>
    );
  }
  return <BlockDashboard blockId={block.id} blockName={block.name} blockNameHi={block.nameHi} showDistrictLink={scopeFor(user).kind !== "block"} canUndo={can(user, "records.undo")} />;
}
