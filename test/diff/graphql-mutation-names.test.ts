/**
 * `permgen diff` on GraphQL Mutation rows written in either case (a bug hunt): the guard keys a
 * Mutation by its schema field name (`VulnerabilityCreate` is `Mutation.vulnerabilityCreate`), so the
 * diff compares them by it too. The row is the GraphQL page's line 74.
 */
import { describe, expect, it } from 'vitest';
import { diffEdit } from './helpers.ts';

describe('a Mutation written in either case (line 74: `VulnerabilityCreate`, the guard keys it as `vulnerabilityCreate`)', () => {
  const row = '| Create | Project | Mutation | `VulnerabilityCreate` |';
  it('a weaker row for the same Mutation field is a grant added to it: widened, with no "first row" note', async () => {
    const { code, changes } = await diffEdit('gitlab-graphql-fine-grained-permissions', [row, `${row}\n| Read | Project | Mutation | \`vulnerabilityCreate\` |`]);
    expect(code).toBe(1);
    expect(changes.map((c) => [c.impact, c.type, c.subject, c.note])).toEqual([['widened', 'grant-added', 'Mutation vulnerabilityCreate ← read_vulnerability', 'a token with read_vulnerability at project now passes']]);
  });

  it('respelling the row is no change', async () => {
    const { code, changes } = await diffEdit('gitlab-graphql-fine-grained-permissions', [row, '| Create | Project | Mutation | `vulnerabilityCreate` |']);
    expect([code, changes]).toEqual([0, []]);
  });
});
