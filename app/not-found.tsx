import Link from "next/link";

export default function NotFound() {
  return (
    <section className="notice">
      <h1>Not found</h1>
      <p>There is no such page or block. Check the address, or go back to the overview.</p>
      <Link href="/">Back to the overview</Link>
    </section>
  );
}
