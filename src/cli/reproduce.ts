/**
 * `refract reproduce <name>`: one command per published claim (src/reproduce). Loads the data
 * a reproduction needs (the bundled C. elegans tables, the bundled basket cells and any
 * `--cells` folder), runs its fixed protocol and prints the tables and the verdict.
 */
import { Command, Option } from 'commander';
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findReproduction, REPRODUCTIONS, type CellData, type ReproductionInput, type ReproductionResult, type Table } from '../reproduce/index.js';
import { readConnectome } from '../node/connectome.js';
import { readOwmeta, readSomaPositions } from '../node/connectome.js';
import { checkSwc } from '../morphology/validate.js';
import { BUNDLED_CELLS, cellTypeList } from './cells.js';
import { InputError } from '../formats/errors.js';
import { readText } from '../node/files.js';
import { OutputDir } from '../node/atomic.js';
import { formatTable } from '../report/table.js';
import { BUNDLED_DATA } from './connectome.js';
import { show } from './output.js';
import { progressBar } from './progress.js';
import { seed } from './args.js';

export { BUNDLED_CELLS } from './cells.js';

interface ReproduceOptions {
  list?: boolean;
  fast?: boolean;
  json?: boolean;
  markdown?: boolean;
  cells?: string;
  cellTypes?: string;
  seed: number;
  out?: string;
  quiet?: boolean;
}

function swcIn(dir: string): string[] {
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new InputError('folder not found', { file: dir });
  }
  if (!st.isDirectory()) return [dir];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.toLowerCase().endsWith('.swc')).sort().map((f) => join(dir, f));
}

/** The bundled cells, plus those under --cells, each with its type from the lists (unknown otherwise). */
export function loadCells(extra: string | undefined, typesFile: string | undefined): CellData[] {
  const types = cellTypeList(typesFile);
  const files = [...swcIn(BUNDLED_CELLS), ...(extra ? swcIn(extra) : [])];
  const seen = new Set<string>();
  const out: CellData[] = [];
  for (const file of files) {
    const name = basename(file);
    if (seen.has(name)) continue; // a bundled cell also found under --cells
    seen.add(name);
    const t = types.get(name);
    out.push({ file: name, morphology: checkSwc(readText(file), file).morphology, cellType: t?.cellType ?? 'unknown', source: t?.source ?? file });
  }
  return out;
}

function printTable(t: Table, maxRows = 40): string {
  const rows = t.rows.length > maxRows ? t.rows.slice(0, maxRows) : t.rows;
  const more = t.rows.length > maxRows ? `\n… ${t.rows.length - maxRows} more rows (--json has them all)` : '';
  return `${t.title}:\n${formatTable(t.columns, rows.map((r) => r.map(show)))}${more}`;
}

/** The plain-text report: what was claimed, how it was tested, what came out. */
export function reportText(r: ReproductionResult): string {
  const p = r.protocol;
  const lines = [
    `${r.name} — ${r.title}${r.fast ? ' (fast check: reduced sweep)' : ''}`,
    `claim: ${p.claim}`,
    `paper: ${p.paper}`,
    '',
    formatTable(['parameter', 'value', 'source'], p.parameters.map((q) => [q.name, `${Array.isArray(q.value) ? q.value.join(', ') : String(q.value)}${q.unit ? ` ${q.unit}` : ''}${q.range ? ` (plausible: ${q.range})` : ''}`, q.source])),
    '',
    `statistic: ${p.statistic}`,
    `control: ${p.control}`,
    `sensitivity: ${p.sensitivity}`,
    `verdict rule: ${p.verdictRule}`,
    '',
    ...r.tables.map((t) => printTable(t) + '\n'),
    ...r.notes.map((n) => `note: ${n}`),
    `verdict: ${r.verdict.toUpperCase()} — ${r.because}`,
  ];
  return lines.join('\n') + '\n';
}

