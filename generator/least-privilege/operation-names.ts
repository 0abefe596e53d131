/**
 * Short names for the operations of GitLab's "Fine-grained permissions for Git and other operations"
 * page (`gitlab-pat-fine-grained-other-operations.3f07355.md`), used in a workload list
 * (`git push group/project`, `registry pull group/project`) and as `operation` in
 * `leastPrivilegeForRequests` requests. Each names the page's Operation / Feed cell exactly as
 * written, so the fine-grained answer finds its row in the operations table; classic-scope readings
 * refer to the same names. Emitted as `gitlabOperationNames` by `generator/emit/least-privilege.ts`;
 * the README ("Least privilege") documents the list syntax.
 */
import type { GitlabOperationName } from '../emit/runtime/least-privilege-gitlab.ts';

export const OPERATIONS_PAGE = 'gitlab-pat-fine-grained-other-operations.3f07355.md';

export interface OperationNameEntry extends GitlabOperationName {
  /** The list syntax that produces it (`git push <project>`). */
  syntax: string;
}

export const GITLAB_OPERATION_NAMES: Readonly<Record<string, OperationNameEntry>> = Object.freeze({
  'git-pull': { syntax: 'git clone|pull|fetch <project>', pageOperation: 'Clone or pull a project repository', section: 'Git operations' },
  'git-push': { syntax: 'git push <project>', pageOperation: 'Push to a project repository', section: 'Git operations' },
  'git-pull-wiki': { syntax: 'git clone|pull|fetch <project-or-group>.wiki', pageOperation: 'Clone or pull a wiki', section: 'Git operations' },
  'git-push-wiki': { syntax: 'git push <project-or-group>.wiki', pageOperation: 'Push to a wiki', section: 'Git operations' },
  'git-pull-snippet': { syntax: 'git clone|pull|fetch [<project>/]snippets/<id>', pageOperation: 'Clone or pull a snippet', section: 'Git operations' },
  'git-push-snippet': { syntax: 'git push [<project>/]snippets/<id>', pageOperation: 'Push to a snippet', section: 'Git operations' },
  'lfs-download': { syntax: 'lfs download <project>', pageOperation: 'Download Git LFS objects', section: 'Git operations' },
  'lfs-upload': { syntax: 'lfs upload <project>', pageOperation: 'Upload Git LFS objects', section: 'Git operations' },
  'registry-pull': { syntax: 'registry pull <project>', pageOperation: 'Pull container images', section: 'Container registry' },
  'registry-delete': { syntax: 'registry delete <project>', pageOperation: 'Delete container images and tags', section: 'Container registry' },
  'registry-push': {
    syntax: 'registry push <project>',
    section: 'Container registry',
    unavailable: { quote: 'You cannot use fine-grained personal access tokens to push container images.', source: `${OPERATIONS_PAGE}:65` },
  },
  'dependency-proxy-pull': { syntax: 'dependency-proxy pull <group>', pageOperation: 'Pull container images through the dependency proxy', section: 'Dependency proxy' },
  'archive-download': { syntax: 'archive download <project>', pageOperation: 'Download a repository archive', section: 'Archive and release asset downloads' },
  'release-asset-download': { syntax: 'release-asset download <project>', pageOperation: 'Download a release asset from a direct link', section: 'Archive and release asset downloads' },
  'feed-user-activity': { syntax: 'feed GET /<user>.atom', pageOperation: 'User activity', section: 'RSS and calendar feeds' },
  'feed-project-activity': { syntax: 'feed GET /<group>/<project>.atom', pageOperation: 'Project activity', section: 'RSS and calendar feeds' },
  'feed-group-activity': { syntax: 'feed GET /groups/<group>.atom, /groups/<group>/-/activity.atom', pageOperation: 'Group activity', section: 'RSS and calendar feeds' },
  'feed-project-commits': { syntax: 'feed GET /<group>/<project>/-/commits/<ref>.atom', pageOperation: 'Project commits', section: 'RSS and calendar feeds' },
  'feed-project-tags': { syntax: 'feed GET /<group>/<project>/-/tags.atom', pageOperation: 'Project tags', section: 'RSS and calendar feeds' },
  'feed-issues': { syntax: 'feed GET …/-/issues.atom|.ics, /dashboard/issues.atom|.ics', pageOperation: 'Issues and work items, including calendars', section: 'RSS and calendar feeds' },
  'feed-merge-requests': { syntax: 'feed GET …/-/merge_requests.atom, /dashboard/merge_requests.atom', pageOperation: 'Merge requests', section: 'RSS and calendar feeds' },
  'feed-your-projects': { syntax: 'feed GET /dashboard/projects.atom', pageOperation: 'Your projects', section: 'RSS and calendar feeds' },
  'feed-token-expiration': { syntax: 'feed GET /-/user_settings/personal_access_tokens.ics', pageOperation: 'Personal access token expiration calendar', section: 'RSS and calendar feeds' },
  'design-image-download': { syntax: 'design download <project>', pageOperation: 'Download a design management image', section: 'Other operations' },
  'editor-telemetry': { syntax: 'telemetry forward <user>', pageOperation: 'Forward editor extension telemetry events', section: 'Other operations' },
  'live-comments': { syntax: 'websocket comments <project-or-group>', pageOperation: 'Receive live comment updates over WebSocket', section: 'Other operations' },
});
