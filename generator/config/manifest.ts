/** The source manifest, `sources/sources.json`: one entry per page. Adding a page of a known format is an entry here, not code. */
import type { Provider, TokenType } from '../model/catalog.ts';
import type { Reporter } from '../diagnostics/reporter.ts';
import type { SourcePosition } from '../model/position.ts';
import { parseJsonWithPositions } from './json-with-positions.ts';

export interface ManifestEntry {
  id: string;
  /** Relative to the sources folder. */
  file: string;
  format: string;
  /** Pins the extractor; otherwise recognised from the page's headers. */
  kind?: string;
  provider: Provider;
  title: string;
  url: string;
  /**
   * The token type a GitLab token scope page is about, for scope tables that do not say which token
   * types each scope is available to (`Scope | Access`), with where the manifest says so.
   */
  tokenType?: { type: TokenType; position: SourcePosition };
  /** Where the entry is in the manifest. */
  position: SourcePosition;
}

const PROVIDERS: readonly Provider[] = ['gitlab', 'buildkite', 'forgejo'];
const REQUIRED = ['id', 'file', 'format', 'provider', 'title', 'url'] as const;
const TOKEN_TYPES: readonly TokenType[] = ['personal', 'group', 'project'];

export function parseManifest(text: string, file: string, report: Reporter): ManifestEntry[] {
  const json = parseJsonWithPositions(text, file, report);
  if (!json) return [];
  const root = json.value as { sources?: unknown };
  if (!root || typeof root !== 'object' || !Array.isArray(root.sources)) {
    report.error('manifest-shape', 'The manifest has no `sources` array.', json.at([]), 'Write `{ "sources": [ { "id": …, "file": …, … } ] }`.');
    return [];
  }
  const entries: ManifestEntry[] = [];
  const seen = new Set<string>();
  root.sources.forEach((raw: unknown, i: number) => {
    const at = json.at(['sources', i]);
    const entry = raw as Record<string, unknown>;
    const missing = REQUIRED.filter((k) => typeof entry?.[k] !== 'string' || entry[k] === '');
    if (missing.length > 0) {
      report.error('manifest-entry', `Manifest entry ${i + 1} lacks ${missing.map((k) => `\`${k}\``).join(', ')}.`, at, `Each entry needs ${REQUIRED.join(', ')}.`);
      return;
    }
    const e = entry as Record<(typeof REQUIRED)[number], string> & { kind?: unknown; tokenType?: unknown };
    if (!/^[a-z][a-z0-9-]*$/.test(e.id)) {
      report.error('manifest-entry', `Source id \`${e.id}\` is not lower-case kebab-case.`, json.at(['sources', i, 'id']), 'Use letters, digits and `-`, starting with a letter.');
      return;
    }
    if (seen.has(e.id)) {
      report.error('manifest-entry', `Source id \`${e.id}\` is used twice.`, json.at(['sources', i, 'id']), 'Give each page its own id.');
      return;
    }
    if (!PROVIDERS.includes(e.provider as Provider)) {
      report.error('manifest-entry', `Unknown provider \`${e.provider}\`.`, json.at(['sources', i, 'provider']), `Use one of ${PROVIDERS.join(', ')}.`);
      return;
    }
    if (e.file.includes('..') || e.file.startsWith('/')) {
      report.error('manifest-entry', `Source file \`${e.file}\` is outside the sources folder.`, json.at(['sources', i, 'file']), 'Name a file inside sources/.');
      return;
    }
    if (e.tokenType !== undefined && !TOKEN_TYPES.includes(e.tokenType as TokenType)) {
      report.error('manifest-entry', `Unknown token type \`${String(e.tokenType)}\`.`, json.at(['sources', i, 'tokenType']), `Use one of ${TOKEN_TYPES.join(', ')}.`);
      return;
    }
    seen.add(e.id);
    entries.push({
      id: e.id,
      file: e.file,
      format: e.format,
      ...(typeof e.kind === 'string' ? { kind: e.kind } : {}),
      provider: e.provider as Provider,
      title: e.title,
      url: e.url,
      ...(e.tokenType !== undefined ? { tokenType: { type: e.tokenType as TokenType, position: json.at(['sources', i, 'tokenType']) } } : {}),
      position: at,
    });
  });
  return entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
