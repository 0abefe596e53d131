/**
 * An independent, deliberately plain reference for the job-token route matcher: one anchored
 * regular expression per route alternative built from the pattern text, the specificity order
 * computed here from the text, and canonicalization written with regular expressions and split.
 * It shares no code with the generator; the differential test compares the two.
 */

export interface RefRoute {
  method: string;
  path: string;
  route: string;
  permissions: readonly string[];
  controlled: boolean;
}

export interface RefMatch {
  route: string;
  canonicalPath: string;
  params: Record<string, string>;
  permissions: readonly string[];
  controlled: boolean;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export function refCanonicalize(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const cut = raw.search(/[?#]/);
  let p = cut < 0 ? raw : raw.slice(0, cut);
  if (!p.startsWith('/') || p.length > 8192) return undefined;
  if (/[^A-Za-z0-9\-._~!$&'()*+,;=:@%/]/.test(p)) return undefined;
  if (/%(?![0-9A-Fa-f]{2})/.test(p)) return undefined;
  let bad = false;
  p = p.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => {
    const byte = parseInt(hex, 16);
    if (byte < 0x20 || byte === 0x7f) bad = true;
    const ch = String.fromCharCode(byte);
    return /^[A-Za-z0-9\-._~]$/.test(ch) ? ch : `%${hex.toUpperCase()}`;
  });
  if (bad) return undefined;
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(seg);
  }
  return `/${out.join('/')}`;
}

/**
 * GitLab's API root: `/api/v4/x` is `/x`, `/api/v4` is `/`, a second `/api…` after it is denied;
 * another path starting `/api` (`/api/v3`, `/apiv4`) only matches routes written with a literal
 * `/api…` first segment (`rooted`).
 */
export function refApiRelative(canonical: string | undefined): { path: string; rooted: boolean } | undefined {
  if (canonical === undefined) return undefined;
  const rest = /^\/api\/v4(\/.*)?$/.exec(canonical);
  if (rest) {
    const p = rest[1] ?? '/';
    return /^\/api/.test(p) ? undefined : { path: p, rooted: false };
  }
  return { path: canonical, rooted: /^\/api/.test(canonical) };
}

/** Every way to keep or drop each `( … )` group of the pattern text (`\(` and `\)` are literal characters). */
export function refExpand(text: string): string[] {
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '(') {
      open = i;
      break;
    }
  }
  if (open < 0) return [text];
  let depth = 0;
  let close = -1;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === '(') depth++;
    if (text[i] === ')' && --depth === 0) {
      close = i;
      break;
    }
  }
  const before = text.slice(0, open);
  const inner = text.slice(open + 1, close);
  const after = text.slice(close + 1);
  const out: string[] = [];
  for (const rest of refExpand(after)) {
    for (const mid of refExpand(inner)) out.push(before + mid + rest);
    out.push(before + rest);
  }
  return out;
}

/** Pieces of pattern text: `\x` is the literal `x`; `:name` and `*name` are variables. */
const PIECES = /\\(.)|([:*])([A-Za-z_][A-Za-z0-9_]*)|([^:*\\]+)/g;

interface RefAlternative {
  route: RefRoute;
  order: number;
  text: string;
  regex: RegExp;
  names: string[];
  /** Per segment: [kind rank, literal characters, text for the tie-break]. */
  key: [number, number, string][];
}

function buildAlternative(route: RefRoute, order: number, raw: string): RefAlternative {
  const text = raw.length > 1 && raw.endsWith('/') ? raw.slice(0, -1) : raw;
  const names: string[] = [];
  let source = '^';
  for (const m of text.matchAll(PIECES)) {
    const literal = m[1] ?? m[4];
    if (literal !== undefined) source += literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else {
      names.push(m[3]!);
      source += m[2] === ':' ? '([^/]+)' : '(.+)';
    }
  }
  source += '$';
  // Per segment: a splat anywhere in it makes it a splat segment, else a parameter makes it a
  // parameter segment; its literal characters; its text with each variable as U+0000 (tie-break).
  const key: [number, number, string][] = text
    .split('/')
    .slice(1)
    .filter((seg, i, all) => !(seg === '' && i === all.length - 1))
    .map((seg) => {
      let shape = '';
      let splat = false;
      let param = false;
      for (const m of seg.matchAll(PIECES)) {
        const literal = m[1] ?? m[4];
        if (literal !== undefined) shape += literal;
        else {
          shape += '\u0000';
          if (m[2] === '*') splat = true;
          else param = true;
        }
      }
      const chars = shape.replace(/\u0000/g, '').length;
      return [splat ? 1 : param ? 2 : 3, chars, shape];
    });
  return { route, order, text, regex: new RegExp(source), names, key };
}

