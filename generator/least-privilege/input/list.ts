/**
 * The plain list: one request or operation per line, `#` starts a comment line, blank lines are ignored.
 *
 *   GET /projects/1/releases              a REST request (path relative to the API base /api/v4, or with it; query ignored)
 *   git clone|pull|fetch group/project     Git over HTTP (`.wiki` → the wiki, `[project/]snippets/<id>` → a snippet; a clone URL works too)
 *   git push group/project
 *   lfs download|upload group/project
 *   registry pull|push|delete group/project
 *   dependency-proxy pull group
 *   archive download group/project
 *   release-asset download group/project
 *   feed GET /group/project.atom           an RSS / calendar feed, by its path
 *   design download group/project
 *   telemetry forward user
 *   websocket comments group/project
 *
 * The operation names are those of `workloadOperationNames` (README, "Least privilege").
 */
import { HTTP_METHODS } from '../../model/http-methods.ts';
import { feedOperation } from './feed-paths.ts';
import { gitOperationName } from './web-request.ts';
import { readLines, targetPath, type LineResult, type Workload } from './workload.ts';

/** `<tool> <verb>` → operation short name, for the operations whose name does not depend on the target. */
const SIMPLE: Readonly<Record<string, string>> = Object.freeze({
  'lfs download': 'lfs-download',
  'lfs upload': 'lfs-upload',
  'registry pull': 'registry-pull',
  'registry push': 'registry-push',
  'registry delete': 'registry-delete',
  'dependency-proxy pull': 'dependency-proxy-pull',
  'archive download': 'archive-download',
  'release-asset download': 'release-asset-download',
  'design download': 'design-image-download',
  'telemetry forward': 'editor-telemetry',
  'websocket comments': 'live-comments',
});

const HINT = 'A line is `METHOD /path`, `git clone|pull|fetch|push <repo>`, `<tool> <verb> <target>` (README, "Least privilege"), `feed GET /path.atom`, or a `#` comment.';

function readListLine(raw: string, line: number): LineResult {
  const text = raw.trim();
  if (text === '' || text.startsWith('#')) return { skip: true };
  const column = raw.length - raw.trimStart().length + 1;
  const words = text.split(/\s+/);
  const [first = '', second = '', third] = words;
  if (words.length > 3) return { error: `Too many words: \`${text}\`.`, column, ruleId: 'workload-list-syntax', hint: HINT };
  if ((HTTP_METHODS as readonly string[]).includes(first)) {
    if (words.length !== 2) return { error: `Expected \`${first} /path\`.`, column, ruleId: 'workload-list-syntax', hint: HINT };
    const path = targetPath(second);
    if (path === undefined) return { error: `\`${second}\` is not a path.`, column: column + first.length + 1, ruleId: 'workload-target', hint: 'Paths start with `/`.' };
    // As written, with or without the API base: the library places it as the package's matchers do.
    return { kind: 'rest', method: first, path, line, text };
  }
  if (third === undefined) return { error: `Cannot read \`${text}\`.`, column, ruleId: 'workload-list-syntax', hint: HINT };
  if (first === 'git') {
    const direction = second === 'push' ? 'push' : ['clone', 'pull', 'fetch'].includes(second) ? 'pull' : undefined;
    if (direction === undefined) return { error: `Unknown Git command \`git ${second}\`.`, column, ruleId: 'workload-operation', hint: 'Git commands: clone, pull, fetch, push.' };
    // A clone URL (`https://host/group/project.git`) or a path; `.git` and slashes around it dropped.
    const repo = (/^[a-z][a-z0-9+.-]*:\/\//i.test(third) ? (targetPath(third) ?? '') : third).replace(/^\/+|\/+$/g, '').replace(/\.git$/, '');
    if (repo === '') return { error: `\`${third}\` names no repository.`, column, ruleId: 'workload-target', hint: 'Write `git push group/project` or a clone URL.' };
    return { kind: 'operation', operation: gitOperationName(direction, repo), target: repo, line, text };
  }
  if (first === 'feed') {
    if (second !== 'GET' && second !== 'HEAD') return { error: `Feeds are read with GET, not \`${second}\`.`, column, ruleId: 'workload-operation', hint: 'Write `feed GET /path.atom`.' };
    const path = targetPath(third);
    const operation = path === undefined ? undefined : feedOperation(path);
    if (operation === undefined)
      return { error: `\`${third}\` is not a feed path permgen recognises.`, column, ruleId: 'workload-feed', hint: 'README, "Least privilege", lists the feed paths (`/<group>/<project>.atom`, `…/-/issues.ics`, …).' };
    return { kind: 'operation', operation, target: path!, line, text };
  }
  const operation = SIMPLE[`${first} ${second}`];
  if (operation === undefined) return { error: `Unknown operation \`${first} ${second}\`.`, column, ruleId: 'workload-operation', hint: HINT };
  return { kind: 'operation', operation, target: third, line, text };
}

export function readList(text: string, file: string): Workload {
  return readLines(text, file, 'list', (raw, line) => readListLine(raw, line));
}
