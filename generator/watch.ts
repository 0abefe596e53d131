/**
 * `permgen generate --watch`: regenerate when sources, templates or config change. Changes are
 * debounced (an editor's save is often several events) and runs never overlap: a change during a
 * run schedules one more run after it. Each run writes atomically, so generated/ is never half written.
 */
import path from 'node:path';
import { watch as chokidarWatch, type FSWatcher } from 'chokidar';
import { generate, type GenerateOptions, type GenerateResult } from './generate.ts';
import { templatesDir } from './docs/handlebars.ts';

export interface WatchOptions extends GenerateOptions {
  /** Milliseconds of quiet before a run. */
  debounceMs?: number;
  onResult(result: GenerateResult | Error, changed: string[]): void;
}

export interface Watcher {
  /** Resolves when the watcher is ready and the first run has finished. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function watchAndGenerate(options: WatchOptions): Watcher {
  const root = options.root;
  const paths = [path.join(root, options.sourcesDir ?? 'sources'), templatesDir];
  const watcher: FSWatcher = chokidarWatch(paths, { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 20 } });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let pending: string[] = [];

  const runOnce = async (): Promise<void> => {
    const changed = pending;
    pending = [];
    try {
      options.onResult(await generate(options), changed);
    } catch (error) {
      options.onResult(error as Error, changed);
    }
  };
  // The first run and every later one go through here, so runs never overlap.
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await runOnce();
      } while (again);
      running = undefined;
    })();
    return running;
  };
  const schedule = (file: string) => {
    pending.push(path.relative(root, file).split(path.sep).join('/'));
    clearTimeout(timer);
    timer = setTimeout(() => void run(), options.debounceMs ?? 150);
  };
  watcher.on('all', (_event, file) => schedule(file));
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve())).then(run);
  return {
    ready,
    async close() {
      clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
}
