import type { ValidationRule } from '../rule.ts';
import { formatPosition } from '../../model/position.ts';
import { collectMentions, spellingKey, type SourcedMention } from '../../model/gitlab-permission-vocabulary.ts';
import { gitlabPermissionContributors } from '../../model/gitlab-permission-contributors.ts';

/**
 * GitLab's pages must name one permission one way. Two severities, on purpose:
 *
 * - **error**: ids that differ only by case or separators (`read_work_item` / `read_workitem`). At most
 *   one of them is the permission GitLab knows; the other would enter the emitted union as a
 *   permission no token can hold, and a user following that page would mint a token that lacks
 *   what it needs (or write a policy naming nothing). Which one is right cannot be decided from
 *   the pages, so generation stops until a reviewed override or a fixed page says.
 * - **warning**: one id whose resource, action or category text differs (`Work Item` / `Work item`).
 *   The id, the only thing a token carries and the guard compares, is the same, so no decision
 *   changes; only the label does (the vocabulary keeps the first contributor's). It is still shown
 *   on every run, and `--strict` fails on it.
 */
export const gitlabPermissionSpelling: ValidationRule = {
  id: 'gitlab-permission-spelling',
  description: 'A GitLab fine-grained permission is spelt the same on every page that names it.',
  check(catalog, report) {
    const mentions = collectMentions(catalog, gitlabPermissionContributors);
    const where = (m: SourcedMention) => `${m.source}, ${formatPosition(m.position)}`;

    const byKey = new Map<string, Map<string, SourcedMention>>();
    for (const m of mentions) {
      const key = spellingKey(m.id);
      let ids = byKey.get(key);
      if (!ids) byKey.set(key, (ids = new Map()));
      if (!ids.has(m.id)) ids.set(m.id, m);
    }
    for (const ids of byKey.values()) {
      const [first, ...others] = [...ids.values()];
      for (const other of others) {
        report.error(
          'gitlab-permission-spelling',
          `Permission \`${other.id}\` (${where(other)}) and \`${first!.id}\` (${where(first!)}) differ only by case or separators; at most one of them is a GitLab permission.`,
          other.position,
          'Check both pages against GitLab; correct the misspelt one with a reviewed override in sources/overrides.json (or wait for the fixed page).',
        );
      }
    }

    const byId = new Map<string, SourcedMention[]>();
    for (const m of mentions) {
      const list = byId.get(m.id);
      if (list) list.push(m);
      else byId.set(m.id, [m]);
    }
    for (const [id, list] of byId) {
      for (const field of ['resource', 'action', 'category'] as const) {
        const seen = new Map<string, SourcedMention>();
        for (const m of list) {
          const value = m[field];
          if (value !== undefined && !seen.has(value)) seen.set(value, m);
        }
        const [first, ...others] = [...seen.entries()];
        for (const [value, m] of others) {
          report.warn(
            'gitlab-permission-spelling',
            `Permission \`${id}\` has ${field} \`${value}\` (${where(m)}) but \`${first![0]}\` (${where(first![1])}).`,
            m.position,
            `The id is the same, so no decision changes; the generated vocabulary uses \`${first![0]}\`. Report the difference upstream.`,
          );
        }
      }
    }
  },
};
