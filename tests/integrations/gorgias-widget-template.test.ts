import { describe, expect, it } from 'vitest';
import { buildSidebarJson, sidebarErrorJson } from '@/lib/domain/sidebar';
import { CONCORD_WIDGET_TEMPLATE, type GorgiasCardWidget, type GorgiasWidget } from '@/lib/integrations/gorgias/widget-template';
import { emptyView, NOW, view } from '../helpers/widget-view-fixture';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Walks the template over one sidebar answer. Returns the problems found and fills `shown` with
 * the JSON paths the template displays.
 */
function walk(widgets: GorgiasWidget[], data: Json, at: string, shown: Set<string>, problems: string[]): void {
  for (const w of widgets) {
    const here = w.path === '' ? at : `${at}.${w.path}`;
    if (w.type === 'card') {
      const target = w.path === '' ? data : data[w.path];
      if (!isObject(target)) {
        problems.push(`${here}: card over a non-object`);
        continue;
      }
      checkTitle(w, target, here, problems);
      walk(w.widgets, target, here, shown, problems);
    } else if (w.type === 'list') {
      const items = data[w.path];
      if (!Array.isArray(items)) {
        problems.push(`${here}: list over a non-array`);
        continue;
      }
      shown.add(here);
      for (const item of items) {
        if (!isObject(item)) problems.push(`${here}[]: element is not an object`);
        else {
          checkTitle(w.widgets[0], item, `${here}[]`, problems);
          walk(w.widgets[0].widgets, item, `${here}[]`, shown, problems);
        }
      }
    } else {
      if (!(w.path in data)) {
        problems.push(`${here}: no such key`);
        continue;
      }
      shown.add(here);
      const value = data[w.path];
      if (value === null) continue;
      const ok =
        w.type === 'boolean'
          ? typeof value === 'boolean'
          : w.type === 'date'
            ? typeof value === 'string' && new Date(value).toISOString() === value
            : w.type === 'url'
              ? typeof value === 'string' && /^https?:\/\//.test(value)
              : w.type === 'email'
                ? typeof value === 'string' && value.includes('@')
                : typeof value === 'string' || typeof value === 'number';
      if (!ok) problems.push(`${here}: ${JSON.stringify(value)} is not a ${w.type}`);
    }
  }
}

/** `Order {{name}}` must name a key of the card's own data. */
function checkTitle(card: GorgiasCardWidget, data: Json, at: string, problems: string[]): void {
  for (const [, key] of card.title.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g))
    if (!(key in data)) problems.push(`${at}: title uses {{${key}}}, not in the data`);
  for (const [, key] of (card.meta?.link ?? '').matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g))
    if (!(key in data)) problems.push(`${at}: link uses {{${key}}}, not in the data`);
}

/** Every displayable key path of an answer (list elements collapsed to `[]`). */
function keyPaths(value: unknown, at = '$'): string[] {
  if (Array.isArray(value)) return [at, ...value.flatMap((v) => keyPaths(v, `${at}[]`).filter((p) => p !== `${at}[]`))];
  if (isObject(value))
    return Object.entries(value)
      .filter(([k]) => !k.startsWith('_'))
      .flatMap(([k, v]) => keyPaths(v, `${at}.${k}`));
  return [at];
}

describe('CONCORD_WIDGET_TEMPLATE', () => {
  const answers: [string, Json][] = [
    ['a full answer', buildSidebarJson(view(), NOW)],
    ['an unknown email', buildSidebarJson(emptyView(), NOW)],
    ['an error answer', sidebarErrorJson('Concord could not read the data.', null, NOW)],
  ];

  it.each(answers)('matches the keys and value types of %s', (_name, json) => {
    const problems: string[] = [];
    walk(CONCORD_WIDGET_TEMPLATE.widgets, json, '$', new Set(), problems);
    expect(problems).toEqual([]);
  });

  it('shows every key of the answer', () => {
    const json = buildSidebarJson(view(), NOW);
    const shown = new Set<string>();
    walk(CONCORD_WIDGET_TEMPLATE.widgets, json, '$', shown, []);
    const missing = [...new Set(keyPaths(json))].filter((p) => !shown.has(p) && p !== '$');
    expect(missing).toEqual([]);
  });

  it('is a wrapper whose lists show a few items', () => {
    expect(CONCORD_WIDGET_TEMPLATE.type).toBe('wrapper');
    const lists: number[] = [];
    const visit = (ws: GorgiasWidget[]) => {
      for (const w of ws) {
        if (w.type === 'list') {
          lists.push(w.meta.limit);
          visit(w.widgets);
        } else if (w.type === 'card') visit(w.widgets);
      }
    };
    visit(CONCORD_WIDGET_TEMPLATE.widgets);
    expect(lists).toHaveLength(4);
    for (const limit of lists) expect(limit).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(JSON.stringify(CONCORD_WIDGET_TEMPLATE))).toEqual(CONCORD_WIDGET_TEMPLATE);
  });
});
