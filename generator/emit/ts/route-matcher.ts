/**
 * The page-independent part of every compiled route matcher (one per endpoint table): the
 * candidates' rows, each method's candidates as data (a trie built at load and walked by the
 * runtime's `walkRouteTrie`: no code per route), the scratch arrays, `paramsOf` (parameter values
 * of the winner), `lookup` (method → trie) and `candidateFor`
 * (raw path first, canonicalization only when needed). A table's emitter adds its public API on top:
 * `candidateFor(method, path)` → candidate number (-1: deny), `lastPath`, `candidateRoutes[i]` (the
 * row), `paramsOf(i, lastPath)`. The public API's common part is here too, built from a small spec
 * (`routeTypeStatements`, `routeRowsStatement`, `routeForFunction`, `matchRouteFunction`,
 * `requestAllowedFunction`): a table's emitter writes only what its page adds.
 */
import { StructureKind, VariableDeclarationKind, type CodeBlockWriter, type JSDocStructure, type OptionalKind, type PropertySignatureStructure, type StatementStructures } from 'ts-morph';
import { scratchSlots, tokenData, type PreparedRoute, type PreparedRouteTable, type RouteRow } from '../../model/route-table.ts';
import type { Reporter } from '../../diagnostics/reporter.ts';
import { alternativeNames } from '../../model/route-alternatives.ts';
import { HTTP_METHODS } from '../../model/http-methods.ts';
import { safeComment } from '../header.ts';
import { stringLiteral } from './identifier.ts';
import { routeParamsType } from './route-params-type.ts';
import { patternTokens } from '../runtime/route-path.ts';

/** Cases of `paramsOf` per function (see there). */
// Pure data helpers of the route tables, in the model so that `permgen diff` need not load ts-morph.
export { scratchSlots, tokenData };

const PARAM_SHAPES_PER_FUNCTION = 64;

/** What the statements import from the copied runtime (`runtime/route-path.ts`). */
const RUNTIME_IMPORTS: readonly string[] = Object.freeze(['apiRelativePath', 'areSpansCanonical', 'buildRouteTrie', 'canonicalizePath', 'candidateRows', 'formatSuffixAt', 'formatSuffixReading', 'MAX_GRANTED_ITEMS', 'MAX_PATH_LENGTH', 'mayCanonicalizationChange', 'type RouteTrie', 'startsWithApiSegment', 'walkRouteTrie']);

/**
 * `route-pattern-unsupported` for each row of `table` that cannot be compiled (left out of the
 * matcher, so denied), once per emitted row (`rowOf`, as for `routeMatcherStatements`: a REST `*` row
 * is several routes).
 */
export function reportUnsupportedRoutes<R extends RouteRow>(report: Reporter, table: PreparedRouteTable<R>, rowOf: (route: PreparedRoute<R>) => number = (r) => r.index): void {
  const reported = new Set<number>();
  for (const { route, message } of table.unsupported) {
    if (reported.has(rowOf(route))) continue;
    reported.add(rowOf(route));
    report.error(
      'route-pattern-unsupported',
      `\`${route.endpoint.text}\` cannot be compiled: ${message}`,
      route.endpoint.pathPosition,
      'The row is left out of the matcher, so its requests are denied. Extend the matcher (generator/model/route-alternatives.ts) or report the pattern upstream.',
    );
  }
}

export interface RouteMatcherStatements {
  statements: StatementStructures[];
  /** Names to import from `./runtime/route-path.js`. */
  runtimeImports: string[];
}

/**
 * The matcher's statements for `table`, whose rows the module exports as `rowsName` (for comments).
 * `apiPrefix`: the API root the pages' paths are relative to (`/api/v4`); requests are accepted with
 * it or without it (`apiRelativePath`).
 */
