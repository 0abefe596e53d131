import type { ValidationRule } from '../rule.ts';

/** Buildkite enum values are GraphQL enum values, so GraphQL Names: a letter or `_`, then letters, digits, `_` (GraphQL spec, Names). */
export const enumValueIdentifier: ValidationRule = {
  id: 'enum-value-identifier',
  description: 'Every enum value is a GraphQL name.',
  check(catalog, report) {
    for (const source of catalog.sources) {
      if (source.kind !== 'buildkite-enum') continue;
      for (const v of source.values) {
        if (!/^[_A-Za-z][_0-9A-Za-z]*$/.test(v.name)) {
          report.error('enum-value-identifier', `Enum value \`${v.name}\` is not a GraphQL name.`, v.position, 'Enum values are letters, digits and `_`, not starting with a digit.');
        }
      }
    }
  },
};
