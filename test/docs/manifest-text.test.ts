/**
 * Text from sources/sources.json (a page's title and upstream URL) lands in Markdown: the package
 * README, docs/README.md and each regenerated page's front matter. A URL becomes a link only when it
 * is http(s); a title can never add front matter keys. Expectations written by hand.
 */
import { describe, expect, it } from 'vitest';
import { markdownUrl, yamlScalar } from '../../generator/docs/handlebars.ts';
import { parse as parseYaml } from 'yaml';

describe('markdownUrl', () => {
  it.each([
    ['https://docs.gitlab.com/ci/jobs/fine_grained_permissions/', '<https://docs.gitlab.com/ci/jobs/fine_grained_permissions/>'],
    ['javascript:alert(document.domain)', '`javascript:alert(document.domain)`'],
    ['data:text/html,<script>alert(1)</script>', '`data:text/html,<script>alert(1)</script>`'],
    ['not a url', '`not a url`'],
  ])('%s → %s', (url, expected) => expect(markdownUrl(url)).toBe(expected));
});

describe('yamlScalar', () => {
  it('leaves the pages\' own titles as they are (regenerated front matter matches upstream)', () => {
    for (const title of ['Fine-grained permissions for CI/CD job tokens', 'Personal access tokens', 'APIAccessTokenScopes']) expect(yamlScalar(title)).toBe(title);
  });

  it.each(['Jobs\nlayout: evil', 'a: b', '---', '# comment', "'quoted'", 'trailing ', '{x}', 'x #y', '- item', '*alias'])('%j is quoted and reads back as itself', (title) => {
    const line = `title: ${yamlScalar(title)}`;
    expect(parseYaml(line)).toEqual({ title });
  });
});
