/**
 * Random operations over a schema, for property tests: random field selections to a bounded depth,
 * with aliases, inline fragments, named fragments (hoisted selections), abstract types and the
 * required arguments filled in. Every operation it produces is valid for the schema.
 */
import fc from 'fast-check';
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

interface FieldItem {
  kind: 'field';
  name: string;
  alias: boolean;
  args: string;
  type: GraphQLCompositeType | undefined;
  sub: Selection | undefined;
}
interface InlineItem {
  kind: 'inline';
  on: string;
  sub: Selection;
}
type Item = FieldItem | InlineItem;
interface Selection {
  items: Item[];
  /** Render as a named fragment spread. */
  hoist: boolean;
  /** Wrap in `... on Type { }`. */
  inline: boolean;
}

export interface GeneratedOperation {
  text: string;
}

export function operationArbitrary(schema: GraphQLSchema, depth = 3): fc.Arbitrary<GeneratedOperation> {
  const cache = new Map<string, fc.Arbitrary<Selection>>();

  const selection = (type: GraphQLCompositeType, left: number): fc.Arbitrary<Selection> => {
    const key = `${type.name}:${left}`;
    let arb = cache.get(key);
    if (arb) return arb;
    const parts: fc.Arbitrary<Item | undefined>[] = [];
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        const named = getNamedType(field.type);
        if (isCompositeType(named) && left === 0) continue;
        parts.push(fc.option(fieldItem(field, named, left), { nil: undefined, freq: 2 }));
      }
    }
    if (isAbstractType(type) && left > 0) {
      for (const possible of schema.getPossibleTypes(type)) parts.push(fc.option(selection(possible, left - 1).map((sub): Item => ({ kind: 'inline', on: possible.name, sub })), { nil: undefined, freq: 3 }));
    }
    arb = fc.record({ items: fc.tuple(...parts).map((items) => items.filter((i): i is Item => i !== undefined)), hoist: fc.boolean(), inline: fc.boolean() });
    cache.set(key, arb);
    return arb;
  };

  const fieldItem = (field: GraphQLField<unknown, unknown>, named: ReturnType<typeof getNamedType>, left: number): fc.Arbitrary<Item> => {
    const args = field.args.filter((a) => isNonNullType(a.type)).map((a) => `${a.name}: ${value(a.type)}`);
    const base = { kind: 'field' as const, name: field.name, args: args.length > 0 ? `(${args.join(', ')})` : '' };
    if (isLeafType(named)) return fc.boolean().map((alias) => ({ ...base, alias, type: undefined, sub: undefined }));
    const composite = named as GraphQLCompositeType;
    return fc.record({ alias: fc.boolean(), sub: selection(composite, left - 1) }).map(({ alias, sub }) => ({ ...base, alias, type: composite, sub }));
  };

  const root = (kind: 'query' | 'mutation' | 'subscription') => {
    const type = kind === 'query' ? schema.getQueryType() : kind === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    return selection(type!, depth).map((sel) => ({ kind, type: type!, sel }));
  };

  return fc.oneof({ arbitrary: root('query'), weight: 4 }, { arbitrary: root('mutation'), weight: 1 }, { arbitrary: root('subscription'), weight: 1 }).map(({ kind, type, sel }) => {
    const fragments: string[] = [];
    let aliases = 0;
    const render = (on: GraphQLCompositeType | string, s: Selection, top: boolean): string => {
      let items = s.items.map((item) => {
        if (item.kind === 'inline') return `... on ${item.on} ${render(item.on, item.sub, false)}`;
        const alias = item.alias ? `a${++aliases}: ` : '';
        return `${alias}${item.name}${item.args}${item.sub && item.type ? ` ${render(item.type, item.sub, false)}` : ''}`;
      });
      // A subscription selects exactly one root field.
      if (top && kind === 'subscription') items = items.slice(0, 1);
      if (items.length === 0) items = top && kind !== 'query' ? [firstRootField(kind)] : ['__typename'];
      const body = items.join(' ');
      const name = typeof on === 'string' ? on : on.name;
      if (s.hoist && !(top && kind === 'subscription')) {
        const fragment = `F${fragments.length + 1}`;
        fragments.push(`fragment ${fragment} on ${name} { ${body} }`);
        return `{ ...${fragment} }`;
      }
      return s.inline && !(top && kind === 'subscription') ? `{ ... on ${name} { ${body} } }` : `{ ${body} }`;
    };
    const firstRootField = (k: 'mutation' | 'subscription') => {
      const t = k === 'mutation' ? schema.getMutationType()! : schema.getSubscriptionType()!;
      const f = Object.values(t.getFields())[0]!;
      const args = f.args.filter((a) => isNonNullType(a.type)).map((a) => `${a.name}: ${value(a.type)}`);
      return `${f.name}${args.length > 0 ? `(${args.join(', ')})` : ''} { __typename }`;
    };
    const text = `${kind} ${render(type, sel, true)}${fragments.map((f) => `\n${f}`).join('')}`;
    return { text };
  });
}

/** A literal for a required argument. */
function value(type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    const fields = Object.values(named.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${fields.map((f) => `${f.name}: ${value(f.type)}`).join(', ')} }`;
  }
  if (isEnumType(named)) return named.getValues()[0]!.name;
  switch (named.name) {
    case 'Int':
    case 'Float':
      return '1';
    case 'Boolean':
      return 'true';
    default:
      return '"1"';
  }
}

