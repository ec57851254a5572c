// The public vocabulary is deliberate: the two entries export what src/index.ts and src/node/index.ts
// list (learning included), no internal helper or dead name, and every type a user meets
// through them is camelCase (the CLI's JSON keys may be snake_case; the library's are not).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..', '..');
const core = (await import('../../src/index.js')) as Record<string, unknown>;
const edge = (await import('../../src/node/index.js')) as Record<string, unknown>;

test('the entries give the user vocabulary, learning included, and keep internals and dead names out', () => {
  for (const name of ['Simulation', 'geometric', 'crg', 'refractionRatios', 'analyzeRun', 'networkFromJson', 'spikesFromCsv', 'checkpointFromBytes', 'InputError', 'rasterSpec', 'createPipeline', 'createLearner', 'runProtocol', 'signatures', 'splitPerClass', 'morphologyFromSwc', 'connectomeNetwork'])
    assert.ok(name in core, `core exports ${name}`);
  for (const name of ['readNetworkFile', 'writeNetworkFile', 'readSpikesCsv', 'readCheckpoint', 'readMnist', 'exportSonata', 'importSonataRun', 'runGridThreads', 'renderChart'])
    assert.ok(name in edge, `node entry exports ${name}`);
  const internal = ['crgGridShell', 'crgGridEdges', 'mix32', 'h32', 'u01', 'PoissonCells', 'CODE_FORCE', 'CODE_INJECT', 'CODE_DRIVE', 'partitionBounds', 'DRIVE_BLOCK', 'MIN_SLOT_WIDTH', 'driveEvents', 'STREAM_TARGET', 'parseDelimited', 'parseJsonText', 'formatJson', 'STIMULUS_CODES', 'modeCode', 'SWC_TYPE'];
  for (const name of internal) assert.ok(!(name in core) && !(name in edge), `${name} is not public`);
  // one name, one entry: nothing is exported twice under the same name
  assert.deepEqual(Object.keys(edge).filter((k) => k in core), []);
  // no serialisation verbs beyond xToY/xFromY (codecs), read/write (files), import/export (SONATA)
  const verbs = [...Object.keys(core), ...Object.keys(edge)].filter((k) => /^(parse|format|load|save|encode|decode)[A-Z]/.test(k));
  assert.deepEqual(verbs, []);
});

/** Snake_case property names of the types reachable from the public exports (declared in src/). */
function snakeCaseFields(): string[] {
  const entries = ['src/index.ts', 'src/node/index.ts'].map((f) => join(root, f));
  const program = ts.createProgram(entries, { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const seen = new Set<ts.Type>();
  const found = new Set<string>();
  const ours = (d: ts.Declaration) => !relative(join(root, 'src'), d.getSourceFile().fileName).startsWith('..');
  const visit = (type: ts.Type, where: string, depth: number): void => {
    if (depth > 6 || seen.has(type)) return;
    seen.add(type);
    if (type.isUnionOrIntersection()) return type.types.forEach((t) => visit(t, where, depth + 1));
    for (const t of checker.getTypeArguments(type as ts.TypeReference) ?? []) visit(t, where, depth + 1);
    const decls = type.getSymbol()?.getDeclarations() ?? [];
    if (decls.length > 0 && !decls.some(ours)) return; // typed arrays, Map, vega-lite's spec: not ours
    for (const sig of [...type.getCallSignatures(), ...type.getConstructSignatures()]) {
      visit(sig.getReturnType(), `${where}()`, depth + 1);
      for (const p of sig.getParameters()) visit(checker.getTypeOfSymbol(p), `${where}(${p.name})`, depth + 1);
    }
    for (const p of type.getProperties()) {
      const d = p.getDeclarations()?.[0];
      if (d && !ours(d)) continue;
      if (/[a-z0-9]_[a-z0-9]/i.test(p.name)) found.add(`${where}.${p.name}`);
      if (d && !(p.flags & ts.SymbolFlags.Method && where.endsWith(')'))) visit(checker.getTypeOfSymbolAtLocation(p, d), `${where}.${p.name}`, depth + 1);
    }
  };
  for (const file of entries) {
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
    for (const exp of checker.getExportsOfModule(moduleSymbol)) {
      const sym = exp.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exp) : exp;
      const decl = sym.getDeclarations()?.[0];
      if (!decl) continue;
      const type = sym.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias) ? checker.getDeclaredTypeOfSymbol(sym) : checker.getTypeOfSymbolAtLocation(sym, decl);
      visit(type, exp.name, 0);
      if (sym.flags & ts.SymbolFlags.Class) visit(checker.getDeclaredTypeOfSymbol(sym), exp.name, 0);
    }
  }
  return [...found].sort();
}

test('every type reachable from the two entries is camelCase (no sum_steps, matched_fraction, build_s)', { timeout: 120_000 }, () => {
  assert.deepEqual(snakeCaseFields(), []);
});
