// The cost Shopify will charge for one of our Admin GraphQL queries, computed the way Shopify
// publishes it, so a test can refuse a query before Shopify does (it rejects any single query
// over 1,000 points with MAX_COST_EXCEEDED):
// - scalars and enums cost 0, an object costs 1 (shopify.dev, "GraphQL Admin API rate limits",
//   Cost calculation table);
// - a connection costs 2 plus, for each of the `first`/`last` items it may return, the cost of one
//   item (Shopify Engineering, "Rate limiting GraphQL APIs by calculating query complexity":
//   "Connections: two points plus the number of returned objects"); a paged plain list (our
//   `fulfillments(first:)`, `refunds(first:)`) is priced the same way, which over- rather than
//   under-estimates;
// - mutations cost 10 (same page); they are not paged and are left out here.
// Interfaces and unions would cost their most expensive selection; our queries select none.

export const SHOPIFY_MAX_QUERY_COST = 1000;

interface Field {
  name: string;
  args: Record<string, string>;
  selections: Field[] | null;
}

function tokenize(query: string): string[] {
  return query.match(/\.\.\.|"(?:[^"\\]|\\.)*"|[A-Za-z_$][\w]*|-?\d+(?:\.\d+)?|[{}():!,[\]=@]/g) ?? [];
}

function parseSelections(tokens: string[], at: { i: number }): Field[] {
  const fields: Field[] = [];
  if (tokens[at.i] !== '{') throw new Error(`expected { at token ${at.i}`);
  at.i++;
  while (tokens[at.i] !== '}') {
    if (tokens[at.i] === ',') {
      at.i++;
      continue;
    }
    let name = tokens[at.i++];
    if (tokens[at.i] === ':') {
      at.i++;
      name = tokens[at.i++];
    } // alias: name
    const args: Record<string, string> = {};
    if (tokens[at.i] === '(') {
      at.i++;
      while (tokens[at.i] !== ')') {
        if (tokens[at.i] === ',') {
          at.i++;
          continue;
        }
        const key = tokens[at.i++];
        at.i++; // ':'
        let depth = 0;
        let value = '';
        while (
          depth > 0 ||
          (tokens[at.i] !== ',' &&
            tokens[at.i] !== ')' &&
            !(depth === 0 && /^[A-Za-z_]\w*$/.test(tokens[at.i]) && tokens[at.i + 1] === ':' && value !== ''))
        ) {
          const t = tokens[at.i++];
          if (t === '[' || t === '{') depth++;
          if (t === ']' || t === '}') depth--;
          value += t;
        }
        args[key] = value;
      }
      at.i++;
    }
    const selections = tokens[at.i] === '{' ? parseSelections(tokens, at) : null;
    fields.push({ name, args, selections });
  }
  at.i++;
  return fields;
}

function pageSize(f: Field, variables: Record<string, unknown>): number | null {
  const raw = f.args.first ?? f.args.last;
  if (raw === undefined) return null;
  const value = raw.startsWith('$') ? variables[raw.slice(1)] : Number(raw);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`page size of ${f.name} is not known: pass $${raw.slice(1)}`);
  return value;
}

function selectionCost(fields: Field[], variables: Record<string, unknown>): number {
  return fields.reduce((sum, f) => sum + fieldCost(f, variables), 0);
}

function fieldCost(f: Field, variables: Record<string, unknown>): number {
  if (!f.selections) return 0; // scalar or enum
  const n = pageSize(f, variables);
  if (n === null) return 1 + selectionCost(f.selections, variables); // an object
  // One item of the page: `nodes { … }` / `edges { node { … } }` wrap it; otherwise the list's own selection is the item.
  const nodes =
    f.selections.find((s) => s.name === 'nodes') ??
    f.selections.find((s) => s.name === 'edges')?.selections?.find((s) => s.name === 'node');
  const item = nodes
    ? 1 + selectionCost(nodes.selections ?? [], variables)
    : 1 +
      selectionCost(
        f.selections.filter((s) => s.name !== 'pageInfo'),
        variables,
      );
  const pageInfo = f.selections.some((s) => s.name === 'pageInfo') ? 1 : 0;
  return 2 + n * item + pageInfo;
}

/** The requested cost of a query document with these variables (the page sizes it will be sent with). */
export function queryCost(document: string, variables: Record<string, unknown> = {}): number {
  const tokens = tokenize(document);
  const start = tokens.indexOf('{');
  if (start < 0) throw new Error('no selection set');
  const head = tokens.slice(0, start);
  if (head[0] === 'mutation') return 10;
  return selectionCost(parseSelections(tokens, { i: start }), variables);
}
