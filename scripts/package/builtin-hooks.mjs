// Preloaded with `node --import` by scripts/package/core-imports.mjs: records every Node
// built-in that the program resolves after this point, through ESM imports (a resolve hook,
// run on the loader thread) and CommonJS require (Module._load), one per line in the file
// named by REFRACT_BUILTINS_LOG.
import { appendFileSync } from 'node:fs';
import Module, { isBuiltin, register } from 'node:module';

const log = process.env.REFRACT_BUILTINS_LOG;
if (!log) throw new Error('builtin-hooks.mjs: set REFRACT_BUILTINS_LOG');

register(
  'data:text/javascript,' +
    encodeURIComponent(`
      import { appendFileSync } from 'node:fs';
      import { isBuiltin } from 'node:module';
      let file;
      export function initialize(data) { file = data.log; }
      export async function resolve(specifier, context, next) {
        if (isBuiltin(specifier)) appendFileSync(file, 'import ' + specifier + ' from ' + (context.parentURL ?? '?') + '\\n');
        return next(specifier, context);
      }`),
  { parentURL: import.meta.url, data: { log } },
);

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (isBuiltin(request)) appendFileSync(log, `require ${request} from ${parent?.filename ?? '?'}\n`);
  return load.call(this, request, parent, isMain);
};
