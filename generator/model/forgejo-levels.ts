import type { ForgejoLevel, ForgejoScopesModel } from './catalog.ts';

/** Whether `a` includes `b` by the page's level list: `a` allows every method `b` allows. Unknown levels include only themselves. */
export function levelIncludes(model: ForgejoScopesModel, a: ForgejoLevel, b: ForgejoLevel): boolean {
  if (a === b) return true;
  const ra = model.levels.find((l) => l.level === a);
  const rb = model.levels.find((l) => l.level === b);
  if (!ra || !rb || rb.methods.length === 0) return false;
  return rb.methods.every((m) => ra.methods.includes(m));
}
