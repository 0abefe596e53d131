/**
 * Forgejo scope page → route rules: which scope a request (method + path) needs.
 *
 * The page states route prefixes loosely (`issues/*`, `notification/*`, `activitypub`) and which
 * methods each level allows. Turning a prefix into the shape of Forgejo's real API is interpretation,
 * so every interpretation is data here, in three reviewable tables, each entry with the page line it
 * reads and why. `interpretForgejoRoutes` checks the tables against the page (every prefix the page
 * names is interpreted; no entry reads text the page no longer has) and returns the rules most
 * specific first, as `generator/emit/forgejo-routes.ts` emits them and `permgen match forgejo` uses
 * them. The notes (forgejo-routes.md) list the same decisions for reviewers.
 *
 * Shapes are relative to Forgejo's API base `/api/v1`: `/repos/{owner}/{repo}/issues/*` has literal
 * segments, `{name}` parameters (any one segment), and a trailing `/*` meaning "this path and every
 * path below it".
 */
import type { ForgejoCategory, ForgejoLevel, ForgejoScopesModel, HttpMethod } from './catalog.ts';
import type { SourcePosition } from './position.ts';
import type { Reporter } from '../diagnostics/reporter.ts';
import { HTTP_METHODS } from './http-methods.ts';
// The scope hierarchy `hasForgejoScope` is emitted from; the method levels must agree with it.
import { levelIncludes } from './forgejo-levels.ts';
import type { ForgejoRuleShape, ForgejoSegment, ForgejoShape } from '../emit/runtime/forgejo-route-match.ts';

/** An interpretation of a route prefix the page writes in a category row (`ForgejoCategory.routes`). */
export interface RouteInterpretation {
  category: string;
  /** The prefix exactly as the page writes it. */
  pageRoute: string;
  /** The real API shape it stands for, relative to `/api/v1`. */
  shape: string;
  why: string;
}

/** An interpretation of a prefix the page excludes from a category (`ForgejoCategory.except`). */
export interface ExceptInterpretation {
  category: string;
  pageExcept: string;
  shape: string;
  why: string;
}

/**
 * A route the page does not name as a route, read from the words of a row's description (the
 * `misc` category names no route prefix). Interpretation beyond the page: kept apart, flagged in the
 * emitted rules (`basis: 'description'`).
 */
export interface DescriptionInterpretation {
  category: string;
  /** Words that must appear in the description of the category's row or of one of its scope rows. */
  pageWords: string;
  shape: string;
  why: string;
}

/** A request method the page's level list does not name, answered as another method. */
export interface MethodInterpretation {
  method: HttpMethod;
  as: HttpMethod;
  why: string;
}

/**
 * Route prefixes the page writes (Name | Description rows, `… API routes:`), one entry per real API
 * shape. The page line is in each comment; the category row is also the `source` of the rule.
 */
export const ROUTE_INTERPRETATIONS: readonly RouteInterpretation[] = Object.freeze([
  // line 58: `activitypub` API routes.
  { category: 'activitypub', pageRoute: 'activitypub', shape: '/activitypub/*', why: 'The page writes the bare word; Forgejo serves its ActivityPub API under /api/v1/activitypub.' },
  // line 67: `/admin/*` API routes.
  { category: 'admin', pageRoute: '/admin/*', shape: '/admin/*', why: 'As written.' },
  // line 76: `issues/*`, `labels/*`, `milestones/*` API routes: relative to a repository in Forgejo's API.
  { category: 'issue', pageRoute: 'issues/*', shape: '/repos/{owner}/{repo}/issues/*', why: 'Issues live under a repository: /repos/{owner}/{repo}/issues and everything below it (comments, attachments, reactions, …).' },
  {
    category: 'issue',
    pageRoute: 'issues/*',
    shape: '/repos/issues/search',
    why: 'The one top-level issue route (search across repositories), and the path the repository row excludes (`except /repos/issues/*`, line 121). Other paths under /repos/issues/ are excluded from repository and not issue routes: denied.',
  },
  { category: 'issue', pageRoute: 'labels/*', shape: '/repos/{owner}/{repo}/labels/*', why: 'Repository labels. The top-level /label/templates is not a label route (see the misc table).' },
  { category: 'issue', pageRoute: 'milestones/*', shape: '/repos/{owner}/{repo}/milestones/*', why: 'Repository milestones.' },
  // line 94: `notification/*` API routes.
  { category: 'notification', pageRoute: 'notification/*', shape: '/notifications/*', why: 'Forgejo spells the route in the plural: /notifications, /notifications/new, /notifications/threads/{id}.' },
  {
    category: 'notification',
    pageRoute: 'notification/*',
    shape: '/repos/{owner}/{repo}/notifications/*',
    why: 'A repository\'s notifications (GET/PUT /repos/{owner}/{repo}/notifications). The page writes `notification/*` like `issues/*`, a prefix without a root, which Forgejo serves per repository too; the more specific shape wins over `/repos/*` (line 121). Forgejo\'s router asks for the notification category there.',
  },
  // line 103: `orgs/*` and `teams/*` API routes.
  { category: 'organization', pageRoute: 'orgs/*', shape: '/orgs/*', why: 'Top-level /orgs (list, create) and /orgs/{org}/… (members, teams, hooks, …).' },
  { category: 'organization', pageRoute: 'teams/*', shape: '/teams/*', why: 'Teams by id: /teams/{id}/…. A repository\'s /repos/{owner}/{repo}/teams stays under `/repos/*`.' },
  // line 112: `/packages/*` API routes.
  { category: 'package', pageRoute: '/packages/*', shape: '/packages/*', why: 'As written (Forgejo: /packages/{owner}/…).' },
  // line 121: `/repos/*` API routes except `/repos/issues/*`.
  { category: 'repository', pageRoute: '/repos/*', shape: '/repos/*', why: 'As written; the more specific issue shapes win over it.' },
  // line 130: `/user/*` and `/users/*` API routes.
  { category: 'user', pageRoute: '/user/*', shape: '/user/*', why: 'As written: the authenticated user (/user itself included).' },
  { category: 'user', pageRoute: '/users/*', shape: '/users/*', why: 'As written: other users (/users/search, /users/{username}/…).' },
]);