export function routeMatcherStatements<R extends RouteRow>(table: PreparedRouteTable<R>, rowsName: string, apiPrefix: string, rowOf: (route: PreparedRoute<R>) => number = (r) => r.index): RouteMatcherStatements {
  const statements: StatementStructures[] = [];
  // Candidates of every method, numbered in one sequence: the walk returns the number.
  const candidates = table.methods.flatMap((m) => m.candidates);
  const firstOf = new Map<string, number>();
  let next = 0;
  for (const m of table.methods) {
    firstOf.set(m.method, next);
    next += m.candidates.length;
  }
  const methodsWithRoutes = new Set(table.methods.map((m) => m.method));
  const matcherName = (method: string) => `walkRouteTrie(${trieName(method)}, p, B, V)`;

  statements.push({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    docs: [{ description: 'The API root the routes are relative to: a request target may start with it (README, "Route matching").' }],
    declarations: [{ name: 'API_PREFIX', initializer: stringLiteral(apiPrefix) }],
  });
  // Candidates whose pattern starts with a literal segment like the prefix's (`/api/scim/…`): the
  // only ones a path outside the API root (`/api/…` without the prefix) may match.
  const apiSegment = apiPrefix.split('/')[1] ?? '';
  const rooted = candidates.flatMap((c, i) => {
    const first = c.alternative.segments[0];
    return first?.kind === 'literal' && first.text.startsWith(apiSegment) ? [i] : [];
  });
  statements.push({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    docs: [{ description: `Candidates whose pattern names a first segment starting \`${safeComment(apiSegment)}\` literally (rooted outside \`${safeComment(apiPrefix)}\`): the only answers for such a path.` }],
    declarations: [{ name: 'ROOTED_CANDIDATES', type: 'readonly number[]', initializer: `[${rooted.join(', ')}]` }],
  });
  // A table's catch-all (the REST page's `* /*path`, unavailable): no route of Grape's, so not a reading of a `.json` path.
  const catchAll = candidates.flatMap((c, i) => (c.route.endpoint.anyMethod === true ? [i] : []));
  statements.push({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    docs: [{ description: 'Candidates of the table\'s catch-all row (every method and path the page leaves unlisted): not a route of their own for `formatSuffixAt`.' }],
    declarations: [{ name: 'CATCH_ALL_CANDIDATES', type: 'readonly number[]', initializer: `[${catchAll.join(', ')}]` }],
  });

  // Per method, its candidates as data (most specific first), built into a trie on the first match
  // and walked by the runtime's `walkRouteTrie`: one mechanism for every table, no code per route.
  // A candidate is its row's number when the runtime's `patternTokens` reads exactly its tokens
  // from the row's path (checked here, for every candidate), else `[row, ...tokens]`.
  const trieName = (method: string) => `ROUTES_${method}`;
  for (const m of table.methods) {
    const base = firstOf.get(m.method)!;
    statements.push({
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        {
          description: `The ${m.method} candidates, most specific first (candidate \`${base} + k\`), one per line with its route: the row's number in \`${rowsName}\` (its path is the pattern), or \`[row, ...tokens]\` for an alternative of a pattern with optional groups (literal segments as text, \`1\` a parameter, \`2\` a splat, \`[1 | 2, prefix, suffix]\` with text around it in the segment, \`[3, elements, splat]\` a segment with several). The trie is built on the first match.`,
        },
      ],
      declarations: [
        {
          name: trieName(m.method),
          type: 'RouteTrie',
          initializer: (w) => {
            w.write('buildRouteTrie([').newLine();
            w.indent(() => {
              for (const c of m.candidates) {
                const row = rowOf(c.route);
                const tokens = c.alternative.segments.map(tokenData);
                const derived = JSON.stringify(patternTokens(c.route.endpoint.path)) === JSON.stringify(tokens);
                const data = derived ? String(row) : JSON.stringify([row, ...tokens]);
                w.writeLine(`${data}, // ${safeComment(c.route.endpoint.text)}${c.alternative.text !== c.route.endpoint.path ? ` as ${safeComment(c.alternative.text)}` : ''}`);
              }
            });
            w.write(`], ${base}, ${rowsName})`);
          },
        },
      ],
    });
  }
  statements.push({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    docs: [{ description: `Per candidate (an alternative of a route after expanding optional groups; most specific first within each method): its row in \`${rowsName}\`.` }],
    declarations: [{ name: 'candidateRoutes', type: 'readonly number[]', initializer: `candidateRows([${table.methods.map((m) => trieName(m.method)).join(', ')}])` }],
  });
  const slots = scratchSlots(candidates);
  statements.push({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    docs: [{ description: 'Scratch boundaries of the parameters of the last match: `[start, end)` of parameter k at `2k`, `2k + 1`. Written by the walk, read right after it returns; no allocation per request.' }],
    declarations: [{ name: 'B', initializer: `new Int32Array(${2 * slots})` }],
  });
  statements.push({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    docs: [{ description: 'Per parameter of the last match: 0 when the walk saw its segment is canonical, 1 when not, -1 when `areSpansCanonical` must look.' }],
    declarations: [{ name: 'V', initializer: `new Int32Array(${slots})` }],
  });

  // Parameter values of the winner, sliced from the canonical path at the boundaries in `B`:
  // one object literal per list of names (in token order), so every result has a fixed shape.
  const byNames = new Map<string, { names: string[]; candidates: number[] }>();
  candidates.forEach((c, i) => {
    const names = alternativeNames(c.alternative.segments);
    const key = JSON.stringify(names);
    const entry = byNames.get(key) ?? { names, candidates: [] };
    entry.candidates.push(i);
    byNames.set(key, entry);
  });
  statements.push({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    docs: [{ description: 'Per candidate, how many parameters it has (their boundaries are the first entries of `B`).' }],
    declarations: [{ name: 'paramCounts', initializer: `Uint8Array.of(${candidates.map((c) => alternativeNames(c.alternative.segments).length).join(', ')})` }],
  });
  const shapes = [...byNames.values()].sort((a, b) => a.candidates[0]! - b.candidates[0]!);
  const shapeOf: number[] = [];
  shapes.forEach((shape, k) => shape.candidates.forEach((i) => (shapeOf[i] = k)));
  statements.push({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    docs: [{ description: 'Per candidate, which list of parameter names it has (the case of `paramsOf`): a table, so that `paramsOf` stays small enough for V8 to optimize whatever the number of routes.' }],
    declarations: [{ name: 'paramShapes', initializer: `${shapes.length > 65_535 ? 'Uint32Array' : 'Uint16Array'}.of(${shapeOf.join(', ')})` }],
  });
  // One `case` per list of names; past PARAM_SHAPES_PER_FUNCTION lists (thousands of routes), one
  // function per chunk of cases behind a `switch` on the chunk, so each stays small enough for V8
  // to optimize (a single switch of 2,500 cases ran unoptimized: measured on the 10,000-route table).
  const writeCases = (w: CodeBlockWriter, from: number, to: number) => {
    w.write('switch (k)').block(() => {
      shapes.slice(from, to).forEach(({ names, candidates: list }, j) => {
        const example = candidates[list[0]!]!;
        w.writeLine(`case ${from + j}: // ${safeComment(example.route.endpoint.method)} ${safeComment(example.alternative.text)}${list.length > 1 ? ` and ${list.length - 1} more` : ''}`);
        const fields = names.map((name, f) => `${name === '__proto__' ? `[${stringLiteral(name)}]` : stringLiteral(name)}: param(p, ${f})`);
        w.indent().write(`return { ${fields.join(', ')} };`).newLine();
      });
      w.writeLine('default:').indent().write('return {};').newLine();
    });
  };
  const chunks = Math.ceil(shapes.length / PARAM_SHAPES_PER_FUNCTION);
  const paramsParameters = [
    { name: 'k', type: 'number' },
    { name: 'p', type: 'string' },
  ];
  // One call per parameter rather than `p.slice(B[2k], B[2k + 1])` written out: V8 inlines it (no
  // change measured), and the object literals stay one short property each (the table's bytes).
  statements.push({
    kind: StructureKind.Function,
    name: 'param',
    docs: [{ description: 'Parameter `k` of the last match in `p`, from its boundaries in `B`.' }],
    parameters: [
      { name: 'p', type: 'string' },
      { name: 'k', type: 'number' },
    ],
    returnType: 'string',
    statements: ['return p.slice(B[2 * k]!, B[2 * k + 1]!);'],
  });
  statements.push({
    kind: StructureKind.Function,
    name: 'paramsOf',
    docs: [{ description: 'The parameters of candidate `i`, raw (still percent-encoded), from the boundaries the walk left in `B`.' }],
    parameters: [
      { name: 'i', type: 'number' },
      { name: 'p', type: 'string' },
    ],
    returnType: 'Record<string, string>',
    statements: (w) => {
      w.writeLine('const k = paramShapes[i]!;');
      if (chunks <= 1) return writeCases(w, 0, shapes.length);
      w.write(`switch (Math.floor(k / ${PARAM_SHAPES_PER_FUNCTION}))`).block(() => {
        for (let c = 0; c < chunks; c++) w.writeLine(`case ${c}: return paramsOf_${c}(k, p);`);
        w.writeLine('default: return {};');
      });
    },
  });
  for (let c = 0; chunks > 1 && c < chunks; c++) {
    statements.push({
      kind: StructureKind.Function,
      name: `paramsOf_${c}`,
      docs: [{ description: `\`paramsOf\` for the lists of names ${c * PARAM_SHAPES_PER_FUNCTION} to ${Math.min(shapes.length, (c + 1) * PARAM_SHAPES_PER_FUNCTION) - 1}.` }],
      parameters: paramsParameters,
      returnType: 'Record<string, string>',
      statements: (w) => writeCases(w, c * PARAM_SHAPES_PER_FUNCTION, (c + 1) * PARAM_SHAPES_PER_FUNCTION),
    });
  }

  statements.push({
    kind: StructureKind.Function,
    name: 'lookup',
    docs: [{ description: 'The candidate for a method and a path (canonical or raw), -1 when none matches, -2 when the method is not accepted. `HEAD` tries `HEAD` routes, then `GET` routes.' }],
    parameters: [
      { name: 'method', type: 'string' },
      { name: 'p', type: 'string' },
    ],
    returnType: 'number',
    statements: (w) => {
      w.write('switch (method)').block(() => {
        for (const method of HTTP_METHODS) {
          const own = methodsWithRoutes.has(method);
          const viaGet = method === 'HEAD' && methodsWithRoutes.has('GET');
          w.writeLine(`case ${stringLiteral(method)}:`);
          w.indent(() => {
            // Both tries through one runtime call: what the miss check learns must cover both walks.
            if (own && viaGet) w.writeLine(`return walkRouteTries(${trieName(method)}, ${trieName('GET')}, p, B, V);`);
            else if (own) w.writeLine(`return ${matcherName(method)};`);
            else if (viaGet) w.writeLine(`return ${matcherName('GET')};`);
            else w.writeLine('return -1;');
          });
        }
        w.writeLine('default:').indent().write('return -2;').newLine();
      });
    },
  });
  statements.push({
    kind: StructureKind.Function,
    name: 'spansCanonical',
    docs: [{ description: 'Whether what the parameters of candidate `i` took (boundaries in `B`) is canonical, so a match on the raw path stands.' }],
    parameters: [
      { name: 'p', type: 'string' },
      { name: 'i', type: 'number' },
    ],
    returnType: 'boolean',
    statements: ['return areSpansCanonical(p, B, V, paramCounts[i]!);'],
  });
  statements.push({
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Let,
    docs: [{ description: 'The canonical path of the last `candidateFor` call (scratch, like `B`): the path itself unless it had to be canonicalized.' }],
    declarations: [{ name: 'lastPath', type: 'string', initializer: "''" }],
  });
  statements.push({
    kind: StructureKind.Function,
    name: 'formatChecked',
    docs: [{ description: 'Candidate `i` of canonical path `p` (which ends in `n`), or -1 when Grape\'s `.json` format suffix gives the path another row (`formatSuffixAt`): GitLab also serves `x.json` by the route of `x`, and which one it picks the page does not say; when `p` as written reaches only the page\'s catch-all, the route of `x` (GitLab tries the catch-all last). Leaves the path answered in `lastPath` and its boundaries in `B`.' }],
    parameters: [
      { name: 'method', type: 'string' },
      { name: 'i', type: 'number' },
      { name: 'p', type: 'string' },
    ],
    returnType: 'number',
    statements: (w) => {
      w.writeLine('const cut = formatSuffixAt(p);');
      w.writeLine('if (cut === -1) return i;');
      w.writeLine('if (cut === -2) return -1;');
      w.writeLine('const bare = p.slice(0, cut);');
      w.writeLine('const j = lookup(method, bare);');
      w.writeLine('const other = j >= 0 && CATCH_ALL_CANDIDATES.indexOf(j) < 0 && !(startsWithApiSegment(bare, API_PREFIX) && ROOTED_CANDIDATES.indexOf(j) < 0);');
      w.writeLine('const reading = formatSuffixReading(cut, candidateRoutes[i], other ? candidateRoutes[j] : undefined, CATCH_ALL_CANDIDATES.indexOf(i) >= 0);');
      w.writeLine('if (reading < 0) return -1;');
      w.writeLine('if (reading === 1) {');
      w.writeLine("  // The bare path's route serves it; `B` holds that match's boundaries.");
      w.writeLine('  lastPath = bare;');
      w.writeLine('  return j;');
      w.writeLine('}');
      w.writeLine('// One row either way: the path\'s own match again, for its parameters (`B`).');
      w.writeLine('lookup(method, p);');
      w.writeLine('lastPath = p;');
      w.writeLine('return i;');
    },
  });
  statements.push({
    kind: StructureKind.Function,
    name: 'candidateFor',
    docs: [{ description: 'The candidate a request is for, or -1 (deny); leaves the canonical path in `lastPath` and the parameter boundaries in `B`. A path ending in `n` may end in `.json`: `formatChecked` reads it a second way. Its callers catch whatever it might throw (nothing is expected to).' }],
    parameters: [
      { name: 'method', type: 'string' },
      { name: 'path', type: 'string' },
    ],
    returnType: 'number',
    statements: (w) => {
      w.writeLine(`if (typeof method !== 'string' || typeof path !== 'string') return -1;`);
      w.writeLine('// `/api/v4/…` as sent: the rest is the path (a prefix that canonicalization reveals is removed on the slow path).');
      w.writeLine('const q = path.charCodeAt(1) === API_PREFIX.charCodeAt(1) && path.startsWith(API_PREFIX) && path.charCodeAt(API_PREFIX.length) === 47 ? path.slice(API_PREFIX.length) : path;');
      w.writeLine('// Try the raw path first; canonicalize only when that does not settle it (see isCanonicalSpan).');
      w.writeLine('const plain = path.length <= MAX_PATH_LENGTH && q.charCodeAt(0) === 47 && !startsWithApiSegment(q, API_PREFIX);');
      w.writeLine('let i = plain ? lookup(method, q) : -1;');
      w.writeLine('if (i === -2) return -1;');
      w.writeLine('// A match on the raw path whose parameters took canonical text: the path is canonical (and not under `/api…`, so no rooted check).');
      w.write('if (i >= 0 && spansCanonical(q, i))').block(() => {
        w.writeLine('lastPath = q;');
        w.writeLine('return q.charCodeAt(q.length - 1) === 110 ? formatChecked(method, i, q) : i;');
      });
      w.writeLine('// No route on a path canonicalization would not change (or would deny): a final miss.');
      w.writeLine('if (i === -1 && plain && !mayCanonicalizationChange(q)) return -1;');
      w.writeLine('const c = apiRelativePath(canonicalizePath(path), API_PREFIX);');
      w.writeLine('if (c === undefined) return -1;');
      w.writeLine('// When canonicalization leaves the raw path as it is, the raw answer stands.');
      w.writeLine('if (c !== q || !plain) i = lookup(method, c);');
      w.writeLine('if (i < 0) return -1;');
      w.writeLine('// A path outside the API root (`/api/v3/…`) only for a route rooted there.');
      w.writeLine('if (startsWithApiSegment(c, API_PREFIX) && ROOTED_CANDIDATES.indexOf(i) < 0) return -1;');
      w.writeLine('lastPath = c;');
      w.writeLine('return c.charCodeAt(c.length - 1) === 110 ? formatChecked(method, i, c) : i;');
    },
  });
  const runtimeImports = [...RUNTIME_IMPORTS, ...(methodsWithRoutes.has('HEAD') && methodsWithRoutes.has('GET') ? ['walkRouteTries'] : [])];
  return { statements, runtimeImports: runtimeImports.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
}



