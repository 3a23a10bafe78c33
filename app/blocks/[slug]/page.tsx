import { BlockPage } from "@/app/_components/backlog/block-page";

export const dynamic = "force-dynamic";

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  return <BlockPage slug={(await params).slug} />;
}
