"use client";

type Props = { label: string; sorted: false | "asc" | "desc"; onToggle?: (event: unknown) => void };

export function SortHeader({ label, sorted, onToggle }: Props) {
  if (!onToggle) return <>{label}</>;
  const arrow = sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : "";
  return (
    <button type="button" className="sort-button" onClick={onToggle}>
      {label}
      <span aria-hidden="true">{arrow}</span>
    </button>
  );
}
