/**
 * `permgen diff` on endpoint tables against a brute force (adapted from a bug hunt's fuzzer): random
 * small job-token tables (literals, parameters, splats, prefixed and compound parameters, optional
 * groups; granted, unavailable and `None` rows) and a random edit of each (a row removed, added,
 * moved, re-patterned or re-permissioned). Every request path of up to four segments over a small
 * alphabet is answered by both tables with `interpretRoute` (as `permgen match`); when some request's
 * access widens (the README's rule), the diff must report a widened change. Seeded, so a failure
 * reproduces; the hunt found 1-4 misses per 400 edits before the intersection witnesses.
 */
import { describe, expect, it } from 'vitest';
import { parsePathPattern } from '../../generator/model/parse-path-pattern.ts';
import { jobTokenRouteTable } from '../../generator/model/route-tables.ts';
import { interpretRoute, prepareRouteTable } from '../../generator/model/route-table.ts';
import { compareRouteTables } from '../../generator/diff/compare-routes.ts';
import type { JobTokenEndpoint } from '../../generator/model/catalog.ts';

function fuzz(seed: number, iterations: number): string[] {
  let state = seed;
  const rnd = () => (state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff) / 0x80000000;
  const pick = <T,>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const LITS = ['a', 'b', 'c'];
  const PERMS = ['P1', 'P2'];
  const randomPath = (): string => {
    const n = 1 + Math.floor(rnd() * 4);
    const segs: string[] = [];
    let names = 0;
    for (let i = 0; i < n; i++) {
      const r = rnd();
      if (r < 0.5) segs.push(pick(LITS));
      else if (r < 0.8) segs.push(`:p${names++}`);
      else if (r < 0.9) segs.push(`*s${names++}`);
      else if (r < 0.93) segs.push(`${pick(LITS)}-:q${names++}`);
      else if (r < 0.96) segs.push(`:q${names++}.:r${names++}`);
      else segs.push(`*t${names++}.tgz`);
    }
    let p = `/${segs.join('/')}`;
    if (rnd() < 0.15) {
      const k = p.lastIndexOf('/');
      if (k > 0) p = `${p.slice(0, k)}(${p.slice(k)})`;
    }
    return p;
  };
  // kind 0: unavailable, 1: granted, 2: `None` (beta page: the token's default access).
  const row = (method: string, path: string, kind: number, permissions: string[], i: number): JobTokenEndpoint | undefined => {
    const parsed = parsePathPattern(path);
    if ('error' in parsed) return undefined;
    const position = { file: 'f', line: i + 1, column: 1 };
    return {
      text: `${method} ${path}`, method, path, pattern: parsed.pattern, permissions: kind === 1 ? permissions : [], labels: '', controlled: kind === 1, description: '',
      ...(kind === 0 ? { section: { kind: 'unavailable', heading: 'U', position } } : {}), position, pathPosition: position,
    } as unknown as JobTokenEndpoint;
  };
  const randomRow = (i: number): JobTokenEndpoint => {
    for (;;) {
      const kind = rnd() < 0.3 ? 0 : rnd() < 0.9 ? 1 : 2;
      const permissions = kind === 1 ? [...new Set([pick(PERMS), ...(rnd() < 0.3 ? [pick(PERMS)] : [])])] : [];
      const r = row(rnd() < 0.75 ? 'GET' : rnd() < 0.5 ? 'HEAD' : 'POST', randomPath(), kind, permissions, i);
      if (r) return r;
    }
  };
  const mutate = (rows: JobTokenEndpoint[]): JobTokenEndpoint[] => {
    const out = rows.map((r, i) => ({ ...r, position: { ...r.position, line: i + 1 } }));
    const k = Math.floor(rnd() * out.length);
    const r = rnd();
    if (r < 0.25) out.splice(k, 1);
    else if (r < 0.5) out.splice(k, 0, randomRow(k));
    else if (r < 0.7 && out.length > 1) {
      const j = Math.floor(rnd() * out.length);
      [out[k], out[j]] = [out[j]!, out[k]!];
    } else if (r < 0.85) {
      const o = out[k]!;
      const n = row(o.method, randomPath(), o.controlled ? 1 : 'section' in o && o.section ? 0 : 2, [...o.permissions], k);
      if (n) out[k] = n;
    } else out[k] = row(out[k]!.method, out[k]!.path, rnd() < 0.3 ? 0 : 1, [pick(PERMS)], k) ?? out[k]!;
    return out;
  };
  const ALPHA = ['a', 'b', 'c', 'x', 'a-x', 'x.x', 'x.tgz'];
  const paths: string[] = [];
  const grow = (prefix: string[]) => {
    if (prefix.length > 0) paths.push(`/${prefix.join('/')}`);
    if (prefix.length < 4) for (const s of ALPHA) grow([...prefix, s]);
  };
  grow([]);
  const NONE = { rank: 0, permissions: [] as readonly string[] };
  const access = (r: JobTokenEndpoint | undefined) => (r ? jobTokenRouteTable.access(r) : NONE);
  const widens = (o: { rank: number; permissions: readonly string[] }, n: { rank: number; permissions: readonly string[] }) =>
    n.rank !== o.rank ? n.rank > o.rank : n.rank === 1 && o.permissions.some((p) => !n.permissions.includes(p));

  const missed: string[] = [];
  for (let it = 0; it < iterations; it++) {
    const oldRows = Array.from({ length: 2 + Math.floor(rnd() * 4) }, (_, i) => randomRow(i));
    let newRows = mutate(oldRows);
    if (rnd() < 0.3) newRows = mutate(newRows);
    const before = prepareRouteTable(oldRows);
    const after = prepareRouteTable(newRows);
    let witness: string | undefined;
    search: for (const method of ['GET', 'POST', 'HEAD']) {
      for (const p of paths) {
        const a = interpretRoute(before, method, p, '/api/v4').matches[0]?.candidate.route.endpoint;
        const b = interpretRoute(after, method, p, '/api/v4').matches[0]?.candidate.route.endpoint;
        if (widens(access(a), access(b))) {
          witness = `${method} ${p}`;
          break search;
        }
      }
    }
    if (witness === undefined) continue;
    if (!compareRouteTables('t', jobTokenRouteTable, oldRows, newRows).some((c) => c.impact === 'widened'))
      missed.push(`${witness} widens: ${oldRows.map((r) => r.text).join(', ')} → ${newRows.map((r) => r.text).join(', ')}`);
  }
  return missed;
}

describe('permgen diff on random endpoint-table edits, against every short request', () => {
  it.each([7, 31])('seed %i: every widening a request shows is reported widened', (seed) => {
    expect(fuzz(seed, 300)).toEqual([]);
  }, 120_000);
});
