import path from 'node:path';
import type { Command } from '../command.ts';
import { parse } from '../args.ts';
import { buildCatalog } from '../../build-catalog.ts';
import type { ForgejoScopesModel } from '../../model/catalog.ts';
import { HTTP_METHODS } from '../../model/http-methods.ts';
import { formatPosition } from '../../model/position.ts';
import { interpretRoute, prepareRouteTable, type InterpretedMatch, type RouteRow } from '../../model/route-table.ts';
import { ROUTE_TABLES, routeTablesIn, type RouteTableKind } from '../../model/route-tables.ts';
import { explainOrder } from '../../model/route-alternatives.ts';
import { matchForgejo, NOT_CANONICAL } from './match-forgejo.ts';

/** Route tables `permgen match` knows, by the name given on the command line. */
const TABLES: readonly string[] = [...ROUTE_TABLES.map((t) => t.name), 'forgejo'];

const HELP = `Usage: permgen match <table> <METHOD> <path> [--json] [--root DIR]

Answers which documented route a request is for, the permissions it needs and why that route was
chosen, with the same rules as the generated matcher (README, "Route matching").
  <table>      ${TABLES.join(', ')}
  <METHOD>     an upper-case HTTP method (HEAD also matches GET routes)
  <path>       the raw request path, still percent-encoded; a query or fragment is ignored
  --json       print the answer as JSON
  --root DIR   project root (default: current folder)

In a script, put the request after \`--\` (permgen match gitlab-rest "$method" -- "$path"): a method or
path that starts with \`-\` is then read as one; \`--help\` with other arguments is a usage error (2).

Exit status: 0 when a route matches (also a \`None\` route, which fine-grained permissions do not
control), 1 when the request is denied (no route, a route the page says is unavailable to these
tokens, or a path that cannot be canonicalized), 2 on usage errors.
`;

