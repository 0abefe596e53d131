import type { JobTokenEndpoint, JobTokenEndpointsModel } from '../model/catalog.ts';
import type { Change, Impact } from './change.ts';

/**
 * Endpoints by `METHOD path`. A permission change is judged by what a token needs:
 * - new requires nothing controllable (`None`) where old required permissions → widened;
 * - new needs a subset of old's permissions, or a READ_x where old needed ADMIN_x → widened;
 * - the reverse → narrowed; anything else (a different resource) → neutral, shown for review.
 */
export function compareJobToken(source: string, before: JobTokenEndpointsModel, after: JobTokenEndpointsModel): Change[] {
  const changes: Change[] = [];
  const key = (e: JobTokenEndpoint) => `${e.method} ${e.path}`;
  const old = new Map(before.endpoints.map((e) => [key(e), e]));
  const now = new Map(after.endpoints.map((e) => [key(e), e]));
  for (const [k, e] of now) {
    const o = old.get(k);
    if (!o) {
      changes.push({ source, type: 'endpoint-added', impact: e.controlled ? 'neutral' : 'widened', subject: k, after: requirement(e), position: e.position });
      continue;
    }
    const a = requirement(o);
    const b = requirement(e);
    if (a !== b) changes.push({ source, type: 'endpoint-permissions', impact: impact(o, e), subject: k, before: a, after: b, position: e.position });
  }
  for (const [k, o] of old) {
    if (!now.has(k)) changes.push({ source, type: 'endpoint-removed', impact: 'narrowed', subject: k, before: requirement(o), position: o.position });
  }
  return changes;
}

function requirement(e: JobTokenEndpoint): string {
  return e.controlled ? e.permissions.join(' + ') : 'None (not controllable)';
}

/** Strength of a permission for comparison: READ_X < ADMIN_X for the same resource. */
function covers(stronger: string, weaker: string): boolean {
  return stronger === weaker || (stronger.startsWith('ADMIN_') && weaker === `READ_${stronger.slice('ADMIN_'.length)}`);
}

function impact(o: JobTokenEndpoint, n: JobTokenEndpoint): Impact {
  if (o.controlled && !n.controlled) return 'widened';
  if (!o.controlled && n.controlled) return 'narrowed';
  // Every new requirement is implied by an old one → the new docs ask for no more.
  const newWeaker = n.permissions.every((p) => o.permissions.some((q) => covers(q, p)));
  const oldWeaker = o.permissions.every((p) => n.permissions.some((q) => covers(q, p)));
  if (newWeaker && !oldWeaker) return 'widened';
  if (oldWeaker && !newWeaker) return 'narrowed';
  return 'neutral';
}
