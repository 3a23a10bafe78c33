import Link from "next/link";
import { notFound } from "next/navigation";
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
    return (
      <section className="notice error" role="alert">
        <h1>Not your block</h1>
        <p>
          You are signed in as a {user.role === "DATA_OPERATOR" ? "data operator" : "block supervisor"} and can see only your own
          block&apos;s backlog. {block.name} belongs to another supervisor.
        </p>
        <p>
          <Link href="/">Go to your block</Link>
        </p>
      </section>
    );
  }
  return <BlockDashboard blockId={block.id} blockName={block.name} blockNameHi={block.nameHi} showDistrictLink={user.role === "DISTRICT_OFFICER"} canUndo={user.role === "DISTRICT_OFFICER"} />;
}