/** Prefixes the page excludes from a category. */
export const EXCEPT_INTERPRETATIONS: readonly ExceptInterpretation[] = Object.freeze([
  // line 121: `/repos/*` API routes except `/repos/issues/*`.
  { category: 'repository', pageExcept: '/repos/issues/*', shape: '/repos/issues/*', why: 'As written: the repository rule covers nothing under /repos/issues (/repos/issues itself included).' },
]);

/**
 * Interpretation beyond the page: the misc row (line 85) names no route prefix ("miscellaneous and
 * settings top-level API routes"). Only routes its own words point at are mapped; every other
 * top-level route (/version, /licenses, /signing-key.gpg, /nodeinfo, …) is denied.
 */
export const DESCRIPTION_INTERPRETATIONS: readonly DescriptionInterpretation[] = Object.freeze([
  // line 85: "miscellaneous and settings top-level API routes".
  { category: 'misc', pageWords: 'settings top-level API routes', shape: '/settings/*', why: 'The top-level settings routes (/settings/ui, /settings/api, /settings/attachment, /settings/repository).' },
  // line 88 (read:misc): "such as getting label and gitignore templates".
  { category: 'misc', pageWords: 'label and gitignore templates', shape: '/label/templates/*', why: 'Label templates (/label/templates, /label/templates/{name}).' },
  { category: 'misc', pageWords: 'label and gitignore templates', shape: '/gitignore/templates/*', why: 'Gitignore templates (/gitignore/templates, /gitignore/templates/{name}).' },
  // line 91 (write:misc): "such as markup utility operations".
  { category: 'misc', pageWords: 'markup utility operations', shape: '/markup/*', why: 'POST /markup renders markup.' },
  { category: 'misc', pageWords: 'markup utility operations', shape: '/markdown/*', why: 'POST /markdown and /markdown/raw render Markdown.' },
]);

/** Methods the level list (lines 36, 39) does not name. OPTIONS, and anything else, is denied. */
export const METHOD_INTERPRETATIONS: readonly MethodInterpretation[] = Object.freeze([
  { method: 'HEAD', as: 'GET', why: 'HEAD is GET without the body (RFC 9110, 9.3.2), as in the GitLab matcher.' },
]);

// ---------------------------------------------------------------- interpreted rules

export type RouteBasis = 'route' | 'description';

/** A rule: a real API shape, the category whose scopes it needs, and where that was read. */
export interface ForgejoRouteRule extends ForgejoRuleShape {
  category: string;
  /** The page's text: the route prefix as written, or for `description` rules the words read. */
  rule: string;
  /** The shape, as text (`/repos/{owner}/{repo}/issues/*`). */
  interpretation: string;
  /** `route`: the page names this prefix; `description`: read from a description (beyond the page). */
  basis: RouteBasis;
  why: string;
  /** The page's exclusions, as written, that `excludes` interprets. */
  except: string[];
  /** Scope per level (`read:issue`); a level without a scope on the page has none, and is denied. */
  scopes: Partial<Record<ForgejoLevel, string>>;
  /** The row the rule reads: the category row, or for `description` rules the row with the words. */
  position: SourcePosition;
}

/** The level a method needs, derived from the level list. */
export interface ForgejoMethodLevel {
  method: HttpMethod;
  level: ForgejoLevel;
  /** The level list item it was derived from. */
  position: SourcePosition;
  /** Set when the page does not name the method (HEAD). */
  interpretation?: string;
}

