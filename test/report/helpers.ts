// Shared helpers for report tests: pull one mark group's items out of Vega SVG.

/**
 * Number of `<path` items Vega emitted for the mark group with class `name`
 * (e.g. "layer_0_marks"). Mark items are flat paths inside their group, so the
 * group ends at the first `</g>` after its opening tag. Returns -1 if absent.
 */
export function countMarkItems(svg: string, name: string): number {
  const open = new RegExp(`<g class="mark-[a-z]+ role-mark ${name}"[^>]*>`).exec(svg);
  if (!open) return -1;
  const start = open.index + open[0].length;
  const body = svg.slice(start, svg.indexOf('</g>', start));
  return body.split('<path').length - 1;
}
