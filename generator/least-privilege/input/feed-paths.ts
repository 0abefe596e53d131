/**
 * RSS / calendar feed paths → the Feed row of the Git-and-other-operations page they are, by the
 * shape of GitLab's web routes (the page names the feeds, not their paths: this is interpretation,
 * listed here and in the README, "Least privilege"). A feed path no shape covers is not answered.
 */
const FEED_SHAPES: readonly { pattern: RegExp; operation: string; why: string }[] = Object.freeze([
  { pattern: /^\/dashboard\/projects\.atom$/, operation: 'feed-your-projects', why: 'The dashboard\'s project activity feed.' },
  { pattern: /^\/-\/user_settings\/personal_access_tokens\.ics$/, operation: 'feed-token-expiration', why: 'The token expiration calendar on the access tokens page.' },
  { pattern: /^(\/dashboard|\/.+\/-)\/issues\.(atom|ics)$/, operation: 'feed-issues', why: 'Issue lists (dashboard, group, project) as Atom or iCalendar.' },
  { pattern: /^(\/dashboard|\/.+\/-)\/merge_requests\.atom$/, operation: 'feed-merge-requests', why: 'Merge request lists (dashboard, group, project).' },
  { pattern: /^\/.+\/-\/commits\/[^/]+\.atom$/, operation: 'feed-project-commits', why: 'A project\'s commits on a ref.' },
  { pattern: /^\/.+\/-\/tags\.atom$/, operation: 'feed-project-tags', why: 'A project\'s tags.' },
  { pattern: /^\/groups\/.+?(\/-\/activity)?\.atom$/, operation: 'feed-group-activity', why: 'A group\'s activity (`/groups/<group>.atom`).' },
  { pattern: /^\/[^/]+\.atom$/, operation: 'feed-user-activity', why: 'One segment: a user\'s activity (`/<username>.atom`).' },
  {
    pattern: /^\/(?!dashboard\/|groups\/|users\/|-\/)[^/]+(\/[^/]+)*\/(?!-\/)[^/]+\.atom$/,
    operation: 'feed-project-activity',
    why: 'Namespace and project (not /dashboard, /groups, /users or /-): the project\'s activity.',
  },
]);

export function feedOperation(path: string): string | undefined {
  // Under `/-/` only the feeds listed above: `…/-/wikis.atom` and the like are not on the page.
  if (path.includes('/-/') && !/\/-\/(issues\.(atom|ics)|merge_requests\.atom|tags\.atom|commits\/[^/]+\.atom)$/.test(path) && !/^\/groups\/.+\/-\/activity\.atom$/.test(path) && path !== '/-/user_settings/personal_access_tokens.ics')
    return undefined;
  return FEED_SHAPES.find((s) => s.pattern.test(path))?.operation;
}
