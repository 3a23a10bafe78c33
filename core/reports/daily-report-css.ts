/**
 * The daily report's own styles, scoped to `.daily-report`: the page renders them inline and the PDF carries
 * them in its HTML, so the screen, the browser's print and the server's PDF look the same. Sized so the whole
 * district report fits one A4 page (17 blocks in the backlog and camp tables).
 */
export const DAILY_REPORT_CSS = `
.daily-report { font-family: "Noto Sans Devanagari", system-ui, "Segoe UI", Arial, sans-serif; color: #111; background: #fff;
  font-size: 8.5pt; line-height: 1.3; max-width: 190mm; margin: 0 auto; }
.daily-report h1 { font-size: 14pt; margin: 0; }
.daily-report h2 { font-size: 10pt; margin: 0 0 1.5mm; padding-bottom: 0.5mm; border-bottom: 1.5px solid #1f4e79; color: #1f4e79; }
.daily-report h3 { font-size: 8.5pt; margin: 1.5mm 0 1mm; }
.daily-report p { margin: 0 0 1mm; }
.daily-report .dr-head { display: flex; justify-content: space-between; align-items: flex-end; gap: 4mm;
  border-bottom: 2px solid #111; padding-bottom: 1.5mm; margin-bottom: 2.5mm; }
.daily-report .dr-meta { text-align: right; color: #333; }
.daily-report .dr-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 3mm 5mm; }
.daily-report section { break-inside: avoid; min-width: 0; }
.daily-report section + section { margin-top: 3mm; }
.daily-report table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
.daily-report th, .daily-report td { padding: 0.4mm 1.2mm; border-bottom: 0.5px solid #bbb; text-align: left; vertical-align: top; }
.daily-report th { font-weight: 700; background: #eef2f7; }
.daily-report td.n, .daily-report th.n { text-align: right; white-space: nowrap; }
.daily-report td.t { white-space: nowrap; }
.daily-report tr.dr-total td { font-weight: 700; border-top: 1.5px solid #111; border-bottom: none; }
.daily-report .dr-note { color: #444; font-size: 7.5pt; }
.daily-report .dr-warn { font-weight: 700; }
.daily-report .dr-tag { display: inline-block; padding: 0 1mm; border: 0.5px solid #888; border-radius: 1mm; font-size: 7.5pt; white-space: nowrap; }
.daily-report .dr-tag-risk { border-color: #a40000; color: #a40000; }
.daily-report .dr-list { margin: 0 0 1mm; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 0.5mm 3mm; }
.daily-report .dr-error { overflow-wrap: anywhere; }
.daily-report footer { margin-top: 2.5mm; padding-top: 1mm; border-top: 0.5px solid #888; color: #444; font-size: 7pt; }
/* On a phone screen (never in print: the PDF keeps its two columns on A4) the report reads as one column, in a
   size a phone can read, and a wide table scrolls inside its section instead of drawing over the next one. */
@media screen and (max-width: 700px) {
  .daily-report { font-size: 11pt; max-width: none; }
  .daily-report h1 { font-size: 15pt; }
  .daily-report h2 { font-size: 12pt; }
  .daily-report .dr-grid { grid-template-columns: 1fr; }
  .daily-report .dr-head { flex-direction: column; align-items: flex-start; }
  .daily-report .dr-meta { text-align: left; }
  .daily-report section { overflow-x: auto; }
  .daily-report .dr-note, .daily-report footer { font-size: 9pt; }
}
`;