export const matchCommand: Command = {
  async run(args, io) {
    const parsed = parse(args, { json: { type: 'boolean' }, root: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
    if (parsed.ok && parsed.values.help) {
      io.stdout.write(HELP);
      return 0;
    }
    if (!parsed.ok || parsed.positionals.length !== 3) {
      io.stderr.write(`permgen match: ${parsed.ok ? 'expected <table> <METHOD> <path>' : parsed.error}\n\n${HELP}`);
      return 2;
    }
    const [tableName, method, requestPath] = parsed.positionals as [string, string, string];
    if (!TABLES.includes(tableName)) {
      io.stderr.write(`permgen match: unknown table \`${tableName}\`; known: ${TABLES.join(', ')}\n`);
      return 2;
    }
    const root = path.resolve(io.cwd, parsed.values.root ?? '.');
    const built = await buildCatalog({ root });
    if (tableName === 'forgejo') {
      // Forgejo: the scope a request needs (forgejo/routes.ts); see match-forgejo.ts.
      const forgejo = built.catalog.sources.find((s): s is ForgejoScopesModel => s.kind === 'forgejo-scopes');
      if (forgejo) return matchForgejo(forgejo, method, requestPath, parsed.values.json === true, io);
      io.stderr.write('permgen match: no Forgejo scope page was read (see `permgen generate` for the diagnostics).\n');
      return 1;
    }
    const kind = ROUTE_TABLES.find((t) => t.name === tableName)!;
    const found = routeTablesIn(built.catalog).find((t) => t.kind === kind);
    if (!found) {
      io.stderr.write(`permgen match: ${kind.missing} (see \`permgen generate\` for the diagnostics).\n`);
      return 1;
    }
    const table = prepareRouteTable(found.rows);
    const result = interpretRoute(table, method, requestPath, kind.apiPrefix);
    const methodOk = (HTTP_METHODS as readonly string[]).includes(method);
    const winner = methodOk ? result.matches[0] : undefined;
    const denial = !methodOk
      ? `\`${method}\` is not an upper-case standard method (${HTTP_METHODS.join(', ')})`
      : result.canonicalPath === undefined
        ? NOT_CANONICAL
        : winner === undefined
          ? 'no documented route matches'
          : result.formatConflict
            ? result.formatConflict.match
              ? `GitLab's API also serves \`${result.canonicalPath}\` by the route of \`${result.formatConflict.bare}\` (Grape's \`.json\` format suffix): ${result.formatConflict.match.candidate.route.endpoint.text} (line ${result.formatConflict.match.candidate.route.endpoint.position.line}), another row than this path's; which one GitLab picks depends on the order of its routes, so the request is denied`
              : `the path ends in \`.json\` after an empty, \`.\` or \`..\` segment: no reading of it is safe`
            : undefined;
    // A route the page says these tokens cannot call (REST `unavailable` rows and the catch-all, the job-token page's
    // Unavailable section): it matched, and is shown, but the request is denied all the same (exit 1, `unavailable`).
    const unavailable = denial === undefined && winner !== undefined && kind.access(winner.candidate.route.endpoint).rank === 0 ? `the matching route is unavailable: ${kind.explain(winner.candidate.route.endpoint)}` : undefined;
    const reasons = result.matches.map((m, i) => ({
      match: m,
      won: i === 0,
      reason: i === 0 ? 'most specific' : explainOrder(winner!.candidate.alternative.segments, m.candidate.alternative.segments, 'equally specific; the row listed first on the page wins'),
    }));

    if (parsed.values.json) {
      const json = {
        table: tableName,
        method,
        path: requestPath,
        canonicalPath: result.canonicalPath ?? null,
        ...(result.formatSuffixOf !== undefined ? { answeredWithoutFormatSuffix: true } : {}),
        denied: denial ?? unavailable ?? null,
        match: winner ? { ...routeJson(kind, winner.candidate.route.endpoint), params: winner.params } : null,
        candidates: methodOk
          ? reasons.map((r) => ({ ...routeJson(kind, r.match.candidate.route.endpoint), alternative: r.match.candidate.alternative.text, searchedAs: r.match.method, won: r.won, reason: r.reason }))
          : [],
      };
      io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      return denial || unavailable ? 1 : 0;
    }
    io.stdout.write(`${method} ${requestPath}\n`);
    if (result.canonicalPath !== undefined && result.canonicalPath !== requestPath) io.stdout.write(`  canonical path: ${result.canonicalPath}\n`);
    if (denial || !winner) {
      io.stdout.write(`  denied: ${denial}\n`);
      return 1;
    }
    const e = winner.candidate.route.endpoint;
    io.stdout.write(`  route:       ${e.text}\n`);
    io.stdout.write(`  source:      ${formatPosition(e.position)}\n`);
    io.stdout.write(`  permissions: ${kind.explain(e)}\n`);
    const params = Object.entries(winner.params);
    if (params.length > 0) io.stdout.write(`  params:      ${params.map(([k, v]) => `${k}=${v}`).join(', ')} (raw, still encoded)\n`);
    if (result.formatSuffixOf !== undefined)
      io.stdout.write(`  format:      \`${result.formatSuffixOf}\` as written reaches only the page's catch-all, which GitLab tries after every route of its own: answered as \`${result.canonicalPath}\` (Grape's \`.json\` format suffix)\n`);
    io.stdout.write(`  why:         ${result.matches.length} candidate(s) matched${result.matches.length > 1 ? '; the most specific wins (literal over parameter over splat, segment by segment)' : ''}\n`);
    for (const r of reasons) io.stdout.write(`    ${r.won ? '*' : '-'} ${line(r.match)}${r.won ? '' : `: loses, ${r.reason}`}\n`);
    if (unavailable) {
      io.stdout.write(`  denied:      ${unavailable}\n`);
      return 1;
    }
    return 0;
  },
};

function line(m: InterpretedMatch): string {
  const e = m.candidate.route.endpoint;
  const alt = m.candidate.alternative.text !== e.path ? ` as \`${m.candidate.alternative.text}\`` : '';
  return `${e.text}${alt} (line ${e.position.line})`;
}

function routeJson(kind: RouteTableKind<any>, e: RouteRow) {
  return { route: e.text, ...kind.json(e), source: formatPosition(e.position) };
}