/** What a table's public types share, named from its prefix (`JobToken` → `JobTokenRouteMatch`). */
export interface RouteTypesSpec<R extends RouteRow> {
  prefix: string;
  table: PreparedRouteTable<R>;
  /** The API root the table's paths are relative to (`/api/v4`), for the docs. */
  apiPrefix: string;
  /** Every route name (`METHOD /path`), in the page's order: the `…Route` union. */
  routeNames: readonly string[];
  /** Doc of the `…Route` union. */
  routeDoc: string;
  /** The keys `…RouteMatch` ranges over (`…Route`, or `keyof …RouteParams` when some routes have no parameters entry). */
  matchKeys: string;
  /** The table's own types (its row interface, …), emitted after the `…Route` union. */
  ownTypes: StatementStructures[];
  /** The table's own properties of a match, after `params`. */
  matchProperties: OptionalKind<PropertySignatureStructure>[];
}

/**
 * `…RequestMethod`, `…Route`, the table's own types, `…RouteParams` (per route, from its first
 * compiled row's alternatives), `…RouteMatch` (one member per route) and `…RouteMatchFor<R>`.
 */
export function routeTypeStatements<R extends RouteRow>(spec: RouteTypesSpec<R>): StatementStructures[] {
  const { prefix } = spec;
  const alternativesOf = new Map<string, PreparedRoute<R>['alternatives']>();
  for (const r of spec.table.routes) if (r.alternatives.length > 0 && !alternativesOf.has(r.endpoint.text)) alternativesOf.set(r.endpoint.text, r.alternatives);
  return [
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: `${prefix}RequestMethod`,
      docs: [{ description: 'The request methods the matcher accepts (upper case, as sent). `HEAD` also matches `GET` routes; any other token is denied.' }],
      type: HTTP_METHODS.map((m) => stringLiteral(m)).join(' | '),
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: `${prefix}Route`,
      docs: [{ description: spec.routeDoc }],
      type: (w) => {
        w.newLine();
        w.indent(() => {
          for (const name of spec.routeNames) w.writeLine(`| ${stringLiteral(name)}`);
        });
      },
    },
    ...spec.ownTypes,
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: `${prefix}RouteParams`,
      docs: [{ description: 'The parameters of each route, named as its path pattern names them; optional where an optional group may leave one out. Values are raw (still percent-encoded).' }],
      properties: spec.routeNames
        .filter((name) => alternativesOf.has(name))
        .map((name) => ({ name: stringLiteral(name), isReadonly: true, type: routeParamsType(alternativesOf.get(name)!.map((a) => a.segments)) })),
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: `${prefix}RouteMatch`,
      docs: [{ description: 'The route a request is for, and what it needs: one member per route, so narrowing on `route` types `params`.' }],
      type: `{ readonly [R in ${spec.matchKeys}]: ${prefix}RouteMatchFor<R> }[${spec.matchKeys}]`,
    },
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: `${prefix}RouteMatchFor`,
      typeParameters: [{ name: 'R', constraint: spec.matchKeys }],
      docs: [{ description: 'A match of route `R`.' }],
      properties: [
        { name: 'method', isReadonly: true, type: `${prefix}RequestMethod`, docs: ['The request\'s method (`HEAD` for a `HEAD` request answered by a `GET` route).'] },
        { name: 'route', isReadonly: true, type: 'R', docs: ['The documented route that matched (the most specific one).'] },
        { name: 'canonicalPath', isReadonly: true, type: 'string', docs: [`The path the route was matched against, relative to \`${spec.apiPrefix}\`: query and fragment dropped, dot segments resolved, unreserved escapes decoded.`] },
        { name: 'params', isReadonly: true, type: `Readonly<${prefix}RouteParams[R]> & Readonly<Record<string, string>>`, docs: [`Parameter values, raw and still percent-encoded (\`group%2Fproject\`). A splat may contain \`/\`. The route's own names are typed (\`${prefix}RouteParams\`); any other key reads as \`string | undefined\`. A plain object (a null-prototype one cost ~100 ns per match): a name the route does not have is inherited from \`Object.prototype\` when someone set it there, so test a name the route may lack with \`Object.hasOwn(params, name)\`.`] },
        ...spec.matchProperties,
      ],
    },
  ];
}

