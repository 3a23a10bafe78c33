import { BlockPage } from "@/app/_components/backlog/block-page";

export const dynamic = "force-dynamic";

/** A block of the URL's district (the server caller is narrowed to that district, so a name is found within it). */
export default async function Page({ params }: { params: Promise<{ slug: string; block: string }> }) {
  const { slug, block } = await params;
  return <BlockPage slug={block} base={`/districts/${encodeURIComponent(slug)}`} />;
}
