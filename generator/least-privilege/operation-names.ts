/**
 * Short names for the operations of GitLab's "Fine-grained permissions for Git and other operations"
 * page (`gitlab-pat-fine-grained-other-operations.3f07355.md`), used in a workload list
 * (`git push group/project`, `registry pull group/project`) and as `operation` in
 * `leastPrivilegeForRequests` requests. Each names the page operation's id as the operations emitter
 * writes it (`gitlabOperationPermissions` keys: section anchor, `:`, kebab-cased Operation / Feed
 * cell), so the fine-grained answer reads that row; classic-scope readings refer to the same short
 * names. An id the page does not have is a generation error (`least-privilege-operation-missing`)
 * and, in the package, a type error (the record is typed with the page's `GitlabOperation` union).
 * Emitted as `workloadOperationNames` by `generator/emit/least-privilege.ts`; the README ("Least
 * privilege") documents the list syntax.
 */
import type { WorkloadOperationName } from '../emit/runtime/least-privilege-gitlab.ts';

const OPERATIONS_PAGE = 'gitlab-pat-fine-grained-other-operations.3f07355.md';

/**
 * Footnote 2 of the Git operations table, line 51, as the snippet operations cite it. The emitter
 * (`checkOperationNames`) keeps `snippetBoundaries` only while the page's snippet rows still cite a
 * footnote with these words at that line; otherwise it warns and the rows' own boundaries stand.
 */
export const SNIPPET_FOOTNOTE = 'Project snippets use the project boundary and personal snippets use the user boundary.';
const SNIPPET_BOUNDARIES = Object.freeze({ personal: 'user', project: 'project', source: `sources/${OPERATIONS_PAGE}:51:1` });

export interface OperationNameEntry extends WorkloadOperationName {
  /** The list syntax that produces it (`git push <project>`). */
  syntax: string;
}

export const WORKLOAD_OPERATION_NAMES: Readonly<Record<string, OperationNameEntry>> = Object.freeze({
  'git-pull': { syntax: 'git clone|pull|fetch <project>', operation: 'git-operations:clone-or-pull-a-project-repository' },
  'git-push': { syntax: 'git push <project>', operation: 'git-operations:push-to-a-project-repository' },
  'git-pull-wiki': { syntax: 'git clone|pull|fetch <project-or-group>.wiki', operation: 'git-operations:clone-or-pull-a-wiki' },
  'git-push-wiki': { syntax: 'git push <project-or-group>.wiki', operation: 'git-operations:push-to-a-wiki' },
  'git-pull-snippet': { syntax: 'git clone|pull|fetch [<project>/]snippets/<id>', operation: 'git-operations:clone-or-pull-a-snippet', snippetBoundaries: SNIPPET_BOUNDARIES },
  'git-push-snippet': { syntax: 'git push [<project>/]snippets/<id>', operation: 'git-operations:push-to-a-snippet', snippetBoundaries: SNIPPET_BOUNDARIES },
  'lfs-download': { syntax: 'lfs download <project>', operation: 'git-operations:download-git-lfs-objects' },
  'lfs-upload': { syntax: 'lfs upload <project>', operation: 'git-operations:upload-git-lfs-objects' },
  'registry-pull': { syntax: 'registry pull <project>', operation: 'container-registry:pull-container-images' },
  'registry-delete': { syntax: 'registry delete <project>', operation: 'container-registry:delete-container-images-and-tags' },
  'registry-push': {
    syntax: 'registry push <project>',
    // `sources/<file>:line:column`, as every other source in the package.
    unavailable: { quote: 'You cannot use fine-grained personal access tokens to push container images.', source: `sources/${OPERATIONS_PAGE}:65:1` },
  },
  'dependency-proxy-pull': { syntax: 'dependency-proxy pull <group>', operation: 'dependency-proxy:pull-container-images-through-the-dependency-proxy' },
  'archive-download': { syntax: 'archive download <project>', operation: 'archive-and-release-asset-downloads:download-a-repository-archive' },
  'release-asset-download': { syntax: 'release-asset download <project>', operation: 'archive-and-release-asset-downloads:download-a-release-asset-from-a-direct-link' },
  'feed-user-activity': { syntax: 'feed GET /<user>.atom', operation: 'rss-and-calendar-feeds:user-activity' },
  'feed-project-activity': { syntax: 'feed GET /<group>/<project>.atom', operation: 'rss-and-calendar-feeds:project-activity' },
  'feed-group-activity': { syntax: 'feed GET /groups/<group>.atom, /groups/<group>/-/activity.atom', operation: 'rss-and-calendar-feeds:group-activity' },
  'feed-project-commits': { syntax: 'feed GET /<group>/<project>/-/commits/<ref>.atom', operation: 'rss-and-calendar-feeds:project-commits' },
  'feed-project-tags': { syntax: 'feed GET /<group>/<project>/-/tags.atom', operation: 'rss-and-calendar-feeds:project-tags' },
  'feed-issues': { syntax: 'feed GET …/-/issues.atom|.ics, /dashboard/issues.atom|.ics', operation: 'rss-and-calendar-feeds:issues-and-work-items-including-calendars' },
  'feed-merge-requests': { syntax: 'feed GET …/-/merge_requests.atom, /dashboard/merge_requests.atom', operation: 'rss-and-calendar-feeds:merge-requests' },
  'feed-your-projects': { syntax: 'feed GET /dashboard/projects.atom', operation: 'rss-and-calendar-feeds:your-projects' },
  'feed-token-expiration': { syntax: 'feed GET /-/user_settings/personal_access_tokens.ics', operation: 'rss-and-calendar-feeds:personal-access-token-expiration-calendar' },
  'design-image-download': { syntax: 'design download <project>', operation: 'other-operations:download-a-design-management-image' },
  'editor-telemetry': { syntax: 'telemetry forward <user>', operation: 'other-operations:forward-editor-extension-telemetry-events' },
  'live-comments': { syntax: 'websocket comments <project-or-group>', operation: 'other-operations:receive-live-comment-updates-over-websocket' },
});