/**
 * `export const rowsName: readonly infoType[] = <initializer>`: the table as data (a table parsed
 * from JSON at load: `json-data.ts`).
 */
export function routeRowsStatement(rowsName: string, infoType: string, docs: OptionalKind<JSDocStructure>[], initializer: string): StatementStructures {
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs,
    declarations: [{ name: rowsName, type: `readonly ${infoType}[]`, initializer }],
  };
}

/** `try { …body } catch { return fallback; }`: the public lookups never throw. */
export function guarded(body: readonly string[], fallback: string): (w: CodeBlockWriter) => void {
  return (w) => {
    w.write('try ').inlineBlock(() => body.forEach((line) => w.writeLine(line)));
    w.write(' catch ').block(() => void w.writeLine(`return ${fallback};`));
  };
}

/** `name(method, path)`: the row a request is for, from `rowsName`, or `undefined` (deny); no allocation. */
export function routeForFunction(name: string, rowsName: string, infoType: string, docs: OptionalKind<JSDocStructure>[]): StatementStructures {
  return {
    kind: StructureKind.Function,
    isExported: true,
    name,
    docs,
    parameters: [
      { name: 'method', type: 'string' },
      { name: 'path', type: 'string' },
    ],
    returnType: `${infoType} | undefined`,
    statements: guarded(['const i = candidateFor(method, path);', `return i < 0 ? undefined : ${rowsName}[candidateRoutes[i]!];`], 'undefined'),
  };
}