/** The docs section (docs/reproductions.md is made of these). */
export function reportMarkdown(r: ReproductionResult, command: string): string {
  const p = r.protocol;
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const md = (t: Table) => [`| ${t.columns.map(esc).join(' | ')} |`, `|${t.columns.map(() => '---').join('|')}|`, ...t.rows.map((row) => `| ${row.map((v) => esc(show(v))).join(' | ')} |`)].join('\n');
  return [
    `## ${r.name} — ${r.title}`,
    '',
    `**Claim** (${p.paper}): ${p.claim}`,
    '',
    '**Protocol** (fixed in `src/reproduce/` before the run):',
    '',
    md({ title: '', columns: ['parameter', 'value', 'plausible range', 'source'], rows: p.parameters.map((q) => [q.name, `${Array.isArray(q.value) ? q.value.join(', ') : String(q.value)}${q.unit ? ` ${q.unit}` : ''}`, q.range ?? '', q.source]) }),
    '',
    `- *Statistic*: ${p.statistic}`,
    `- *Control*: ${p.control}`,
    `- *Sensitivity*: ${p.sensitivity}`,
    `- *Verdict rule*: ${p.verdictRule}`,
    '',
    `**Result** (\`${command}\`):`,
    '',
    ...r.tables.flatMap((t) => [`*${t.title}*`, '', md(t), '']),
    ...r.notes.map((n) => `- ${n}`),
    ...(r.notes.length ? [''] : []),
    `**Verdict: ${r.verdict}** — ${r.because}.`,
    '',
  ].join('\n');
}

export function reproduceCommand(name: string, o: ReproduceOptions): ReproductionResult {
  const rep = findReproduction(name);
  if (!rep) throw new InputError(`unknown reproduction "${name}" (known: ${REPRODUCTIONS.map((r) => r.name).join(', ')})`, { field: 'name' });
  const input: ReproductionInput = { fast: o.fast ?? false, seed: o.seed };
  if (rep.needs.includes('celegans'))
    input.celegans = {
      connectome: readConnectome('cook2019', BUNDLED_DATA),
      positions: readSomaPositions(join(BUNDLED_DATA, 'c302_soma_positions.csv')),
      owmeta: readOwmeta(join(BUNDLED_DATA, 'owmeta_cache.json')),
    };
  if (rep.needs.includes('basket-cells')) input.cells = loadCells(o.cells, o.cellTypes);
  const bar = progressBar(name, o.quiet ?? false);
  input.onProgress = (f) => bar.update(f);
  try {
    return rep.run(input);
  } finally {
    bar.stop();
  }
}

export function registerReproduce(program: Command): void {
  program
    .command('reproduce')
    .description('check a published claim with a protocol fixed in advance: parameters with sources, a statistic, a control, a sensitivity sweep and a computed verdict')
    .argument('[name]', `a reproduction: ${REPRODUCTIONS.map((r) => r.name).join(' | ')}`)
    .addOption(new Option('--list', 'list the reproductions'))
    .addOption(new Option('--fast', 'a reduced sweep (a quick check; the reported figures come from the full run)'))
    .addOption(new Option('--json', 'print the whole result as one JSON line'))
    .addOption(new Option('--markdown', 'print the result as a docs/reproductions.md section'))
    .addOption(new Option('--cells <dir>', 'more SWC files (puppo2018), typed by --cell-types or the bundled list'))
    .addOption(new Option('--cell-types <csv>', 'file,cell_type[,source] rows for the --cells files'))
    .addOption(new Option('--seed <n>', 'seed of every random choice (shuffles, controls)').argParser(seed).default(1))
    .addOption(new Option('--out <dir>', 'also write result.json and report.md there'))
    .addOption(new Option('--quiet', 'no progress bar'))
    .addHelpText(
      'after',
      `
Examples:
  refract reproduce --list
  refract reproduce ring-bounds
  refract reproduce puppo2018
  refract reproduce puppo2018 --cells my-cells/ --cell-types my-cells/types.csv
  refract reproduce celegans-alternation --fast --json`,
    )
    .action((name: string | undefined, o: ReproduceOptions) => {
      if (o.list || !name) {
        process.stdout.write(formatTable(['name', 'claim', 'paper'], REPRODUCTIONS.map((r) => [r.name, r.title, r.protocol.paper])) + '\n');
        return;
      }
      const r = reproduceCommand(name, o);
      const command = `refract reproduce ${name}${o.fast ? ' --fast' : ''}`;
      if (o.out) {
        const out = new OutputDir(o.out);
        try {
          out.write('result.json', JSON.stringify(r, null, 2) + '\n');
          out.write('report.md', reportMarkdown(r, command));
          out.commit();
        } catch (e) {
          out.abort();
          throw e;
        }
      }
      if (o.json) process.stdout.write(JSON.stringify(r) + '\n');
      else if (o.markdown) process.stdout.write(reportMarkdown(r, command));
      else process.stdout.write(reportText(r));
    });
}
