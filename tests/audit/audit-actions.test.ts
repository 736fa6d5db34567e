import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTOR_TYPES, AUDIT_ACTIONS } from '@/lib/audit/audit-actions';
import { auditActions } from '@/lib/audit/search-audit';
import { ACTION_KINDS } from '@/lib/domain/types';

// Audit actions are spelled once (lib/audit/audit-actions.ts): writeAudit's type takes only those,
// and this reads every writeAudit call in lib/ and app/ to check that what each can write is listed.

const root = path.resolve(import.meta.dirname, '../..');
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'migrations' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

/**
 * The text of each writeAudit(...) call's argument list, balanced on brackets; and of each audit entry a
 * domain planner puts in a plan (`auditEntries.push(...)`), which lib/projection/apply-plan.ts writes.
 */
function writeAuditCalls(text: string): string[] {
  const calls: string[] = [];
  for (const m of text.matchAll(/\b(?:writeAudit|auditEntries\.push)\(/g)) {
    let depth = 1;
    let i = m.index + m[0].length;
    for (; i < text.length && depth > 0; i++) {
      if ('([{'.includes(text[i])) depth++;
      else if (')]}'.includes(text[i])) depth--;
    }
    calls.push(text.slice(m.index + m[0].length, i - 1));
  }
  return calls;
}

/** What an `action:` expression can be: its quoted strings, template prefixes, and constants of the file. */
function actionsOf(call: string, file: string): { literals: string[]; prefixes: string[]; names: string[] } {
  const expr = /\baction:\s*([^\n]*?)(?:,\s*(?:\n|[a-zA-Z]+:)|\n|$)/.exec(call)?.[1] ?? '';
  const literals = [...expr.matchAll(/'([^']+)'/g)].map((m) => m[1]);
  const prefixes = [...expr.matchAll(/`([a-z_.]+)\$\{/g)].map((m) => m[1]);
  const names = [...expr.matchAll(/^([A-Z_]+)$/g)].map((m) => m[1]);
  for (const name of names) {
    const value = new RegExp(`const ${name}\\s*=\\s*'([^']+)'`).exec(file)?.[1];
    if (value) literals.push(value);
  }
  return { literals, prefixes, names };
}

describe('audit actions', () => {
  const files = [...sourceFiles(path.join(root, 'lib')), ...sourceFiles(path.join(root, 'app'))]
    .filter((p) => !p.endsWith(path.join('lib', 'audit', 'write-audit.ts')))
    .map((p) => ({ path: path.relative(root, p), text: readFileSync(p, 'utf8') }));

  it('lists every action that lib/ and app/ write', () => {
    const written = new Set<string>();
    const prefixes = new Set<string>();
    let calls = 0;
    for (const f of files) {
      for (const call of writeAuditCalls(f.text)) {
        calls++;
        // The plan writer passes on the entries planned in lib/domain (read above as auditEntries.push);
        // their action is typed AuditAction (lib/domain/plan.ts).
        if (f.path === path.join('lib', 'projection', 'apply-plan.ts') && call.trim() === 'tx, entry') continue;
        const a = actionsOf(call, f.text);
        // Each call's action is seen: a quoted action, a template, or a constant resolved in its file.
        expect(a.literals.length + a.prefixes.length, `${f.path}: ${call.slice(0, 120)}`).toBeGreaterThan(0);
        a.literals.forEach((l) => written.add(l));
        a.prefixes.forEach((p) => prefixes.add(p));
      }
    }
    expect(calls).toBeGreaterThanOrEqual(30);
    expect([...written].filter((w) => !(AUDIT_ACTIONS as readonly string[]).includes(w))).toEqual([]);
    for (const p of prefixes)
      expect(
        AUDIT_ACTIONS.some((a) => a.startsWith(p)),
        p,
      ).toBe(true);
    expect(prefixes).toEqual(new Set(['action.', 'issue.', 'suppression.']));
  });

  it('spells each action once, names one per action kind, and is what the audit filter offers', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    for (const a of AUDIT_ACTIONS) expect(a).toMatch(/^[a-z_]+\.[a-z_]+$/);
    for (const k of ACTION_KINDS) expect(AUDIT_ACTIONS).toContain(`action.${k}`);
    expect(auditActions()).toEqual([...AUDIT_ACTIONS].sort());
    expect(ACTOR_TYPES).toEqual(['system', 'agent', 'lead', 'admin']);
  });
});