/** `name(method, path)`: the match of the row (`rowVar`, from `rowsName`) a request is for, built by the table's `returns` lines, or `undefined` (deny). */
export function matchRouteFunction(name: string, matchType: string, docs: OptionalKind<JSDocStructure>[], rowsName: string, rowVar: string, returns: readonly string[]): StatementStructures {
  return {
    kind: StructureKind.Function,
    isExported: true,
    name,
    docs,
    parameters: [
      { name: 'method', type: 'string' },
      { name: 'path', type: 'string' },
    ],
    returnType: `${matchType} | undefined`,
    statements: guarded(['const i = candidateFor(method, path);', 'if (i < 0) return undefined;', 'const canonical = lastPath;', `const ${rowVar} = ${rowsName}[candidateRoutes[i]!]!;`, ...returns], 'undefined'),
  };
}

/** How a table's `is…RequestAllowed(granted, method, path)` finds the row and which rows it can allow. */
export interface RequestAllowedSpec {
  name: string;
  docs: OptionalKind<JSDocStructure>[];
  /** Lines that set `rowVar` to the row and return early unless every one of its (non-empty) `permissions` is what decides. */
  find: readonly string[];
  rowVar: string;
  /** The type of one permission of a row (for `indexOf`). */
  permissionType: string;
  /** The most permissions a row of the table needs: up to 30, the ones seen are tracked as bits (no allocation). */
  mostPermissions: number;
}

