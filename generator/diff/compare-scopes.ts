import type { BuildkiteEnumModel, ForgejoCategory, ForgejoScopesModel, GitlabTokenScopesModel } from '../model/catalog.ts';
import type { Change } from './change.ts';
import { sameSet } from '../model/sets.ts';
import { judge, missing } from './impact.ts';
import { Reporter } from '../diagnostics/reporter.ts';
import { CLASSIC_SCOPE_READINGS, checkClassicScopeRules, type ClassicScopeReading } from '../least-privilege/classic-scope-rules.ts';

/**
 * GitLab token scopes. A scope added can be given to a token and grants something (widened); one
 * removed cannot (narrowed). Availability is a set of token types (`Personal, group, project`
 * reordered is no change): a token type gaining the scope widens, one losing it narrows; both at
 * once is widened, the note saying which type lost it.
 */
export function compareGitlabScopes(source: string, before: GitlabTokenScopesModel, after: GitlabTokenScopesModel): Change[] {
  const changes: Change[] = [];
  const old = new Map(before.scopes.map((s) => [s.name, s]));
  const now = new Map(after.scopes.map((s) => [s.name, s]));
  for (const [name, s] of now) {
    const o = old.get(name);
    if (!o) changes.push({ source, type: 'scope-added', impact: 'widened', subject: name, after: s.availability.join(', '), note: `a new scope, available to ${s.availability.join(', ') || 'no token type'}`, position: s.position });
    else if (!sameSet(o.availability, s.availability)) {
      const added = missing(s.availability, o.availability);
      const removed = missing(o.availability, s.availability);
      const { impact, note } = judge(added.length ? [`now available to ${added.join(', ')} tokens`] : [], removed.length ? [`no longer available to ${removed.join(', ')} tokens`] : []);
      changes.push({ source, type: 'scope-availability', impact, subject: name, before: o.availability.join(', '), after: s.availability.join(', '), note, position: s.position });
    }
  }
  for (const [name, o] of old) if (!now.has(name)) changes.push({ source, type: 'scope-removed', impact: 'narrowed', subject: name, before: o.availability.join(', '), note: 'no token can hold this scope any more', position: o.position });
  changes.push(...compareClassicReadings(source, before, after));
  return changes;
}

/**
 * What the package's classic-scope answers rest on: the reviewed readings of the page's prose
 * (`CLASSIC_SCOPE_READINGS`) that each side's words support (`checkClassicScopeRules`, as generate
 * keeps them). A reading the new page supports and the old did not lets its scope through more
 * requests (widened: "Also grants access to read-only API endpoints under /users" added to
 * read_user, a footnote marker added to api's row); one lost narrows. The page's words changing
 * without changing the readings is no change here (a diff of the scope's text is not one of access).
 */
function compareClassicReadings(source: string, before: GitlabTokenScopesModel, after: GitlabTokenScopesModel): Change[] {
  const supported = (m: GitlabTokenScopesModel) => new Set(checkClassicScopeRules(m, new Reporter()));
  const old = supported(before);
  const now = supported(after);
  const grants = (r: ClassicScopeReading) =>
    `${r.grants.kind === 'rest' ? `${r.grants.methods.join(', ')} ${r.grants.paths.join(', ')}` : r.grants.operations.join(', ')} (${r.tokenTypes.join(', ')} tokens${r.alsoRequires.length > 0 ? `, with ${r.alsoRequires.join(', ')}` : ''})`;
  const at = (m: GitlabTokenScopesModel, r: ClassicScopeReading) => ({ file: m.source.file, line: r.line, column: 1 });
  const changes: Change[] = [];
  for (const r of CLASSIC_SCOPE_READINGS) {
    if (now.has(r) && !old.has(r)) changes.push({ source, type: 'classic-reading-gained', impact: 'widened', subject: `${r.scope}: "${r.quote}"`, after: grants(r), note: `the page now says this at line ${r.line}: classic ${r.scope} tokens are answered for ${grants(r)}`, position: at(after, r) });
    else if (old.has(r) && !now.has(r)) changes.push({ source, type: 'classic-reading-lost', impact: 'narrowed', subject: `${r.scope}: "${r.quote}"`, before: grants(r), note: `the page no longer says this at line ${r.line}: classic ${r.scope} tokens are no longer answered for ${grants(r)}`, position: at(before, r) });
  }
  return changes;
}

/**
 * Forgejo. What a scope lets through is its category's routes (minus the excepted ones) at its
 * level's methods, so each is compared as a set: a method added to a level, a route prefix added, an
 * exception dropped, a scope or a category with scopes added widen; the reverse narrows. The
 * `(no scope)` row is prose permgen does not interpret: any change to it is widened, for review.
 */
