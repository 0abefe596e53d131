/**
 * `permgen match forgejo <METHOD> <path>`: the scope a Forgejo request needs, the rule that decided it
 * and the other rules that cover the path, with the same rules and the same matching code as the
 * generated `forgejo/routes.ts` (the runtime in `emit/runtime/forgejo-route-match.ts`).
 */
import type { CommandIo } from '../command.ts';
import type { ForgejoScopesModel } from '../../model/catalog.ts';
import { formatPosition } from '../../model/position.ts';
import { Reporter } from '../../diagnostics/reporter.ts';
import { interpretForgejoRoutes, type ForgejoRouteRule } from '../../model/forgejo-route-rules.ts';
import { explainForgejoPath, ruleCoverage, type ForgejoPathDenial } from '../../emit/runtime/forgejo-route-match.ts';
import { MAX_PATH_LENGTH } from '../../emit/runtime/route-path.ts';

/** Why a path is denied before any route is looked at (`permgen match`, both pages). */
export const NOT_CANONICAL = `the path cannot be canonicalized safely (it must start with \`/\`, be at most ${MAX_PATH_LENGTH} characters before \`?\`, use only URL path characters with valid \`%\` escapes and no encoded controls, and not go above the root with \`..\`)`;

/** Exit status as `permgen match`: 0 a scope is needed (the request can be allowed), 1 denied. */
export function matchForgejo(model: ForgejoScopesModel, method: string, requestPath: string, json: boolean, io: CommandIo): number {
  const table = interpretForgejoRoutes(model, new Reporter());
  const methodLevel = table.methods.find((m) => m.method === method);
  const path = explainForgejoPath(table.rules, requestPath);
  const winner = 'reason' in path ? undefined : table.rules[path.rule];
  const scope = winner && methodLevel ? winner.scopes[methodLevel.level] : undefined;
  const apiPath = 'apiPath' in path ? path.apiPath : undefined;
  const denial = !methodLevel
    ? `\`${method}\` is not a method the page's level list covers (${table.methods.map((m) => m.method).join(', ')}; upper case)`
    : 'reason' in path
      ? denialText(path, table.rules)
      : !scope
        ? `category \`${winner!.category}\` has no \`${methodLevel.level}:\` scope on the page`
        : undefined;
  const others = apiPath === undefined ? [] : table.rules.flatMap((r) => {
    const coverage = ruleCoverage(r, apiPath);
    return r === winner || coverage === 'no' ? [] : [{ rule: r, coverage }];
  });

  if (json) {
    const answer = {
      table: 'forgejo',
      method,
      path: requestPath,
      apiPath: apiPath ?? null,
      denied: denial ?? null,
      requirement:
        denial || !winner || !methodLevel
          ? null
          : { scope, category: winner.category, level: methodLevel.level, ...ruleJson(winner), levelSource: formatPosition(methodLevel.position), levelInterpretation: methodLevel.interpretation ?? null },
      alsoCovering: others.map((o) => ({ ...ruleJson(o.rule), excluded: o.coverage === 'excluded' })),
    };
    io.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
    return denial ? 1 : 0;
  }
  io.stdout.write(`${method} ${requestPath}\n`);
  if (apiPath !== undefined && apiPath !== requestPath) io.stdout.write(`  api path:    ${apiPath} (canonical, relative to /api/v1)\n`);
  if (denial || !winner || !methodLevel) {
    io.stdout.write(`  denied:      ${denial}\n`);
  } else {
    // `write:X` satisfies `read:X`: the page's write level allows GET too (hasForgejoScope).
    const alsoBy = methodLevel.level === 'read' ? winner.scopes.write : undefined;
    io.stdout.write(`  scope:       ${scope}${alsoBy ? ` (or ${alsoBy})` : ''}\n`);
    io.stdout.write(`  rule:        ${winner.rule} → ${winner.interpretation} (${winner.category}, ${formatPosition(winner.position)})\n`);
    if (winner.basis === 'description') io.stdout.write('               the page names no route for this category: interpretation beyond the page, read from its description\n');
    io.stdout.write(`  why:         ${winner.why}\n`);
    io.stdout.write(`  level:       ${methodLevel.level} for ${method} (${formatPosition(methodLevel.position)})${methodLevel.interpretation ? `; ${methodLevel.interpretation}` : ''}\n`);
  }
  for (const o of others) {
    io.stdout.write(`    - ${o.rule.rule} → ${o.rule.interpretation} (${o.rule.category}): ${o.coverage === 'excluded' ? `excluded by the page (except ${o.rule.except.join(', ')})` : winner ? 'less specific' : 'covers the path as sent, but the request is denied'}\n`);
  }
  return denial ? 1 : 0;
}

function denialText(path: ForgejoPathDenial, rules: readonly ForgejoRouteRule[]): string {
  switch (path.reason) {
    case 'not-canonical':
      return NOT_CANONICAL;
    case 'leaves-api-base':
      return `the path starts with /api/v1 but leaves it through \`..\` (canonical: ${path.canonicalPath})`;
    case 'dot-segment':
      return 'the path has a `.` or `..` segment: Forgejo routes the path as sent, without resolving them, so it is not judged';
    case 'no-rule':
      return 'no rule covers the path: the page names no route prefix for it';
    case 'encoded-slash-ambiguous': {
      const name = (i: number) => (i < 0 ? 'no rule' : `${rules[i]!.interpretation} (${rules[i]!.category})`);
      return `the path has %2F, and decoding it changes the rule: ${name(path.rule)} as sent, ${name(path.decodedRule)} as ${path.decodedPath ?? 'a path that cannot be canonicalized'}`;
    }
  }
}

function ruleJson(r: ForgejoRouteRule) {
  return { rule: r.rule, interpretation: r.interpretation, basis: r.basis, why: r.why, source: formatPosition(r.position) };
}
