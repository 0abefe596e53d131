/** Names from pages become member names: reserved words, leading digits and collisions. */
import { describe, expect, it } from 'vitest';
import { Project } from 'ts-morph';
import { constantKey, isIdentifier, stringLiteral } from '../../generator/emit/ts/identifier.ts';
import { stringUnionStatements } from '../../generator/emit/ts/string-union.ts';
import { Reporter } from '../../generator/diagnostics/reporter.ts';
import { realCatalog, writePackage } from '../helpers/build.ts';

const at = { file: 'sources/page.md', line: 7, column: 3 };

describe('identifiers from page text', () => {
  it.each([
    ['read:issue', 'READ_ISSUE'],
    ['read-x', 'READ_X'],
    ['2fa', '_2FA'],
    ['class', 'CLASS'],
    ['  ', '_'],
    ['ＲＥＡＤ', 'READ'],
  ])('%j → %s', (value, key) => {
    expect(constantKey(value)).toBe(key);
    expect(isIdentifier(key)).toBe(true);
  });

  it('escapes line separators that JSON leaves raw', () => {
    expect(stringLiteral('a\u2028b"c\\')).toBe('"a\\u2028b\\"c\\\\"');
  });

  it('reports values that collide after normalization, keeping the first', () => {
    const report = new Reporter();
    const statements = stringUnionStatements(
      {
        typeName: 'Scope',
        listName: 'scopes',
        guardName: 'isScope',
        description: 'Test scopes',
        members: [
          { value: 'READ_X', description: 'first', position: at },
          { value: 'read-x', description: 'second', position: { ...at, line: 8 } },
          { value: 'class', description: 'reserved word', position: { ...at, line: 9 } },
        ],
      },
      { enumStyle: 'enum' },
      report,
    );
    expect(report.diagnostics.map((d) => [d.ruleId, d.line, d.message])).toEqual([
      ['identifier-collision', 8, '`read-x` and `READ_X` both become the member name `Scope.READ_X`.'],
    ]);
    const file = new Project({ useInMemoryFileSystem: true }).createSourceFile('/s.ts', { statements });
    expect(file.getEnumOrThrow('Scope').getMembers().map((m) => [m.getName(), m.getValue()])).toEqual([
      ['READ_X', 'READ_X'],
      ['CLASS', 'class'],
    ]);
  });
});

describe('Buildkite enum names a module cannot declare', () => {
  // The real Buildkite page read, its enum renamed as a page could name it (valid GraphQL names all).
  it.each([
    ['Objects', '`Object`'],
    ['Sets', '`Set`'],
    ['Strings', '`String`'],
    ['vars', '`var`'],
    ['Index', '`buildkite/index.ts`'],
    ['Runtimes', '`buildkite/runtimes.ts`'],
  ])('%s is refused with identifier-reserved at the page (an error: generate writes nothing)', async (name, named) => {
    const { catalog } = await realCatalog();
    const renamed = { ...catalog, sources: catalog.sources.map((s) => (s.kind === 'buildkite-enum' ? { ...s, name } : s)) };
    const { files, report } = await writePackage(renamed);
    const errors = report.diagnostics.filter((d) => d.severity === 'error');
    if (name === 'Runtimes') {
      // A control: `runtimes` is not reserved; the package is emitted with the module.
      expect(errors).toEqual([]);
      expect(files.has('src/buildkite/runtimes.ts')).toBe(true);
      return;
    }
    expect(errors.map((d) => [d.ruleId, d.file])).toEqual([['identifier-reserved', 'sources/buildkite-graphql-enum-api-access-token-scopes.html']]);
    expect(errors[0]!.message).toContain(named);
  });
});
