/**
 * A hand-written `GraphqlPermissionsModel` for test/fixtures/graphql-guard/page.export.txt (a small page
 * in the layout of GitLab's export): the guard's tests use it as their input, independent of the real
 * extractor. Lines are those of the fixture page; permission ids follow the model's
 * `snake(action)_snake(resource)` rule, written out by hand. Milestone (read_work_item, read_release)
 * and Commit (read_code, read_repository) have two permissions, to exercise the choice between them.
 */
import type { Boundary, GraphqlCategory, GraphqlGrant, GraphqlKind, GraphqlPermissionsModel } from '../../generator/model/catalog.ts';

export const PAGE = 'test/fixtures/graphql-guard/page.export.txt';

const row = (line: number, action: string, access: string, kind: GraphqlKind, name: string, permission: string): GraphqlGrant => ({
  action,
  access,
  boundary: access.toLowerCase() as Boundary,
  kind,
  name,
  permission,
  alsoRequires: [],
  position: { file: PAGE, line, column: 1 },
});

const at = (line: number) => ({ file: PAGE, line, column: 1 });

const categories: GraphqlCategory[] = [
  {
    name: 'CI/CD',
    text: 'CI/CD resources',
    position: at(3),
    resources: [
      {
        name: 'Runner',
        description: 'Grants the ability to create, read, and update runners.',
        position: at(4),
        grants: [
          row(8, 'Create', 'Project', 'Mutation', 'RunnerCreate', 'create_runner'),
          row(9, 'Create', 'Group', 'Mutation', 'RunnerCreate', 'create_runner'),
          row(10, 'Create', 'Instance', 'Mutation', 'RunnerCreate', 'create_runner'),
          row(11, 'Read', 'Project', 'Type', 'CiRunner', 'read_runner'),
          row(12, 'Read', 'Project', 'Field', 'Project.runners', 'read_runner'),
          row(13, 'Read', 'Project', 'Field', 'Query.runner', 'read_runner'),
          row(14, 'Read', 'Group', 'Type', 'CiRunner', 'read_runner'),
          row(15, 'Read', 'Group', 'Field', 'Group.runners', 'read_runner'),
          row(16, 'Read', 'Instance', 'Type', 'CiRunner', 'read_runner'),
          row(17, 'Read', 'Instance', 'Field', 'Query.runners', 'read_runner'),
          row(18, 'Update', 'Project', 'Mutation', 'RunnerUpdate', 'update_runner'),
          row(19, 'Update', 'Group', 'Mutation', 'RunnerUpdate', 'update_runner'),
          row(20, 'Update', 'Instance', 'Mutation', 'RunnerUpdate', 'update_runner'),
        ],
      },
      {
        name: 'Pipeline Schedule',
        description: 'Grants the ability to read pipeline schedules.',
        position: at(21),
        grants: [
          row(25, 'Read', 'Project', 'Type', 'PipelineSchedule', 'read_pipeline_schedule'),
          row(26, 'Read', 'Project', 'Field', 'Project.pipelineSchedules', 'read_pipeline_schedule'),
        ],
      },
    ],
  },
  {
    name: 'Projects',
    text: 'Projects resources',
    position: at(27),
    resources: [
      {
        name: 'Project',
        description: 'Grants the ability to read and update projects.',
        position: at(28),
        grants: [
          row(32, 'Read', 'Project', 'Type', 'Project', 'read_project'),
          row(33, 'Read', 'Project', 'Field', 'Query.project', 'read_project'),
          row(34, 'Update', 'Project', 'Mutation', 'ProjectSettingsUpdate', 'update_project'),
        ],
      },
    ],
  },
  {
    name: 'Groups',
    text: 'Groups resources',
    position: at(35),
    resources: [
      {
        name: 'Group',
        description: 'Grants the ability to read groups.',
        position: at(36),
        grants: [row(40, 'Read', 'Group', 'Type', 'Group', 'read_group'), row(41, 'Read', 'Group', 'Field', 'Query.group', 'read_group')],
      },
    ],
  },
  {
    name: 'Project Planning',
    text: 'Project Planning resources',
    position: at(42),
    resources: [
      {
        name: 'Label',
        description: 'Grants the ability to create and read labels.',
        position: at(43),
        grants: [
          row(47, 'Create', 'Project', 'Mutation', 'LabelCreate', 'create_label'),
          row(48, 'Create', 'Group', 'Mutation', 'LabelCreate', 'create_label'),
          row(49, 'Read', 'Project', 'Type', 'Label', 'read_label'),
          row(50, 'Read', 'Group', 'Type', 'Label', 'read_label'),
        ],
      },
      {
        name: 'Work Item',
        description: 'Grants the ability to create and read work items.',
        position: at(51),
        grants: [
          row(55, 'Create', 'Project', 'Mutation', 'CreateIssue', 'create_work_item'),
          row(56, 'Create', 'Project', 'Field', 'Issue.createNoteEmail', 'create_work_item'),
          row(57, 'Read', 'Project', 'Type', 'Issue', 'read_work_item'),
          row(58, 'Read', 'Project', 'Type', 'Milestone', 'read_work_item'),
        ],
      },
      {
        name: 'Release',
        description: 'Grants the ability to read releases.',
        position: at(59),
        grants: [row(63, 'Read', 'Project', 'Type', 'Milestone', 'read_release')],
      },
    ],
  },
  {
    name: 'Repository',
    text: 'Repository resources',
    position: at(64),
    resources: [
      { name: 'Code', description: 'Grants the ability to read code.', position: at(65), grants: [row(69, 'Read', 'Project', 'Type', 'Commit', 'read_code')] },
      { name: 'Repository', description: 'Grants the ability to read repositories.', position: at(70), grants: [row(74, 'Read', 'Project', 'Type', 'Commit', 'read_repository')] },
    ],
  },
  {
    name: 'Packages And Registry',
    text: 'Packages And Registry resources',
    position: at(75),
    resources: [
      {
        name: 'Container Registry Protection Tag Rule',
        description: 'Grants the ability to create container registry protection tag rules.',
        position: at(76),
        grants: [row(80, 'Create', 'Project', 'Mutation', 'createContainerProtectionTagRule', 'create_container_registry_protection_tag_rule')],
      },
    ],
  },
];

/** A fresh copy each call, so a test may change it. */
export function pageModel(): GraphqlPermissionsModel {
  return {
    kind: 'gitlab-graphql-permissions',
    source: {
      id: 'test-graphql-guard',
      file: PAGE,
      format: 'plain-text-export',
      provider: 'gitlab',
      title: 'Guard test page',
      url: 'https://example.invalid/graphql-guard-test-page',
      sha256: '0'.repeat(64),
    },
    categories: structuredClone(categories),
  };
}

/** Every permission id of the page, sorted (written out by hand). */
export const PAGE_PERMISSIONS = [
  'create_container_registry_protection_tag_rule',
  'create_label',
  'create_runner',
  'create_work_item',
  'read_code',
  'read_group',
  'read_label',
  'read_pipeline_schedule',
  'read_project',
  'read_release',
  'read_repository',
  'read_runner',
  'read_work_item',
  'update_project',
  'update_runner',
] as const;