/** True when `granted` (any iterable, read up to `MAX_GRANTED_ITEMS` items; anything else is `false`) holds every permission of the row `find` found. Never throws, never hangs. */
export function requestAllowedFunction(spec: RequestAllowedSpec): StatementStructures {
  const row = spec.rowVar;
  return {
    kind: StructureKind.Function,
    isExported: true,
    name: spec.name,
    docs: spec.docs,
    parameters: [
      { name: 'granted', type: 'Iterable<string>' },
      { name: 'method', type: 'string' },
      { name: 'path', type: 'string' },
    ],
    returnType: 'boolean',
    statements: (w) => {
      for (const line of spec.find) w.writeLine(line);
      w.write('try ').inlineBlock(() => {
        w.writeLine(`if (granted === null || typeof granted !== 'object' || typeof (granted as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') return false;`);
        const bitset = spec.mostPermissions <= 30;
        if (bitset) {
          w.writeLine(`let missing = ${row}.permissions.length;`);
          w.writeLine('// Which of the row\'s permissions were seen, as bits: no allocation (rows need at most 30).');
          w.writeLine('let seen = 0;');
        } else {
          // A typed array: an index someone set on `Array.prototype` cannot read as already seen.
          w.writeLine(`const seen = new Uint8Array(${row}.permissions.length);`);
          w.writeLine(`let missing = ${row}.permissions.length;`);
        }
        // An endless (or absurdly long) iterable is denied rather than read forever.
        w.writeLine('let budget = MAX_GRANTED_ITEMS;');
        w.write('for (const g of granted)').block(() => {
          w.writeLine('if (--budget < 0) return false;');
          w.writeLine(`const k = ${row}.permissions.indexOf(g as ${spec.permissionType});`);
          w.write(bitset ? 'if (k >= 0 && (seen & (1 << k)) === 0)' : 'if (k >= 0 && !seen[k])').block(() => {
            w.writeLine(bitset ? 'seen |= 1 << k;' : 'seen[k] = 1;');
            w.writeLine('if (--missing === 0) return true;');
          });
        });
        w.writeLine('return false;');
      });
      w.write(' catch ').block(() => void w.writeLine('return false;'));
    },
  };
}
