// V8 code cache for the large CommonJS dependencies the CLI loads outside its bundle (TypeScript,
// ts-morph): compiling TypeScript's 9 MB alone cost ~0.2 s of CPU per run, and the functions a run
// then compiles lazily as much again; with V8's cached data both mostly go away (what
// `module.enableCompileCache()` does from Node 22.1; this is for Node 20). The cache is written at
// exit, so it holds the functions the run compiled, into the CLI cache folder (beside the bundle:
// a fresh clone has neither), one file per module, keyed by its path, size, mtime and the V8
// version; V8 itself rejects data that does not match the source, and then the module is compiled
// as usual and the entry rewritten. PERMGEN_CODE_CACHE=off turns it off.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/** Only these are worth a cache entry (a few hundred KB and up). */
const CACHED = /[\\/]node_modules[\\/](?:@ts-morph[\\/]common[\\/]dist[\\/](?:typescript|ts-morph-common)\.js|ts-morph[\\/]dist[\\/]ts-morph\.js)$/;

export function installCodeCache(cacheDir) {
  if (process.env.PERMGEN_CODE_CACHE === 'off') return;
  const dir = path.join(cacheDir, 'v8');
  const pending = [];
  const original = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    if (!CACHED.test(filename)) return original.call(this, content, filename);
    let entry;
    let cachedData;
    try {
      const stat = statSync(filename);
      const key = createHash('sha256').update(`${filename}\0${stat.size}\0${stat.mtimeMs}\0${process.versions.v8}\0${process.arch}`).digest('hex').slice(0, 32);
      entry = path.join(dir, `${key}.bin`);
      try {
        cachedData = readFileSync(entry);
      } catch {
        cachedData = undefined;
      }
    } catch {
      return original.call(this, content, filename);
    }
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) pending.push({ script, entry });
    const fn = script.runInThisContext({ displayErrors: true });
    const mod = this;
    const require = (id) => mod.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
    require.main = process.mainModule;
    require.cache = Module._cache;
    require.extensions = Module._extensions;
    return fn.call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    for (const { script, entry } of pending) {
      try {
        mkdirSync(dir, { recursive: true });
        const tmp = `${entry}.tmp-${process.pid}`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, entry);
      } catch {
        // A cache that cannot be written is only slower next time.
      }
    }
  });
}