export interface ForgejoRouteTable {
  /** In `HTTP_METHODS` order; a method not listed is denied. */
  methods: ForgejoMethodLevel[];
  /** Most specific first (`compareShapes`): the matcher takes the first that applies. */
  rules: ForgejoRouteRule[];
  /** Categories the page names no route prefix for (misc), with their row. */
  withoutRoutes: { category: string; position: SourcePosition }[];
}

/** `/repos/{owner}/{repo}/issues/*` → segments and the prefix flag; a message when the text is not a shape. */
export function parseShape(text: string): ForgejoShape | { error: string } {
  if (!text.startsWith('/')) return { error: 'a shape starts with `/`' };
  const prefix = text.endsWith('/*');
  const body = text.slice(1, prefix ? -2 : undefined);
  const segments: ForgejoSegment[] = [];
  for (const part of body === '' ? [] : body.split('/')) {
    const param = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(part);
    if (param) segments.push([1, param[1]!]);
    else if (/^[A-Za-z0-9._~-]+$/.test(part) && part !== '.' && part !== '..') segments.push([0, part]);
    else return { error: `segment \`${part}\` is neither a literal (letters, digits, \`-._~\`) nor a \`{parameter}\`` };
  }
  if (segments.length === 0) return { error: 'a shape needs at least one segment' };
  return { segments, prefix };
}

/**
 * Order of shapes, most specific first, segment by segment: a literal before a parameter, literals by
 * text; when one shape's segments are a prefix of the other's, the longer first; equal segments: an
 * exact shape before a `/*` one. (Each shape read as its segments followed by an end mark that sorts
 * after every segment: a lexicographic order, so transitive.) The first rule in this order that
 * matches a path is the most specific one that matches it.
 */
export function compareShapes(a: ForgejoShape, b: ForgejoShape): number {
  const n = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const [ka, ta] = a.segments[i]!;
    const [kb, tb] = b.segments[i]!;
    if (ka !== kb) return ka - kb;
    if (ka === 0 && ta !== tb) return ta < tb ? -1 : 1;
  }
  if (a.segments.length !== b.segments.length) return b.segments.length - a.segments.length;
  return Number(a.prefix) - Number(b.prefix);
}

const categoryOf = (model: ForgejoScopesModel, name: string): ForgejoCategory | undefined => model.categories.find((c) => c.name === name);

