/** Checks over the whole model, run in this order after extraction. */
import type { ValidationRule } from './rule.ts';
import { enumValueIdentifier } from './rules/enum-value-identifier.ts';
import { routeOverlap } from './rules/route-overlap.ts';
import { routeShadowed } from './rules/route-shadowed.ts';
import { gitlabPermissionSpelling } from './rules/gitlab-permission-spelling.ts';

export const validationRules: readonly ValidationRule[] = Object.freeze([
  // Buildkite enum values must be GraphQL names (they become union members and enum keys).
  enumValueIdentifier,
  // Every endpoint table (route-tables.ts): routes of one method that share a path but need different access.
  routeOverlap,
  // Every endpoint table (route-tables.ts): routes that more specific routes always win against.
  routeShadowed,
  // GitLab fine-grained permissions: one spelling of each permission across the GraphQL, REST and operations pages.
  gitlabPermissionSpelling,
]);
