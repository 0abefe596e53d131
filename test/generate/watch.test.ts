import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchAndGenerate } from '../../generator/watch.ts';
import type { GenerateResult } from '../../generator/generate.ts';
import { readTree } from '../../generator/write/read-tree.ts';
import { jobTokenProject } from './helpers.ts';

describe('generate --watch', () => {
  it('regenerates after a source changes, and keeps the last good output on an error', async () => {
    const root = await jobTokenProject();
    const results: (GenerateResult | Error)[] = [];
    let notify: () => void = () => {};
    const watcher = watchAndGenerate({ root, debounceMs: 50, onResult: (r) => { results.push(r); notify(); } });
    const next = () => new Promise<void>((resolve) => (notify = resolve));
    try {
      await watcher.ready;
      expect(results).toHaveLength(1);
      const page = path.join(root, 'sources/job-token.md');
      let waiting = next();
      await appendFile(page, '| Jobs: Read | `READ_JOBS` | `GET /projects/:id/jobs/:job_id/trace` | Get a job log |\n');
      await waiting;
      const second = results[1] as GenerateResult;
      expect(second.written).toBe(true);
      expect(second.catalog.sources[0]?.kind === 'gitlab-job-token-endpoints' && second.catalog.sources[0].endpoints).toHaveLength(169);
      const good = await readTree(path.join(root, 'generated'));
      expect(good.get('catalog.json')).toContain('/projects/:id/jobs/:job_id/trace');

      waiting = next();
      await appendFile(page, '| Jobs: Read | `READ_JOBS` | `BREW /coffee` | Broken |\n');
      await waiting;
      const third = results[2] as GenerateResult;
      expect(third.written).toBe(false);
      expect(third.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId)).toEqual(['http-method-unknown']);
      expect(await readTree(path.join(root, 'generated'))).toEqual(good);
      expect(await readFile(page, 'utf8')).toContain('BREW');
    } finally {
      await watcher.close();
    }
  });
});
