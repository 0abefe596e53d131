/** Checks over the whole model, run in this order after extraction. */
import type { ValidationRule } from './rule.ts';
import { enumValueIdentifier } from './rules/enum-value-identifier.ts';

export const validationRules: readonly ValidationRule[] = Object.freeze([
  // Buildkite enum values must be GraphQL names (they become union members and enum keys).
  enumValueIdentifier,
]);
