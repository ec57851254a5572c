#!/usr/bin/env node
// Writes docs/reproductions.md from the reproductions themselves: every section is what
// `refract reproduce NAME --markdown` prints for the full protocol, followed by the verdict and
// headline numbers of the full run and of the fast check as JSON, which
// test/reproduce/docs.test.ts compares with what the commands print. Run after `npm run build`:
//
//   node scripts/reproductions-doc.mjs
import { writeFileSync, renameSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { REPRODUCTIONS } from '../dist/reproduce/index.js';
import { reproduceCommand, reportMarkdown } from '../dist/cli/reproduce.js';

const root = join(import.meta.dirname, '..');
const headline = (r) => JSON.stringify({ verdict: r.verdict, numbers: r.numbers });
const machine = `${cpus().length}-vCPU ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}`;
const date = new Date().toISOString().slice(0, 10);

const sections = [];
const summary = [];
for (const rep of REPRODUCTIONS) {
  process.stderr.write(`${rep.name}…\n`);
  const t0 = Date.now();
  const full = reproduceCommand(rep.name, { seed: 1, quiet: true });
  const seconds = (Date.now() - t0) / 1000;
  const fast = reproduceCommand(rep.name, { seed: 1, fast: true, quiet: true });
  summary.push(`| [${rep.name}](#${rep.name}) | ${rep.title} | **${full.verdict}** |`);
  sections.push(
    `<a id="${rep.name}"></a>\n\n` +
      reportMarkdown(full, `refract reproduce ${rep.name}`) +
      `\nThe full run took ${seconds.toFixed(0)} s here. Its verdict and numbers, and those of the fast check \`refract reproduce ${rep.name} --fast --json\` (a reduced sweep), which the test suite re-runs and compares:\n\n` +
      `<!-- full: ${rep.name} -->\n\`\`\`json\n${headline(full)}\n\`\`\`\n\n<!-- fast: ${rep.name} -->\n\`\`\`json\n${headline(fast)}\n\`\`\`\n`,
  );
}

const doc = `# Reproductions

Each published claim that Refract's README discusses is checked by one command,
\`refract reproduce NAME\` (\`refract reproduce --list\`), whose protocol is fixed in code
(\`src/reproduce/\`) before any result is looked at: the parameters with their literature
sources and plausible ranges, the statistic, a control that could explain the effect away, the
sensitivity over the plausible range, and a verdict rule (\`reproduced\` / \`partly\` / \`not
reproduced\`) computed from the numbers. \`--json\` prints all of it; \`--markdown\` prints the
section below. This file is written by \`node scripts/reproductions-doc.mjs\` (after \`npm run
build\`); generated ${date} on a ${machine}.

| reproduction | claim | verdict |
|---|---|---|
${summary.join('\n')}

The literature values behind the parameters, with what could and could not be checked, are
listed in [sources.md](sources.md).

${sections.join('\n')}`;

const out = join(root, 'docs', 'reproductions.md');
writeFileSync(out + '.tmp', doc);
renameSync(out + '.tmp', out);
process.stderr.write(`wrote ${out}\n`);
