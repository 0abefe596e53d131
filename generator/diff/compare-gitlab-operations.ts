import type { GitlabOperation, GitlabOperationPermissionsModel } from '../model/catalog.ts';
import type { Change } from './change.ts';

/**
 * GitLab Git and other operations: operations added/removed (by id), a changed permission
 * (neutral: one permission is swapped for another), and boundaries (more boundaries → widened).
 */
export function compareGitlabOperations(source: string, before: GitlabOperationPermissionsModel, after: GitlabOperationPermissionsModel): Change[] {
  const ops = (m: GitlabOperationPermissionsModel) => new Map(m.sections.flatMap((s) => s.tables.flatMap((t) => t.operations.map((o) => [o.id, o] as const))));
  const old = ops(before);
  const now = ops(after);
  const changes: Change[] = [];
  const grant = (o: GitlabOperation) => `${o.permission} (${o.boundaries.join(', ')})`;
  for (const [id, o] of now) {
    const p = old.get(id);
    if (!p) changes.push({ source, type: 'operation-added', impact: 'neutral', subject: id, after: grant(o), position: o.position });
    else if (p.permission !== o.permission) changes.push({ source, type: 'operation-permission', impact: 'neutral', subject: id, before: grant(p), after: grant(o), position: o.position });
    else if (p.boundaries.join() !== o.boundaries.join()) {
      const added = o.boundaries.some((b) => !p.boundaries.includes(b));
      const removed = p.boundaries.some((b) => !o.boundaries.includes(b));
      changes.push({ source, type: 'operation-boundaries', impact: added && !removed ? 'widened' : removed && !added ? 'narrowed' : 'neutral', subject: id, before: grant(p), after: grant(o), position: o.position });
    }
  }
  for (const [id, p] of old) if (!now.has(id)) changes.push({ source, type: 'operation-removed', impact: 'neutral', subject: id, before: grant(p), position: p.position });
  return changes;
}