/** > 0 when `a` is more specific. */
function compareKeys(a: RefAlternative, b: RefAlternative): number {
  for (let i = 0; i < Math.min(a.key.length, b.key.length); i++) {
    const [ka, la, ta] = a.key[i]!;
    const [kb, lb, tb] = b.key[i]!;
    if (ka !== kb) return ka - kb;
    if (la !== lb) return la - lb;
    // Ordinal tie-break on the text with variables blanked: the text that sorts first wins.
    if (ta !== tb) return ta < tb ? 1 : -1;
  }
  if (a.key.length !== b.key.length) return a.key.length - b.key.length;
  return b.order - a.order;
}

/** The first segment of a pattern alternative when it is plain literal text, else `null` (compared with every path). */
function firstLiteralSegment(text: string): string | null {
  const first = text.split('/')[1] ?? '';
  return /[:*\\]/.test(first) ? null : first;
}

export function createReference<T extends RefRoute>(routes: readonly T[]) {
  const alternatives = routes.flatMap((route, order) => refExpand(route.path).map((text) => buildAlternative(route, order, text)));
  // Only to keep large tables fast: alternatives by method and literal first segment.
  const index = new Map<string, RefAlternative[]>();
  for (const alt of alternatives) {
    const key = `${alt.route.method} ${firstLiteralSegment(alt.text) ?? '\u0000'}`;
    index.set(key, [...(index.get(key) ?? []), alt]);
  }
  return function refMatch(method: unknown, path: unknown): (RefMatch & { row: T }) | undefined {
    if (typeof method !== 'string' || !METHODS.includes(method)) return undefined;
    const relative = refApiRelative(refCanonicalize(path));
    if (relative === undefined) return undefined;
    const canonicalPath = relative.path;
    const find = (p: string, rooted: boolean) => {
      const first = p.split('/')[1] ?? '';
      for (const m of method === 'HEAD' ? ['HEAD', 'GET'] : [method]) {
        let best: { alt: RefAlternative; groups: RegExpExecArray } | undefined;
        for (const alt of [...(index.get(`${m} ${first}`) ?? []), ...(index.get(`${m} \u0000`) ?? [])]) {
          if (alt.route.method !== m) continue;
          if (rooted && !/^\/api/.test(alt.text)) continue;
          const groups = alt.regex.exec(p);
          if (groups && (!best || compareKeys(alt, best.alt) > 0)) best = { alt, groups };
        }
        if (best) return best;
      }
      return undefined;
    };
    let best = find(canonicalPath, relative.rooted);
    if (!best) return undefined;
    let answered = canonicalPath;
    // Grape's `.json` format suffix: GitLab also serves `x.json` by the route of `x`; another row for it is a denial.
    const json = /^(.*\/)([^/]*)\.json$/.exec(canonicalPath);
    if (json) {
      if (json[2] === '' || json[2] === '.' || json[2] === '..') return undefined;
      const bare = `${json[1]}${json[2]}`;
      const other = find(bare, /^\/api/.test(bare));
      // The REST page's catch-all (`* /*path`) is no route of GitLab's: not another reading. GitLab's own catch-all
      // (`route :any, '*path'`) is tried after every other route: a path that only it takes as written is the bare path's.
      if (other && other.alt.route !== best.alt.route && !other.alt.route.route.startsWith('* ')) {
        if (!best.alt.route.route.startsWith('* ')) return undefined;
        best = other;
        answered = bare;
      }
    }
    const params: Record<string, string> = {};
    best.alt.names.forEach((name, i) => (params[name] = best.groups[i + 1]!));
    const r = best.alt.route as T;
    return { route: r.route, canonicalPath: answered, params, permissions: r.permissions, controlled: r.controlled, row: r };
  };
}
