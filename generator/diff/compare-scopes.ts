import type { BuildkiteEnumModel, ForgejoScopesModel, GitlabTokenScopesModel } from '../model/catalog.ts';
import type { Change } from './change.ts';

/** GitLab token scopes: added/removed, and availability per token type (more token types → widened). */
export function compareGitlabScopes(source: string, before: GitlabTokenScopesModel, after: GitlabTokenScopesModel): Change[] {
  const changes: Change[] = [];
  const old = new Map(before.scopes.map((s) => [s.name, s]));
  const now = new Map(after.scopes.map((s) => [s.name, s]));
  for (const [name, s] of now) {
    const o = old.get(name);
    if (!o) changes.push({ source, type: 'scope-added', impact: 'neutral', subject: name, after: s.availability.join(', '), position: s.position });
    else if (o.availability.join() !== s.availability.join()) {
      const added = s.availability.some((t) => !o.availability.includes(t));
      const removed = o.availability.some((t) => !s.availability.includes(t));
      changes.push({ source, type: 'scope-availability', impact: added && !removed ? 'widened' : removed && !added ? 'narrowed' : 'neutral', subject: name, before: o.availability.join(', '), after: s.availability.join(', '), position: s.position });
    }
  }
  for (const [name, o] of old) if (!now.has(name)) changes.push({ source, type: 'scope-removed', impact: 'neutral', subject: name, before: o.availability.join(', '), position: o.position });
  return changes;
}

/** Forgejo: scopes added/removed; a category's route prefixes changed (what a scope reaches). */
export function compareForgejo(source: string, before: ForgejoScopesModel, after: ForgejoScopesModel): Change[] {
  const changes: Change[] = [];
  const scopes = (m: ForgejoScopesModel) => new Map(m.categories.flatMap((c) => c.scopes.map((s) => [s.name, s] as const)));
  const old = scopes(before);
  const now = scopes(after);
  for (const [name, s] of now) if (!old.has(name)) changes.push({ source, type: 'scope-added', impact: 'neutral', subject: name, position: s.position });
  for (const [name, s] of old) if (!now.has(name)) changes.push({ source, type: 'scope-removed', impact: 'neutral', subject: name, position: s.position });
  const cats = new Map(before.categories.map((c) => [c.name, c]));
  for (const c of after.categories) {
    const o = cats.get(c.name);
    if (!o) continue;
    const a = describeRoutes(o.routes, o.except);
    const b = describeRoutes(c.routes, c.except);
    if (a !== b) changes.push({ source, type: 'scope-routes', impact: 'neutral', subject: c.name, before: a, after: b, position: c.position });
  }
  return changes;
}

function describeRoutes(routes: string[], except: string[]): string {
  return `${routes.join(', ') || '(none stated)'}${except.length ? ` except ${except.join(', ')}` : ''}`;
}

/** Buildkite enum values added/removed. */
export function compareBuildkite(source: string, before: BuildkiteEnumModel, after: BuildkiteEnumModel): Change[] {
  const old = new Set(before.values.map((v) => v.name));
  const now = new Set(after.values.map((v) => v.name));
  return [
    ...after.values.filter((v) => !old.has(v.name)).map((v): Change => ({ source, type: 'enum-value-added', impact: 'neutral', subject: `${after.name}.${v.name}`, position: v.position })),
    ...before.values.filter((v) => !now.has(v.name)).map((v): Change => ({ source, type: 'enum-value-removed', impact: 'neutral', subject: `${before.name}.${v.name}`, position: v.position })),
  ];
}
