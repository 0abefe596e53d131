import type { GitlabRestPermissionsModel, RestEndpoint } from '../model/catalog.ts';
import type { Change, Impact } from './change.ts';

/**
 * Endpoints by `METHOD path` and what a token needs for them. Judged by what a request needs:
 * becoming always accessible, public, reachable at more boundaries or with a subset of the
 * permissions is widened; the reverse is narrowed; a mix (or a different permission) is neutral.
 */
export function compareRest(source: string, before: GitlabRestPermissionsModel, after: GitlabRestPermissionsModel): Change[] {
  const changes: Change[] = [];
  const key = (e: RestEndpoint) => `${e.method} ${e.path}`;
  const old = new Map(before.endpoints.map((e) => [key(e), e]));
  const now = new Map(after.endpoints.map((e) => [key(e), e]));
  for (const [k, e] of now) {
    const o = old.get(k);
    if (!o) {
      changes.push({ source, type: 'endpoint-added', impact: e.access === 'always' || e.public ? 'widened' : 'neutral', subject: k, after: requirement(e), position: e.position });
      continue;
    }
    const a = requirement(o);
    const b = requirement(e);
    if (a !== b) changes.push({ source, type: 'endpoint-permissions', impact: impact(o, e), subject: k, before: a, after: b, position: e.position });
  }
  for (const [k, o] of old) {
    if (!now.has(k)) changes.push({ source, type: 'endpoint-removed', impact: o.access === 'unavailable' ? 'neutral' : 'narrowed', subject: k, before: requirement(o), position: o.position });
  }
  return changes;
}

function requirement(e: RestEndpoint): string {
  if (e.access === 'always') return 'always accessible';
  if (e.access === 'unavailable') return `unavailable${e.reason ? ` (${e.reason})` : ''}`;
  return `${e.permissions.join(' + ')} at ${e.boundaries.join(', ')}${e.public ? ', public' : ''}`;
}

const RANK = { unavailable: 0, granted: 1, always: 2 } as const;

function impact(o: RestEndpoint, n: RestEndpoint): Impact {
  if (o.access !== n.access) return RANK[n.access] > RANK[o.access] ? 'widened' : 'narrowed';
  if (n.access !== 'granted') return 'neutral';
  const subset = (a: readonly string[], b: readonly string[]) => a.every((x) => b.includes(x));
  // Each axis says which side asks less: fewer permissions, more boundaries, public.
  const wider = [subset(n.permissions, o.permissions) && !subset(o.permissions, n.permissions), subset(o.boundaries, n.boundaries) && !subset(n.boundaries, o.boundaries), n.public && !o.public];
  const narrower = [subset(o.permissions, n.permissions) && !subset(n.permissions, o.permissions), subset(n.boundaries, o.boundaries) && !subset(o.boundaries, n.boundaries), o.public && !n.public];
  const differentPermissions = !subset(n.permissions, o.permissions) && !subset(o.permissions, n.permissions);
  if (differentPermissions) return 'neutral';
  if (wider.some(Boolean) && !narrower.some(Boolean)) return 'widened';
  if (narrower.some(Boolean) && !wider.some(Boolean)) return 'narrowed';
  return 'neutral';
}
