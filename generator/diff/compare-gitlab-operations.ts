import type { GitlabOperation, GitlabOperationPermissionsModel } from '../model/catalog.ts';
import type { Change } from './change.ts';
import { sameSet } from '../model/sets.ts';
import { judge, missing } from './impact.ts';

/**
 * GitLab Git and other operations, by id. An operation needs its permission at any one of its
 * boundaries. An operation added is one a token can now be allowed (widened: an undocumented one is
 * denied); one removed narrows. A changed permission (`push_code` → `read_code`) lets a token holding
 * only the new one through: widened, the note saying that the old one no longer suffices. A boundary
 * added widens, one removed narrows; the boundaries are a set (order is no change). A change to the
 * text of the footnotes an operation cites, or of a section's notes and lead paragraphs, is widened
 * for review (prose permgen does not interpret).
 */
export function compareGitlabOperations(source: string, before: GitlabOperationPermissionsModel, after: GitlabOperationPermissionsModel): Change[] {
  const ops = (m: GitlabOperationPermissionsModel) => new Map(m.sections.flatMap((s) => s.tables.flatMap((t) => t.operations.map((o) => [o.id, o] as const))));
  const old = ops(before);
  const now = ops(after);
  const changes: Change[] = [];
  const grant = (o: GitlabOperation) => `${o.permission} (${o.boundaries.join(', ')})`;
  for (const [id, o] of now) {
    const p = old.get(id);
    if (!p) {
      changes.push({ source, type: 'operation-added', impact: 'widened', subject: id, after: grant(o), note: `a token with ${o.permission} can now do it`, position: o.position });
      continue;
    }
    const permissionChanged = p.permission !== o.permission;
    // The footnotes qualify the boundaries in prose (`Project wikis use the project boundary…`); permgen quotes them (and
    // reads one, the snippet footnote, only while generate finds its exact words), so any change to their text is one a
    // reviewer must read (widened, as Forgejo's `(no scope)` text).
    const notes = (x: GitlabOperation) => x.footnotes.map((n) => n.text);
    if (!sameSet(notes(p), notes(o))) {
      const gone = missing(notes(p), notes(o));
      const come = missing(notes(o), notes(p));
      changes.push({ source, type: 'operation-footnotes', impact: 'widened', subject: id, before: notes(p).join(' / ') || '(none)', after: notes(o).join(' / ') || '(none)', note: `footnote text changed (quoted, not interpreted: review it)${gone.length ? `; dropped: ${gone.join(' / ')}` : ''}${come.length ? `; added: ${come.join(' / ')}` : ''}`, position: o.position });
    }
    if (!permissionChanged && sameSet(p.boundaries, o.boundaries)) continue;
    const added = missing(o.boundaries, p.boundaries);
    const removed = missing(p.boundaries, o.boundaries);
    const wider = [...(permissionChanged ? [`a token with ${o.permission} alone now passes`] : []), ...(added.length ? [`now at ${added.join(', ')}`] : [])];
    const narrower = [...(permissionChanged ? [`a token with ${p.permission} alone no longer passes`] : []), ...(removed.length ? [`no longer at ${removed.join(', ')}`] : [])];
    const { impact, note } = judge(wider, narrower);
    changes.push({ source, type: permissionChanged ? 'operation-permission' : 'operation-boundaries', impact, subject: id, before: grant(p), after: grant(o), note, position: o.position });
  }
  for (const [id, p] of old) if (!now.has(id)) changes.push({ source, type: 'operation-removed', impact: 'narrowed', subject: id, before: grant(p), note: 'no token is allowed it any more', position: p.position });
  // A section's notes and lead paragraphs: prose the package quotes (the registry-push note, "You cannot use fine-grained
  // personal access tokens to push container images.", is what denies that operation) and does not interpret, so a
  // change to their text is one a reviewer must read, widened as the footnotes above.
  const prose = (m: GitlabOperationPermissionsModel) => new Map(m.sections.map((sec) => [sec.anchor, { sec, texts: [...(sec.leads ?? []), ...sec.notes].map((n) => n.text) }] as const));
  const oldProse = prose(before);
  for (const [anchor, { sec, texts }] of prose(after)) {
    const was = oldProse.get(anchor)?.texts ?? [];
    if (sameSet(was, texts)) continue;
    const gone = missing(was, texts);
    const come = missing(texts, was);
    changes.push({ source, type: 'operation-notes', impact: 'widened', subject: sec.title, before: was.join(' / ') || '(none)', after: texts.join(' / ') || '(none)', note: `note or lead text changed (quoted, not interpreted: review it)${gone.length ? `; dropped: ${gone.join(' / ')}` : ''}${come.length ? `; added: ${come.join(' / ')}` : ''}`, position: sec.position });
  }
  return changes;
}
