/**
 * GitLab's own JSON logs, one object per line (`api_json.log`, `production_json.log`): `method` and
 * `path` (the concrete request path), or `route` (`/api/:version/projects/:id/releases`, read with
 * `:version` = v4) when there is no `path`. `params` and every other field are ignored.
 */
import { readLines, type LineResult, type Workload } from './workload.ts';
import { webRequestItem } from './web-request.ts';

function readGitlabJsonLine(raw: string, line: number, apiBase: string): LineResult {
  if (raw.trim() === '') return { skip: true };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { error: `Not JSON: ${(error as Error).message}`, ruleId: 'workload-json-syntax', hint: 'Each line must be one JSON object (GitLab\'s api_json.log).' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { error: 'Not a JSON object.', ruleId: 'workload-json-syntax', hint: 'Each line must be one JSON object (GitLab\'s api_json.log).' };
  const o = value as Record<string, unknown>;
  const method = o['method'];
  const target = typeof o['path'] === 'string' ? o['path'] : typeof o['route'] === 'string' ? o['route'].replace(/^\/api\/:version(?=\/|$)/, '/api/v4') : undefined;
  if (typeof method !== 'string' || target === undefined)
    return { error: 'The object has no `method` and `path` (or `route`) strings.', ruleId: 'workload-json-fields', hint: 'GitLab\'s api_json.log lines have `"method"` and `"path"`.' };
  return webRequestItem(method, target, line, raw, apiBase);
}

export function readGitlabJson(text: string, file: string, apiBase: string): Workload {
  return readLines(text, file, 'gitlab-json', (raw, line) => readGitlabJsonLine(raw, line, apiBase));
}
