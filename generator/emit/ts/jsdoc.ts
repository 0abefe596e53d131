import type { JSDocStructure, OptionalKind } from 'ts-morph';
import type { SourcePosition } from '../../model/position.ts';
import { safeComment } from '../header.ts';

/** A JSDoc block carrying the page's description and a link back to the source line. */
export function docFrom(description: string, at?: SourcePosition, url?: string): OptionalKind<JSDocStructure> {
  const tags: { tagName: string; text: string }[] = [];
  if (at) tags.push({ tagName: 'see', text: safeComment(`${at.file}:${at.line}:${at.column}`) });
  if (url) tags.push({ tagName: 'see', text: safeComment(url) });
  return { description: safeComment(description.trim()), tags };
}