/** The rules and method levels the page supports, with diagnostics for what it no longer supports. */
export function interpretForgejoRoutes(model: ForgejoScopesModel, report: Reporter): ForgejoRouteTable {
  const methods = deriveMethods(model, report);
  const rules: ForgejoRouteRule[] = [];
  const scopesOf = (c: ForgejoCategory) => Object.fromEntries(c.scopes.map((s) => [s.level, s.name])) as Partial<Record<ForgejoLevel, string>>;
  const shapeOf = (text: string, at: SourcePosition): ForgejoShape | undefined => {
    const shape = parseShape(text);
    if ('error' in shape) {
      report.error('forgejo-route-shape', `Interpretation shape \`${text}\` is invalid: ${shape.error}.`, at, 'Fix the entry in generator/model/forgejo-route-rules.ts.');
      return undefined;
    }
    return shape;
  };

  for (const category of model.categories) {
    for (const route of category.routes) {
      if (!ROUTE_INTERPRETATIONS.some((i) => i.category === category.name && i.pageRoute === route)) {
        report.error(
          'forgejo-route-uninterpreted',
          `Category \`${category.name}\` names route prefix \`${route}\`, which no interpretation maps to Forgejo's API; requests under it are denied.`,
          category.position,
          'Add an entry for it to ROUTE_INTERPRETATIONS in generator/model/forgejo-route-rules.ts (and to the notes), after checking the real API shape.',
        );
      }
    }
    for (const except of category.except) {
      if (!EXCEPT_INTERPRETATIONS.some((i) => i.category === category.name && i.pageExcept === except)) {
        report.error(
          'forgejo-route-uninterpreted',
          `Category \`${category.name}\` excludes \`${except}\`, which no interpretation maps to Forgejo's API; the category's requests are denied until it is.`,
          category.position,
          'Add an entry for it to EXCEPT_INTERPRETATIONS in generator/model/forgejo-route-rules.ts (and to the notes).',
        );
      }
    }
  }

  for (const i of ROUTE_INTERPRETATIONS) {
    const category = categoryOf(model, i.category);
    if (!category || !category.routes.includes(i.pageRoute)) {
      stale(report, model, category, `maps \`${i.pageRoute}\` of category \`${i.category}\`, which the page no longer names`);
      continue;
    }
    const unmapped = category.except.filter((e) => !EXCEPT_INTERPRETATIONS.some((x) => x.category === category.name && x.pageExcept === e));
    // An exclusion without an interpretation: the rules of its category cannot be bounded, so they are left out.
    if (unmapped.length > 0) continue;
    const shape = shapeOf(i.shape, category.position);
    if (!shape) continue;
    const excludes: ForgejoShape[] = [];
    for (const e of EXCEPT_INTERPRETATIONS.filter((x) => x.category === category.name && category.except.includes(x.pageExcept))) {
      const s = shapeOf(e.shape, category.position);
      if (s) excludes.push(s);
    }
    rules.push({ ...shape, excludes, category: category.name, rule: i.pageRoute, interpretation: i.shape, basis: 'route', why: i.why, except: [...category.except], scopes: scopesOf(category), position: category.position });
  }
  for (const e of EXCEPT_INTERPRETATIONS) {
    const category = categoryOf(model, e.category);
    if (!category || !category.except.includes(e.pageExcept)) stale(report, model, category, `maps exclusion \`${e.pageExcept}\` of category \`${e.category}\`, which the page no longer states`);
  }
  for (const d of DESCRIPTION_INTERPRETATIONS) {
    const category = categoryOf(model, d.category);
    const row = category && [{ description: category.description, position: category.position }, ...category.scopes].find((r) => r.description.includes(d.pageWords));
    if (!category || !row) {
      stale(report, model, category, `reads "${d.pageWords}" in category \`${d.category}\`, which the page no longer says`);
      continue;
    }
    if (category.routes.length > 0) {
      report.error('forgejo-route-interpretation-stale', `Category \`${category.name}\` now names route prefixes (${category.routes.join(', ')}); the description-based shape \`${d.shape}\` is no longer needed and is left out.`, category.position, 'Map the new prefixes in ROUTE_INTERPRETATIONS and remove the DESCRIPTION_INTERPRETATIONS entries of the category.');
      continue;
    }
    const shape = shapeOf(d.shape, row.position);
    if (!shape) continue;
    rules.push({ ...shape, excludes: [], category: category.name, rule: d.pageWords, interpretation: d.shape, basis: 'description', why: d.why, except: [], scopes: scopesOf(category), position: row.position });
  }

  rules.sort((a, b) => compareShapes(a, b) || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
  for (let k = 1; k < rules.length; k++) {
    const a = rules[k - 1]!;
    const b = rules[k]!;
    if (compareShapes(a, b) === 0) {
      report.error('forgejo-route-shape', `Shape \`${b.interpretation}\` is mapped twice (categories \`${a.category}\` and \`${b.category}\`); the first in order wins.`, b.position, 'Each shape may be interpreted once: fix generator/model/forgejo-route-rules.ts.');
    }
  }
  const withoutRoutes = model.categories.filter((c) => c.routes.length === 0).map((c) => ({ category: c.name, position: c.position }));
  return { methods, rules, withoutRoutes };
}

function stale(report: Reporter, model: ForgejoScopesModel, category: ForgejoCategory | undefined, what: string): void {
  report.error(
    'forgejo-route-interpretation-stale',
    `A route interpretation ${what}; it is left out.`,
    category?.position ?? { file: model.source.file, line: 1, column: 1 },
    'Check the page change, then update or remove the entry in generator/model/forgejo-route-rules.ts (and the notes).',
  );
}

/**
 * The level each method needs: of the levels that allow it, the one every other one includes (GET:
 * `read`, which `write` includes; POST: `write`). Methods the list does not name are denied unless
 * METHOD_INTERPRETATIONS answers them as another method.
 */
function deriveMethods(model: ForgejoScopesModel, report: Reporter): ForgejoMethodLevel[] {
  const direct = (method: HttpMethod): ForgejoMethodLevel | undefined => {
    const allowing = model.levels.filter((l) => l.methods.includes(method));
    if (allowing.length === 0) return undefined;
    const least = allowing.filter((l) => allowing.every((o) => levelIncludes(model, o.level, l.level)));
    if (least.length !== 1) {
      report.error('forgejo-method-level', `\`${method}\` is allowed by levels ${allowing.map((l) => `\`${l.level}\``).join(', ')}, none of which the others include; requests with it are denied.`, allowing[0]!.position, 'The level list must make one level the least that allows each method; check the upstream page.');
      return undefined;
    }
    return { method, level: least[0]!.level, position: least[0]!.position };
  };
  const out: ForgejoMethodLevel[] = [];
  for (const method of HTTP_METHODS) {
    const own = direct(method);
    if (own) {
      out.push(own);
      continue;
    }
    const i = METHOD_INTERPRETATIONS.find((m) => m.method === method);
    const via = i && direct(i.as);
    if (i && via) out.push({ method, level: via.level, position: via.position, interpretation: `${i.method} as ${i.as}: ${i.why}` });
  }
  return out;
}
