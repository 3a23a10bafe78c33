/** "Download CSV" for a table: a plain link to the matching /api/v1 export, which applies the same scope. */
export function CsvLink({ href, label = "Download CSV" }: { href: string; label?: string }) {
  return (
    <a className="csv-link" href={href} download>
      {label}
    </a>
  );
}
