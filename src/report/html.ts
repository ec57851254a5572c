// Single-file HTML report: inline CSS, inline SVG charts, no scripts or external
// assets, so the file can be mailed, archived or opened offline as-is.
import { cellText, type Cell } from './table.js';

export interface ReportSection {
  heading: string;
  /** Plain text; blank lines separate paragraphs. Always escaped. */
  text?: string;
  /** Trusted SVG markup, e.g. from `renderSvg`; inserted verbatim. */
  svg?: string;
  table?: { columns: string[]; rows: Cell[][] };
}

export interface Report {
  title: string;
  subtitle?: string;
  sections: ReportSection[];
  /** Free-form provenance line (timestamp, version); omitted when absent so output stays reproducible. */
  generated?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const CSS = `
body{font-family:"DejaVu Sans",Verdana,sans-serif;color:#222;max-width:760px;margin:2em auto;padding:0 1em;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}
.subtitle{color:#555;margin-top:0}
h2{font-size:1.2em;border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}
figure{margin:1em 0;overflow-x:auto}
figure svg{max-width:100%;height:auto}
table{border-collapse:collapse;font-size:.9em;margin:1em 0}
th,td{padding:.25em .7em;border-bottom:1px solid #eee;text-align:left}
th{border-bottom:2px solid #ccc}
td.num{text-align:right;font-variant-numeric:tabular-nums}
footer{color:#777;font-size:.85em;margin-top:3em}
`.trim();

function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}

// Drop an XML prolog/doctype: they are invalid inside an HTML document.
function inlineSvg(svg: string): string {
  return svg.replace(/^\s*<\?xml[^>]*\?>\s*/, '').replace(/^\s*<!DOCTYPE[^>]*>\s*/i, '');
}

function table(t: { columns: string[]; rows: Cell[][] }): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = t.rows
    .map((r) => `<tr>${r.map((c) => `<td${typeof c === 'number' ? ' class="num"' : ''}>${escapeHtml(cellText(c))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function section(s: ReportSection): string {
  const parts = [`<section>`, `<h2>${escapeHtml(s.heading)}</h2>`];
  if (s.text) parts.push(paragraphs(s.text));
  if (s.svg) parts.push(`<figure>${inlineSvg(s.svg)}</figure>`);
  if (s.table) parts.push(table(s.table));
  parts.push('</section>');
  return parts.join('\n');
}

/** Renders a complete, self-contained HTML page. */
export function htmlReport(r: Report): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(r.title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(r.title)}</h1>`,
    ...(r.subtitle ? [`<p class="subtitle">${escapeHtml(r.subtitle)}</p>`] : []),
    ...r.sections.map(section),
    ...(r.generated ? [`<footer>${escapeHtml(r.generated)}</footer>`] : []),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
