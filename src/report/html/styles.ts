/** The report's one style sheet: screen first, then what changes on paper. */
export const STYLES = `
:root {
  --ink: #1e293b; --muted: #64748b; --line: #e2e8f0; --paper: #ffffff; --wash: #f8fafc;
  --kept: #334155; --pruned: #b91c1c; --added: #d97706; --redundant: #94a3b8;
  --critical: #7c3aed;
  --succeeded: #16a34a; --failed: #dc2626; --skipped: #cbd5e1; --conflicted: #ea580c;
  --rerun: #6366f1; --interrupted: #64748b; --running: #0ea5e9;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif;
  color: var(--ink); background: var(--wash);
}
body { margin: 0; }
code, pre, .node-id, .node-files {
  font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
}
code { font-size: 0.92em; overflow-wrap: anywhere; }
header { padding: 14px 24px 6px; }
header h1 { margin: 0; font-size: 20px; }
header p { margin: 2px 0 0; color: var(--muted); }
.layout {
  display: grid;
  grid-template-columns: minmax(0, 1fr) 340px;
  gap: 18px;
  padding: 0 24px 24px;
}
main > section {
  background: var(--paper);
  border: 1px solid var(--line);
  border-radius: 10px;
  padding: 6px 18px 16px;
  margin-top: 14px;
}
h2 { font-size: 17px; margin: 12px 0 6px; }
h3.list-heading {
  font-size: 14px;
  margin: 18px 0 6px;
  color: var(--muted);
  text-transform: uppercase;
  letter-spacing: 0.04em;
}
.goal { margin: 0 0 8px; }
.muted { color: var(--muted); font-weight: normal; }
.figures { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0 12px; }
.figure {
  display: flex;
  flex-direction: column;
  min-width: 150px;
  padding: 8px 12px;
  border: 1px solid var(--line);
  border-radius: 8px;
  background: var(--wash);
}
.figure-name {
  font-size: 12px;
  color: var(--muted);
  text-transform: uppercase;
  letter-spacing: 0.04em;
}
.figure-value { font-size: 22px; }
.figure-unit { font-size: 12px; color: var(--muted); }
.switch > input { position: absolute; opacity: 0; pointer-events: none; }
.switch > label {
  display: inline-block;
  padding: 4px 12px;
  border: 1px solid var(--line);
  border-radius: 6px;
  cursor: pointer;
  background: var(--wash);
  margin-right: 4px;
}
.switch > input:checked + label {
  background: var(--ink);
  color: var(--paper);
  border-color: var(--ink);
}
.switch > input:focus-visible + label { outline: 2px solid var(--critical); }
.views { display: grid; grid-template-columns: minmax(0, 1fr); gap: 14px; }
#show-before:checked ~ .views .view-after, #show-after:checked ~ .views .view-before {
  display: none;
}
.view { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 8px; min-width: 0; }
/* Scaled down to fit up to a few columns; beyond that, kept readable and scrolled. */
.view svg.wide { max-width: none; }
.view figcaption { font-size: 13px; margin-bottom: 6px; color: var(--muted); }
.view figcaption b { color: var(--ink); }
.scroll { overflow-x: auto; }
svg { max-width: 100%; height: auto; display: block; }
.legend {
  display: flex;
  flex-wrap: wrap;
  gap: 4px 16px;
  font-size: 12px;
  color: var(--muted);
  margin: 10px 0;
}
.key { display: inline-flex; align-items: center; gap: 6px; }
.critical-swatch {
  display: inline-block;
  width: 18px;
  height: 12px;
  border: 3px solid var(--critical);
  border-radius: 3px;
}
.swatch { display: inline-block; width: 22px; height: 12px; border-radius: 2px; }
.node rect { fill: var(--paper); stroke: #94a3b8; stroke-width: 1.2; }
.node.critical rect { stroke: var(--critical); stroke-width: 3; }
.node { cursor: pointer; outline: none; }
.node:hover rect, .node:focus-visible rect, .node.active rect { fill: #f5f3ff; stroke-width: 3; }
.node-id { font-size: 11px; fill: var(--muted); }
.node-title { font-size: 13px; font-weight: 600; fill: var(--ink); }
.node-files { font-size: 10.5px; fill: var(--muted); }
.edge { cursor: pointer; outline: none; }
.edge path { fill: none; }
.edge-hit { stroke: transparent; stroke-width: 14; }
.edge-critical {
  stroke: var(--critical);
  stroke-opacity: 0.28;
  stroke-width: 9;
  stroke-linecap: round;
}
.edge-line, .legend-line { stroke-width: 2; fill: none; }
.verdict-kept .edge-line, .legend-line.verdict-kept { stroke: var(--kept); }
.verdict-pruned .edge-line, .legend-line.verdict-pruned {
  stroke: var(--pruned);
  stroke-opacity: 0.5;
  stroke-dasharray: 6 4;
}
.verdict-added .edge-line, .legend-line.verdict-added { stroke: var(--added); stroke-width: 3.2; }
.verdict-redundant .edge-line, .legend-line.verdict-redundant {
  stroke: var(--redundant);
  stroke-width: 1;
}
.edge-handle { stroke: var(--paper); stroke-width: 1.5; }
.verdict-kept .edge-handle, .arrow-kept path { fill: var(--kept); }
.verdict-pruned .edge-handle, .arrow-pruned path { fill: var(--pruned); fill-opacity: 0.6; }
.verdict-added .edge-handle, .arrow-added path { fill: var(--added); }
.verdict-redundant .edge-handle, .arrow-redundant path { fill: var(--redundant); }
.edge:hover .edge-line,
.edge:focus-visible .edge-line,
.edge.active .edge-line,
.edge.linked .edge-line {
  stroke-width: 4;
  stroke-opacity: 1;
}
.verdict {
  font-size: 12px;
  font-weight: 600;
  padding: 1px 7px;
  border-radius: 10px;
  color: var(--paper);
  vertical-align: 2px;
}
span.verdict-kept { background: var(--kept); }
span.verdict-pruned { background: var(--pruned); }
span.verdict-added { background: var(--added); }
span.verdict-redundant { background: var(--redundant); }
.status {
  font-size: 12px;
  font-weight: 600;
  padding: 1px 7px;
  border-radius: 10px;
  color: var(--paper);
  background: var(--muted);
  vertical-align: 2px;
}
.status-succeeded { background: var(--succeeded); }
.status-failed { background: var(--failed); }
.status-conflicted { background: var(--conflicted); }
.status-skipped { background: var(--skipped); color: var(--ink); }
.status-running { background: var(--running); }
.outcome-succeeded { fill: var(--succeeded); background: var(--succeeded); }
.outcome-failed { fill: var(--failed); background: var(--failed); }
.outcome-conflicted { fill: var(--conflicted); background: var(--conflicted); }
.outcome-rerun { fill: var(--rerun); background: var(--rerun); }
.outcome-interrupted { fill: var(--interrupted); background: var(--interrupted); }
.outcome-running { fill: var(--running); background: var(--running); }
.outcome-skipped {
  fill: url(#hatch);
  background: repeating-linear-gradient(45deg, var(--skipped) 0 3px, #94a3b8 3px 4px);
  stroke: #94a3b8;
}
.hatch-back { fill: var(--skipped); }
.hatch-line { stroke: #94a3b8; stroke-width: 2; }
.timeline { font-size: 12px; }
.timeline .grid line { stroke: var(--line); }
.tick { fill: var(--muted); text-anchor: middle; font-size: 11px; }
.row-band { fill: transparent; }
.row:nth-child(odd) .row-band { fill: var(--wash); }
.row-label { fill: var(--ink); }
.row-note { fill: var(--muted); font-size: 11px; }
.bar[data-detail] { cursor: pointer; outline: none; }
.bar.active .segment, .bar:hover .segment { stroke: var(--ink); stroke-width: 1.5; }
.level { stroke: var(--line); }
.level-label, .jobs-label, .strip-title { fill: var(--muted); font-size: 11px; }
.level-label { text-anchor: end; }
.concurrency { fill: #c7d2fe; stroke: var(--rerun); stroke-width: 1.5; }
.jobs { stroke: var(--ink); stroke-dasharray: 4 3; }
.panel {
  position: sticky;
  top: 12px;
  align-self: start;
  margin-top: 14px;
  max-height: calc(100vh - 24px);
  overflow: auto;
  background: var(--paper);
  border: 1px solid var(--line);
  border-radius: 10px;
  padding: 4px 14px 12px;
}
.panel h2 { display: flex; justify-content: space-between; align-items: center; }
.panel button {
  font: inherit;
  font-size: 12px;
  border: 1px solid var(--line);
  background: var(--wash);
  border-radius: 6px;
  cursor: pointer;
}
.panel .hint { color: var(--muted); }
.detail h3 { font-size: 14px; margin: 10px 0 6px; }
.detail dl {
  display: grid;
  grid-template-columns: max-content minmax(0, 1fr);
  gap: 2px 10px;
  margin: 0;
}
.detail dt { color: var(--muted); }
.detail dd { margin: 0; }
.detail pre { white-space: pre-wrap; background: var(--wash); padding: 6px; border-radius: 6px; }
ul.codes { list-style: none; margin: 0; padding: 0; }
ul.ids {
  display: inline-flex;
  flex-wrap: wrap;
  gap: 0 5px;
  list-style: none;
  margin: 0;
  padding: 0;
}
ul.ids li:not(:last-child)::after { content: ","; }
.chain { margin: 4px 0; padding-left: 22px; }
.chain li { margin: 2px 0; }
.hop { font-weight: 600; }
.evidence-kind { font-weight: 600; }
.settle { color: var(--added); }
.reason { color: var(--failed); }
.details-list {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
  gap: 4px 16px;
}
.details-list .detail { border-top: 1px solid var(--line); padding-bottom: 6px; }
.diagnostics { padding-left: 18px; }
.severity-error b { color: var(--failed); }
.severity-warning b { color: var(--added); }
footer { color: var(--muted); font-size: 12px; padding: 0 24px 18px; }
@media (max-width: 1000px) {
  .layout { grid-template-columns: minmax(0, 1fr); }
  .panel { position: static; max-height: none; }
}
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  :root { font-size: 10.5pt; background: #fff; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .layout { display: block; padding: 0; }
  .panel, .switch > input, .switch > label { display: none; }
  main > section { border: 0; padding: 0; break-inside: auto; }
  .views, #show-before:checked ~ .views, #show-after:checked ~ .views { display: block; }
  .view, #show-before:checked ~ .views .view-after, #show-after:checked ~ .views .view-before {
    display: block;
    break-inside: avoid;
    margin-bottom: 10px;
  }
  .scroll { overflow: visible; }
  .view svg.wide { max-width: 100%; }
  .figures, .timeline { break-inside: avoid; }
  .details-list { display: block; columns: 2; }
  .details-list .detail { break-inside: avoid; }
  .detail details { display: none; }
  header, footer { padding-left: 0; padding-right: 0; }
}
`;
