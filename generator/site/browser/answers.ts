/**
 * Query → answer cards, asking the bundled `token-permissions` package. Every decision (does a route
 * match, what it needs, which rows cover a GraphQL name, is a string a scope) is a call into the
 * package; this file only picks which calls fit the query and lays out what they return. Functions
 * the package does not have yet are detected (`typeof … === 'function'`) and reported as missing.
 */
import { code, h, joined, link, type Child } from './dom.ts';
import type { SiteIndex } from './site-index.ts';

export type Namespace = Readonly<Record<string, unknown>>;
export interface PackageModules {
  readonly gitlab: Namespace;
  readonly forgejo: Namespace;
  readonly buildkite: Namespace;
}

export interface Card {
  /** `data-card`: which question was asked of the package. */
  id: string;
  provider: string;
  title: Child;
  verdict: string;
  tone: 'grant' | 'deny' | 'info';
  rows: [label: string, value: Child][];
}

type AnyFunction = (...args: unknown[]) => unknown;
type Rec = Readonly<Record<string, unknown>>;

export const fn = (ns: Namespace, name: string): AnyFunction | undefined => (typeof ns[name] === 'function' ? (ns[name] as AnyFunction) : undefined);
const rec = (v: unknown): Rec | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined);
/** A property keyed by user input: own properties only, so `__proto__` or `constructor` find nothing. */
const own = (r: Rec | undefined, key: string): unknown => (r !== undefined && Object.hasOwn(r, key) ? r[key] : undefined);
const str = (r: Rec | undefined, key: string): string | undefined => (typeof r?.[key] === 'string' ? (r[key] as string) : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

const REST_PROVIDER = 'GitLab fine-grained PAT (REST)';
const ACCESS_TEXT: Readonly<Record<string, string>> = Object.freeze({
  granted: 'Granted: the token needs every listed permission, at one of the listed boundaries.',
  always: 'Always accessible: no authentication and no fine-grained permission check.',
  unavailable: 'Unavailable: fine-grained tokens cannot call this endpoint.',
});

/** Routes listed on a permission's card; the rest are counted. */
const ROUTES_SHOWN = 25;

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*(\.[_A-Za-z][_0-9A-Za-z]*)?$/;
const REQUEST = /^([A-Za-z]+)\s+(\S+)$/;

/** Package functions the explorer uses, per subpath, for the "answered with" line. */
export const FEATURES: readonly [keyof PackageModules, string][] = Object.freeze([
  ['gitlab', 'matchJobTokenRoute'],
  ['gitlab', 'jobTokenRoutes'],
  ['gitlab', 'matchFineGrainedRestRoute'],
  ['gitlab', 'fineGrainedRestRoutes'],
  ['gitlab', 'isGitlabFineGrainedPermission'],
  ['gitlab', 'requiredGraphqlPermissions'],
  ['gitlab', 'isJobTokenPermission'],
  ['gitlab', 'isGraphqlPermission'],
  ['gitlab', 'isTokenScope'],
  ['forgejo', 'requiredForgejoScope'],
  ['forgejo', 'isForgejoScope'],
  ['forgejo', 'parseForgejoScopes'],
]);

export class Answers {
  constructor(
    private readonly pkg: PackageModules,
    private readonly index: SiteIndex,
  ) {}

  answer(query: string): Card[] {
    const q = query.trim();
    if (q === '') return [];
    const request = REQUEST.exec(q);
    if (request) return this.request(request[1]!, request[2]!);
    const cards = [...this.graphqlName(q), ...this.jobTokenPermission(q), ...this.fineGrainedPermission(q), ...this.graphqlPermission(q), ...this.tokenScope(q), ...this.forgejoScope(q), ...this.buildkiteValue(q)];
    if (cards.length === 0 && GRAPHQL_NAME.test(q) && !fn(this.pkg.gitlab, 'requiredGraphqlPermissions')) cards.push(missing('GitLab GraphQL', 'requiredGraphqlPermissions', 'token-permissions/gitlab'));
    return cards.length > 0 ? cards : [this.nothing(q)];
  }

  // ------------------------------------------------------------------ requests

  private request(method: string, path: string): Card[] {
    const cards: Card[] = [];
    const match = fn(this.pkg.gitlab, 'matchJobTokenRoute');
    cards.push(match ? this.jobTokenRoute(match, method, path) : missing('GitLab CI/CD job token', 'matchJobTokenRoute', 'token-permissions/gitlab'));
    const rest = fn(this.pkg.gitlab, 'matchFineGrainedRestRoute');
    cards.push(rest ? this.restRoute(rest, method, path) : missing(REST_PROVIDER, 'matchFineGrainedRestRoute', 'token-permissions/gitlab'));
    const forgejo = fn(this.pkg.forgejo, 'requiredForgejoScope');
    if (forgejo) cards.push(this.forgejoRoute(forgejo, method, path));
    // The provider that documents the request first; the others' denials after it.
    return [...cards.filter((c) => c.tone !== 'deny'), ...cards.filter((c) => c.tone === 'deny')];
  }

  private jobTokenRoute(match: AnyFunction, method: string, path: string): Card {
    const m = rec(match(method, path));
    const title = `${method} ${path}`;
    if (!m) {
      const hints: Child[] = methodCaseHints(method, path);
      // Only a hint the package confirms (the matcher accepts /api/v4 itself today).
      const prefix = /^\/api\/v4(\/.*)$/.exec(path);
      if (prefix && rec(match(method, prefix[1]!))) hints.push(h('li', {}, 'The page documents routes without the /api/v4 prefix: ', suggestion(`${method} ${prefix[1]}`), '.'));
      return {
        id: 'job-token-route',
        provider: 'GitLab CI/CD job token',
        title: code(title),
        verdict: 'No documented route: deny',
        tone: 'deny',
        rows: [['Answer', 'matchJobTokenRoute returned no route: a job token cannot be granted this request.'], ...(hints.length > 0 ? ([['Hints', h('ul', {}, ...hints)]] as [string, Child][]) : [])],
      };
    }
    const route = str(m, 'route') ?? '';
    const permissions = strs(m.permissions);
    const controlled = m.controlled === true;
    const located = this.index.find('gitlab-job-token-endpoints', route);
    const routes = this.pkg.gitlab.jobTokenRoutes;
    const info = Array.isArray(routes) ? routes.map(rec).find((r) => str(r, 'route') === route) : undefined;
    const params = Object.entries(rec(m.params) ?? {}).map(([k, v]) => code(`${k} = ${String(v)}`));
    // An uncontrolled row is either one the page says job tokens cannot access (its unavailable section) or a
    // `None` row (default access): the package's least-privilege verdict tells them apart.
    const verdictOf = fn(this.pkg.gitlab, 'jobTokenRequestVerdict');
    const verdict = controlled || !verdictOf ? undefined : rec(verdictOf({ kind: 'rest', method, path }));
    const unavailable = str(verdict, 'status') === 'unavailable';
    return {
      id: 'job-token-route',
      provider: 'GitLab CI/CD job token',
      title: code(title),
      verdict: controlled ? `Needs ${permissions.join(' + ')}` : unavailable ? 'Unavailable to job tokens: deny' : 'Not controlled by fine-grained permissions',
      tone: controlled ? 'grant' : unavailable ? 'deny' : 'info',
      rows: [
        ['Permissions', controlled ? joined(permissions.map((p) => this.permissionLink('gitlab-job-token-endpoints', p)), ' + ') : unavailable ? 'None: CI/CD job tokens cannot access this endpoint (the page\u2019s unavailable section).' : 'None: the job token\u2019s default access applies.'],
        ['Route', link(route, located?.href)],
        ...(info && str(info, 'description') ? ([['Description', str(info, 'description')!]] as [string, Child][]) : []),
        ['Parameters', params.length > 0 ? joined(params) : '—'],
        ['Matched path', code(str(m, 'canonicalPath') ?? path)],
        ['Source', this.source(str(m, 'source') ?? located?.source, located?.url ?? null, located?.href)],
      ],
    };
  }

  private restRoute(match: AnyFunction, method: string, path: string): Card {
    const m = rec(match(method, path));
    const title = code(`${method} ${path}`);
    if (!m) {
      const hints: Child[] = methodCaseHints(method, path);
      return {
        id: 'rest-route',
        provider: REST_PROVIDER,
        title,
        verdict: 'No documented route: deny',
        tone: 'deny',
        rows: [['Answer', 'matchFineGrainedRestRoute returned no route: a fine-grained token cannot be granted this request.'], ...(hints.length > 0 ? ([['Hints', h('ul', {}, ...hints)]] as [string, Child][]) : [])],
      };
    }
    const route = str(m, 'route') ?? '';
    const access = str(m, 'access');
    const permissions = strs(m.permissions);
    const boundaries = strs(m.boundaries);
    const source = str(m, 'source');
    // The endpoint's table entry (every row it comes from, its resource): the one whose first row is the match's.
    const routes = this.pkg.gitlab.fineGrainedRestRoutes;
    const info = Array.isArray(routes) ? routes.map(rec).find((r) => str(r, 'route') === route && str(r, 'source') === source) : undefined;
    const located = this.index.find('gitlab-rest-permissions', route);
    const url = located?.url ?? this.index.ofKind('gitlab-rest-permissions')[0]?.url ?? null;
    const isPublic = m.public === true;
    const [verdict, tone]: [string, Card['tone']] =
      access === 'granted' && permissions.length > 0
        ? [`Needs ${permissions.join(' + ')}`, 'grant']
        : access === 'always'
          ? ['Always accessible', 'grant']
          : access === 'unavailable'
            ? ['Unavailable to fine-grained tokens: deny', 'deny']
            : // A granted row without permissions, or an answer this explorer does not know: fail closed.
              [`Unknown answer (${access ?? 'no access'}): deny`, 'deny'];
    const params = Object.entries(rec(m.params) ?? {}).map(([k, v]) => code(`${k} = ${String(v)}`));
    const rows: [string, Child][] = [
      ['Access', access !== undefined && Object.hasOwn(ACCESS_TEXT, access) ? ACCESS_TEXT[access]! : `Unknown (${access ?? '—'})`],
      ['Permissions', permissions.length > 0 ? h('span', {}, joined(permissions.map(code), ' + '), h('span', { class: 'muted' }, ' (all required)')) : '—'],
      ['Boundaries', boundaries.join(', ') || '—'],
      ['Public', isPublic ? 'Yes: the permissions are not needed when the target resource is publicly visible.' : 'No'],
      ['Route', link(route, located?.href)],
    ];
    const resource = [str(info, 'category'), str(info, 'resource')].filter((x) => x !== undefined).join(' / ');
    if (resource !== '') rows.push(['Resource', resource]);
    const reason = str(m, 'reason');
    if (reason !== undefined) rows.push(['Reason', reason]);
    rows.push(['Parameters', params.length > 0 ? joined(params) : '—'], ['Matched path', code(str(m, 'canonicalPath') ?? path)]);
    const sources = strs(info?.sources);
    rows.push(['Source', this.source(source, url, located?.href)]);
    const others = sources.filter((s) => s !== source);
    if (others.length > 0) rows.push(['Also listed at', joined(others.map(code))]);
    return { id: 'rest-route', provider: REST_PROVIDER, title, verdict, tone, rows };
  }

  private forgejoRoute(required: AnyFunction, method: string, path: string): Card {
    const result = required(method, path);
    const title = code(`${method} ${path}`);
    const r = rec(result);
    if (!r) return { id: 'forgejo-route', provider: 'Forgejo', title, verdict: 'No documented route: deny', tone: 'deny', rows: [['Answer', 'requiredForgejoScope returned no scope: no token can be granted this request.']] };
    const scope = str(r, 'scope');
    if (scope === undefined) {
      // An answer of a shape this explorer does not know: show each field the package returned.
      return { id: 'forgejo-route', provider: 'Forgejo', title, verdict: 'Answer', tone: 'info', rows: Object.entries(r).map(([k, v]): [string, Child] => [k, value(v)]) };
    }
    const category = str(r, 'category') ?? '';
    const url = this.index.ofKind('forgejo-scopes')[0]?.url ?? null;
    const rowAt = this.index.find('forgejo-scopes', `category ${category}`);
    const levelAt = this.index.find('forgejo-scopes', `level ${str(r, 'level') ?? ''}`);
    const alsoBy = strs(own(rec(this.pkg.forgejo.forgejoScopeSatisfiedBy), scope)).filter((s) => s !== scope);
    return {
      id: 'forgejo-route',
      provider: 'Forgejo',
      title,
      verdict: `Needs ${scope}`,
      tone: 'grant',
      rows: [
        ['Scope', h('span', {}, this.forgejoScopeLink(scope), alsoBy.length > 0 ? h('span', { class: 'muted' }, ' (also satisfied by ', joined(alsoBy.map((s) => this.forgejoScopeLink(s))), ')') : null)],
        [
          'Rule',
          h(
            'span',
            {},
            link(str(r, 'rule') ?? '', rowAt?.href),
            ' read as ',
            code(str(r, 'interpretation') ?? ''),
            str(r, 'basis') === 'description' ? h('span', { class: 'badge', title: 'The page names no route for this category: the rule was read from its description.' }, 'from the description') : null,
          ),
        ],
        ['Matched path', code(str(r, 'apiPath') ?? path)],
        // The row at the answer's own source line (the scope's row when the rule was read from a description), else the category's.
        ['Source', this.source(str(r, 'source'), url, this.index.findAt('forgejo-scopes', str(r, 'source') ?? '')?.href ?? rowAt?.href)],
        ['Level from', this.source(str(r, 'levelSource'), url, levelAt?.href)],
      ],
    };
  }

  // ------------------------------------------------------------------ GraphQL names

  private graphqlName(q: string): Card[] {
    const required = fn(this.pkg.gitlab, 'requiredGraphqlPermissions');
    if (!required || !GRAPHQL_NAME.test(q)) return [];
    const kinds = q.includes('.') ? ['Field'] : ['Type', 'Mutation'];
    const cards: Card[] = [];
    for (const kind of kinds) {
      const grants = required(kind, q);
      if (!Array.isArray(grants) || grants.length === 0) continue;
      const rows = grants.map(rec).filter((g): g is Rec => g !== undefined);
      const documented = str(rows[0], 'name') ?? q;
      cards.push({
        id: 'graphql-name',
        provider: 'GitLab GraphQL (fine-grained PAT)',
        title: code(`${kind} ${documented}`),
        verdict: rows.length === 1 ? `Needs ${this.grantText(rows[0]!)}` : `Any one of ${rows.length} rows`,
        tone: 'grant',
        rows: [
          ['Rule', h('span', {}, 'Guard map entry ', code(`${kind} ${documented}`), documented !== q ? h('span', {}, ' (asked as ', code(q), ')') : null)],
          ['Rows', h('ul', { class: 'grants' }, ...rows.map((g) => this.grantItem(g)))],
        ],
      });
    }
    if (cards.length === 0 && q.includes('.')) {
      const type = q.split('.')[0]!;
      cards.push({
        id: 'graphql-name',
        provider: 'GitLab GraphQL (fine-grained PAT)',
        title: code(`Field ${q}`),
        verdict: 'Not a documented field',
        tone: 'info',
        rows: [['Answer', h('span', {}, 'requiredGraphqlPermissions lists no field ', code(q), '. The GraphQL rule decides such a field by its type: ', suggestion(type), '.')]],
      });
    }
    return cards;
  }

  private grantText(g: Rec): string {
    return [str(g, 'permission') ?? '?', ...strs(g.alsoRequires)].join(' + ');
  }

  private grantItem(g: Rec): HTMLElement {
    const located = this.index.find('gitlab-graphql-permissions', str(g, 'source') ?? '');
    const permission = str(g, 'permission') ?? '';
    const also = strs(g.alsoRequires);
    return h(
      'li',
      {},
      this.permissionLink('gitlab-graphql-permissions', permission),
      also.length > 0 ? h('span', {}, ' and ', joined(also.map((p) => this.permissionLink('gitlab-graphql-permissions', p)), ' and ')) : null,
      h('span', { class: 'muted' }, ` · ${[str(g, 'action'), str(g, 'boundary'), str(g, 'resource'), str(g, 'category')].filter((x) => x !== undefined).join(' · ')} · `),
      this.source(str(g, 'source'), located?.url ?? null, located?.href),
    );
  }

  // ------------------------------------------------------------------ permissions and scopes

  private jobTokenPermission(q: string): Card[] {
    const is = fn(this.pkg.gitlab, 'isJobTokenPermission');
    if (!is || is(q) !== true) return [];
    const info = rec(own(rec(this.pkg.gitlab.jobTokenPermissionInfo), q));
    const routes = Array.isArray(this.pkg.gitlab.jobTokenRoutes) ? this.pkg.gitlab.jobTokenRoutes.map(rec).filter((r): r is Rec => r !== undefined && strs(r.permissions).includes(q)) : [];
    const located = this.index.find('gitlab-job-token-endpoints', q);
    return [
      {
        id: 'job-token-permission',
        provider: 'GitLab CI/CD job token',
        title: code(q),
        verdict: 'Job-token permission',
        tone: 'info',
        rows: [
          ['Label', str(info, 'label') ?? '—'],
          ['Routes that need it', routes.length === 0 ? '—' : h('ul', { class: 'routes' }, ...routes.map((r) => h('li', {}, link(str(r, 'route') ?? '', this.index.find('gitlab-job-token-endpoints', str(r, 'route') ?? '')?.href))))],
          ['Source', this.source(located?.source, located?.url ?? null, located?.href)],
        ],
      },
    ];
  }

  /** A permission of the fine-grained PAT pages (REST, Git and other operations, GraphQL): what it is, where it is named, the REST routes that need it. */
  private fineGrainedPermission(q: string): Card[] {
    const is = fn(this.pkg.gitlab, 'isGitlabFineGrainedPermission');
    if (!is || is(q) !== true) return [];
    const info = rec(own(rec(this.pkg.gitlab.gitlabFineGrainedPermissionInfo), q));
    const routes = Array.isArray(this.pkg.gitlab.fineGrainedRestRoutes) ? this.pkg.gitlab.fineGrainedRestRoutes.map(rec).filter((r): r is Rec => r !== undefined && strs(r.permissions).includes(q)) : [];
    const shown = routes.slice(0, ROUTES_SHOWN);
    const namedOn = Array.isArray(info?.namedOn) ? info.namedOn.map(rec).filter((n): n is Rec => n !== undefined) : [];
    return [
      {
        id: 'fine-grained-permission',
        provider: 'GitLab fine-grained PAT',
        title: code(q),
        verdict: 'Fine-grained permission',
        tone: 'info',
        rows: [
          ['Resource', `${str(info, 'action') ?? ''} ${str(info, 'resource') ?? ''}${str(info, 'category') ? ` (${str(info, 'category')})` : ''}`.trim() || '—'],
          ['Description', str(info, 'description') ?? '—'],
          [
            'REST routes that need it',
            routes.length === 0
              ? '—'
              : h(
                  'div',
                  {},
                  h('ul', { class: 'routes' }, ...shown.map((r) => h('li', {}, link(str(r, 'route') ?? '', this.index.find('gitlab-rest-permissions', str(r, 'route') ?? '')?.href)))),
                  routes.length > shown.length ? h('span', { class: 'muted' }, `and ${routes.length - shown.length} more (${routes.length} in all)`) : null,
                ),
          ],
          [
            'Named on',
            namedOn.length === 0
              ? '—'
              : h('ul', {}, ...namedOn.map((n) => {
                  const page = this.index.byId(str(n, 'source') ?? '');
                  return h('li', {}, page ? h('a', { href: page.page }, page.title) : code(str(n, 'source') ?? ''), ' · ', this.source(str(n, 'at'), page?.url ?? null));
                })),
          ],
        ],
      },
    ];
  }

  private graphqlPermission(q: string): Card[] {
    const is = fn(this.pkg.gitlab, 'isGraphqlPermission');
    if (!is || is(q) !== true) return [];
    const info = rec(own(rec(this.pkg.gitlab.graphqlPermissionInfo), q));
    const located = this.index.find('gitlab-graphql-permissions', q);
    const entries = Array.isArray(this.pkg.gitlab.graphqlGuardEntries) ? this.pkg.gitlab.graphqlGuardEntries.map(rec).filter((e): e is Rec => e !== undefined) : undefined;
    const covered = entries?.filter((e) => Array.isArray(e.grants) && e.grants.map(rec).some((g) => str(g, 'permission') === q));
    return [
      {
        id: 'graphql-permission',
        provider: 'GitLab GraphQL (fine-grained PAT)',
        title: code(q),
        verdict: 'GraphQL permission',
        tone: 'info',
        rows: [
          ['Resource', `${str(info, 'action') ?? ''} ${str(info, 'resource') ?? ''} (${str(info, 'category') ?? ''})`.trim()],
          ['Boundaries', strs(info?.boundaries).join(', ') || '—'],
          ...(covered ? ([['Covers', covered.length === 0 ? '—' : joined(covered.map((e) => suggestion(str(e, 'name') ?? '')), ' ')]] as [string, Child][]) : []),
          ['Source', this.source(located?.source, located?.url ?? null, located?.href)],
        ],
      },
    ];
  }

  private tokenScope(q: string): Card[] {
    const is = fn(this.pkg.gitlab, 'isTokenScope');
    if (!is || is(q) !== true) return [];
    const located = this.index.find('gitlab-token-scopes', q);
    return [
      {
        id: 'gitlab-token-scope',
        provider: 'GitLab access token',
        title: code(q),
        verdict: 'Token scope',
        tone: 'info',
        rows: [
          ['Available for', strs(own(rec(this.pkg.gitlab.tokenScopeAvailability), q)).join(', ') || '—'],
          ['Source', this.source(located?.source, located?.url ?? null, located?.href)],
        ],
      },
    ];
  }

  private forgejoScope(q: string): Card[] {
    const cards: Card[] = [];
    const parse = fn(this.pkg.forgejo, 'parseForgejoScopes');
    if (q.includes(',') && parse) {
      const r = rec(parse(q));
      cards.push({
        id: 'forgejo-scope-list',
        provider: 'Forgejo',
        title: code(q),
        verdict: r?.ok === true ? 'Valid scope list' : 'Refused scope list',
        tone: r?.ok === true ? 'grant' : 'deny',
        rows: r?.ok === true ? [['Scopes', joined(strs(r.scopes).map((s) => this.forgejoScopeLink(s)))]] : [['Why', str(r, 'error') ?? '—'], ['Unknown', joined(strs(r?.unknown).map(code))]],
      });
    }
    const is = fn(this.pkg.forgejo, 'isForgejoScope');
    if (!is || is(q) !== true) return cards;
    const info = rec(own(rec(this.pkg.forgejo.forgejoScopeInfo), q));
    const located = this.index.find('forgejo-scopes', q);
    const satisfiedBy = strs(own(rec(this.pkg.forgejo.forgejoScopeSatisfiedBy), q));
    cards.push({
      id: 'forgejo-scope',
      provider: 'Forgejo',
      title: code(q),
      verdict: `${str(info, 'level') ?? ''} scope`.trim(),
      tone: 'info',
      rows: [
        ['Category', str(info, 'category') ?? '—'],
        ['Description', str(info, 'description') ?? '—'],
        ['Satisfied by', satisfiedBy.length > 0 ? joined(satisfiedBy.map((s) => this.forgejoScopeLink(s))) : '—'],
        ['Source', this.source(located?.source, located?.url ?? null, located?.href)],
      ],
    });
    return cards;
  }

  private buildkiteValue(q: string): Card[] {
    const cards: Card[] = [];
    for (const name of Object.keys(this.pkg.buildkite).sort()) {
      const is = /^is[A-Z]\w*$/.test(name) ? fn(this.pkg.buildkite, name) : undefined;
      if (!is || is(q) !== true) continue;
      const located = this.index.find('buildkite-enum', q);
      cards.push({ id: 'buildkite-value', provider: 'Buildkite', title: code(q), verdict: `${name.slice(2)} value`, tone: 'info', rows: [['Source', this.source(located?.source, located?.url ?? null, located?.href)]] });
    }
    return cards;
  }

  // ------------------------------------------------------------------ nothing

  private nothing(q: string): Card {
    const names = this.knownNames();
    const norm = (s: string) => s.toLowerCase().replace(/[-_:.\s]/g, '');
    // The query normalised once, not once per name (a 1 MB paste cost seconds).
    const nq = norm(q);
    const close = [...new Set(names.filter((n) => n !== q && norm(n) === nq))].sort();
    return {
      id: 'nothing',
      provider: 'token-permissions',
      title: code(q),
      verdict: 'Not documented: deny',
      tone: 'deny',
      rows: [
        ['Answer', 'No page lists this. A permission check must deny what the documentation does not grant.'],
        ...(close.length > 0 ? ([['Did you mean', joined(close.map(suggestion), ' ')]] as [string, Child][]) : []),
      ],
    };
  }

  /** Every name the package lists (permissions, scopes, values, documented GraphQL names), for "did you mean". */
  private knownNames(): string[] {
    const names: string[] = [];
    for (const ns of [this.pkg.gitlab, this.pkg.forgejo, this.pkg.buildkite]) {
      for (const v of Object.values(ns)) if (Array.isArray(v) && v.every((x) => typeof x === 'string')) names.push(...(v as string[]));
    }
    const entries = this.pkg.gitlab.graphqlGuardEntries;
    if (Array.isArray(entries)) for (const e of entries) names.push(...[str(rec(e), 'name'), str(rec(e), 'schemaName')].filter((x): x is string => x !== undefined));
    return names;
  }

  // ------------------------------------------------------------------ pieces

  private permissionLink(kind: string, permission: string): HTMLElement {
    return link(permission, this.index.find(kind, permission)?.href);
  }

  private forgejoScopeLink(scope: string): HTMLElement {
    return link(scope, this.index.find('forgejo-scopes', scope)?.href);
  }

  private source(source: string | undefined, url: string | null, href?: string): HTMLElement {
    if (source === undefined) return h('span', { class: 'muted' }, 'not located');
    return h('span', { class: 'source' }, code(source), href ? h('span', {}, ' · ', h('a', { href }, 'show entry')) : null, url ? h('span', {}, ' · ', h('a', { href: url, rel: 'noopener noreferrer' }, 'upstream page')) : null);
  }
}

/** The hint of a route no matcher knows, when the method is not upper case (routes are matched as written). */
function methodCaseHints(method: string, path: string): Child[] {
  return method !== method.toUpperCase() ? [h('li', {}, 'Methods are matched as written: standard methods are upper case (', suggestion(`${method.toUpperCase()} ${path}`), ').')] : [];
}

function missing(provider: string, name: string, subpath: string): Card {
  return {
    id: 'missing',
    provider,
    title: code(name),
    verdict: 'Not in this build',
    tone: 'info',
    rows: [['Answer', h('span', {}, 'This build of ', code(subpath), ' has no ', code(name), ': regenerate the site once the package provides it.')]],
  };
}

/** A button that asks the explorer `query`. */
export function suggestion(query: string): HTMLElement {
  return h('button', { type: 'button', class: 'suggest', 'data-example': query }, query);
}

function value(v: unknown): Child {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return joined((v as string[]).map(code));
  return code(JSON.stringify(v) ?? String(v));
}