export function compareForgejo(source: string, before: ForgejoScopesModel, after: ForgejoScopesModel): Change[] {
  const changes: Change[] = [];

  const levels = (m: ForgejoScopesModel) => new Map(m.levels.map((l) => [l.level, l]));
  const oldLevels = levels(before);
  const newLevels = levels(after);
  for (const [level, l] of newLevels) {
    const o = oldLevels.get(level);
    if (!o) changes.push({ source, type: 'level-added', impact: 'widened', subject: level, after: l.methods.join(', '), note: `${level} scopes now allow ${l.methods.join(', ')}`, position: l.position });
    else if (!sameSet(o.methods, l.methods)) {
      const added = missing(l.methods, o.methods);
      const removed = missing(o.methods, l.methods);
      const { impact, note } = judge(added.length ? [`${level} scopes now allow ${added.join(', ')}`] : [], removed.length ? [`${level} scopes no longer allow ${removed.join(', ')}`] : []);
      changes.push({ source, type: 'level-methods', impact, subject: level, before: o.methods.join(', '), after: l.methods.join(', '), note, position: l.position });
    }
  }
  for (const [level, o] of oldLevels)
    if (!newLevels.has(level)) changes.push({ source, type: 'level-removed', impact: 'narrowed', subject: level, before: o.methods.join(', '), note: `the page no longer says what ${level} scopes allow`, position: o.position });

  const a = before.noScope;
  const b = after.noScope;
  if (a?.description !== b?.description) {
    const position = (b ?? a)!.position;
    changes.push({ source, type: 'no-scope', impact: 'widened', subject: '(no scope)', ...(a ? { before: a.description } : {}), ...(b ? { after: b.description } : {}), note: 'what a token without a scope may do changed; permgen does not read this text: review it', position });
  }

  const cats = (m: ForgejoScopesModel) => new Map(m.categories.map((c) => [c.name, c]));
  const oldCats = cats(before);
  const newCats = cats(after);
  for (const [name, c] of newCats) {
    const o = oldCats.get(name);
    if (!o) {
      changes.push({ source, type: 'category-added', impact: c.scopes.length ? 'widened' : 'neutral', subject: name, after: describeCategory(c), ...(c.scopes.length ? { note: `new scopes ${c.scopes.map((s) => s.name).join(', ')}` } : {}), position: c.position });
      continue;
    }
    if (!sameSet(o.routes, c.routes) || !sameSet(o.except, c.except)) {
      const routesAdded = missing(c.routes, o.routes);
      const routesRemoved = missing(o.routes, c.routes);
      const exceptAdded = missing(c.except, o.except);
      const exceptRemoved = missing(o.except, c.except);
      const wider = [...(routesAdded.length ? [`routes ${routesAdded.join(', ')} added`] : []), ...(exceptRemoved.length ? [`${exceptRemoved.join(', ')} no longer excepted`] : [])];
      const narrower = [...(routesRemoved.length ? [`routes ${routesRemoved.join(', ')} removed`] : []), ...(exceptAdded.length ? [`${exceptAdded.join(', ')} now excepted`] : [])];
      const { impact, note } = judge(wider, narrower);
      changes.push({ source, type: 'scope-routes', impact, subject: name, before: describeRoutes(o.routes, o.except), after: describeRoutes(c.routes, c.except), note, position: c.position });
    }
    const oldScopes = new Map(o.scopes.map((s) => [s.name, s]));
    const newScopes = new Map(c.scopes.map((s) => [s.name, s]));
    for (const [scope, s] of newScopes) if (!oldScopes.has(scope)) changes.push({ source, type: 'scope-added', impact: 'widened', subject: scope, after: describeRoutes(c.routes, c.except), note: `a new scope of category ${name}`, position: s.position });
    for (const [scope, s] of oldScopes) if (!newScopes.has(scope)) changes.push({ source, type: 'scope-removed', impact: 'narrowed', subject: scope, before: describeRoutes(o.routes, o.except), note: `no token can hold this scope of category ${name} any more`, position: s.position });
  }
  for (const [name, o] of oldCats)
    if (!newCats.has(name))
      changes.push({ source, type: 'category-removed', impact: o.scopes.length ? 'narrowed' : 'neutral', subject: name, before: describeCategory(o), ...(o.scopes.length ? { note: `scopes ${o.scopes.map((s) => s.name).join(', ')} removed` } : {}), position: o.position });
  return changes;
}

function describeCategory(c: ForgejoCategory): string {
  return `${c.scopes.map((s) => s.name).join(', ') || '(no scopes)'} on ${describeRoutes(c.routes, c.except)}`;
}

function describeRoutes(routes: string[], except: string[]): string {
  return `${routes.join(', ') || '(none stated)'}${except.length ? ` except ${except.join(', ')}` : ''}`;
}

/** Buildkite enum values: a value added is a scope a token can hold (widened); one removed narrows. */
export function compareBuildkite(source: string, before: BuildkiteEnumModel, after: BuildkiteEnumModel): Change[] {
  const old = new Set(before.values.map((v) => v.name));
  const now = new Set(after.values.map((v) => v.name));
  return [
    ...after.values.filter((v) => !old.has(v.name)).map((v): Change => ({ source, type: 'enum-value-added', impact: 'widened', subject: `${after.name}.${v.name}`, note: 'a new scope a token can hold', position: v.position })),
    ...before.values.filter((v) => !now.has(v.name)).map((v): Change => ({ source, type: 'enum-value-removed', impact: 'narrowed', subject: `${before.name}.${v.name}`, note: 'no token can hold this scope any more', position: v.position })),
  ];
}
