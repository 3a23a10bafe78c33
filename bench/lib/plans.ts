import type pg from "pg";

type PlanNode = {
  "Node Type": string;
  Strategy?: string;
  "Index Name"?: string;
  "Relation Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Heap Fetches"?: number;
  Plans?: PlanNode[];
};

/** One line per query: the plan's nodes top-down, with the rows each scan touched; shows where the cost grows. */
export async function planSummary(pool: pg.Pool, query: { text: string; values: unknown[] }): Promise<string> {
  const { rows } = await pool.query<{ "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number }] }>({
    text: `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query.text}`,
    values: query.values,
  });
  const explained = rows[0]?.["QUERY PLAN"][0];
  if (!explained) return "(no plan)";
  return `${flatten(explained.Plan).join(" > ")}  [${explained["Execution Time"].toFixed(2)} ms]`;
}

function flatten(node: PlanNode): string[] {
  const on = node["Index Name"] ?? node["Relation Name"];
  const isScan = node["Node Type"].includes("Scan");
  const rows = (node["Actual Rows"] ?? 0) * (node["Actual Loops"] ?? 1);
  const details = [on, isScan ? `${rows.toLocaleString("en-US")} rows` : undefined];
  if (node["Heap Fetches"] !== undefined) details.push(`heap fetches ${node["Heap Fetches"].toLocaleString("en-US")}`);
  const type = node["Node Type"] === "Aggregate" && node.Strategy ? `${node.Strategy} Aggregate` : node["Node Type"];
  const label = details.some(Boolean) ? `${type} (${details.filter(Boolean).join(", ")})` : type;
  return [label, ...(node.Plans ?? []).flatMap(flatten)];
}
