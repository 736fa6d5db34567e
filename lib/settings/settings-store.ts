import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { settingsVersions } from '@/lib/db/schema';
import { settingsSchema, type Settings } from '@/lib/domain/settings';
import { writeAudit, type Actor } from '@/lib/audit/write-audit';

// Settings are versioned per shop: every save is a new row, the newest wins, and the audit log
// records the before and after.

// Read on every ticket and sidebar request; a save clears it. Another process sees a save within 5 s.
// The map hangs off globalThis because Next bundles pages and route handlers separately: each bundle
// has its own copy of this module, and a save through the API must clear the pages' copy too.
const CACHE_MS = 5_000;
const globalCache = globalThis as { __concordSettingsCache?: Map<string, { at: number; value: Settings & { version: number } }> };
const cache = (globalCache.__concordSettingsCache ??= new Map());

export async function getSettings(db: Db, shopId: string): Promise<Settings & { version: number }> {
  const hit = cache.get(shopId);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
  const value = await readSettings(db, shopId);
  cache.set(shopId, { at: Date.now(), value });
  return value;
}

/** Uncached: for the settings page, which must show what the last save wrote. */
export async function readSettings(db: Db, shopId: string): Promise<Settings & { version: number }> {
  const [row] = await db
    .select({ data: settingsVersions.data, version: settingsVersions.version })
    .from(settingsVersions)
    .where(eq(settingsVersions.shopId, shopId))
    .orderBy(desc(settingsVersions.version))
    .limit(1);
  // Re-parse so that settings saved before a new field existed get that field's default.
  return { ...settingsSchema.parse(row?.data ?? {}), version: row?.version ?? 0 };
}

export async function saveSettings(db: Db, shopId: string, next: unknown, actor: Actor): Promise<Settings & { version: number }> {
  const parsed = settingsSchema.parse(next);
  return db.transaction(async (tx) => {
    const before = await readSettings(tx, shopId);
    const version = before.version + 1;
    await tx.insert(settingsVersions).values({ shopId, version, data: parsed, createdBy: actor.id ?? actor.type });
    const { version: _v, ...beforeData } = before;
    await writeAudit(tx, {
      shopId,
      actor,
      action: 'settings.updated',
      subjectType: 'settings',
      subjectId: String(version),
      explanation: `Settings changed to version ${version}: ${describeChanges(beforeData, parsed).join('; ') || 'no effective change'}.`,
      before: beforeData,
      after: parsed,
    });
    cache.delete(shopId);
    return { ...parsed, version };
  });
}

export function describeChanges(before: unknown, after: unknown, prefix = ''): string[] {
  if (
    typeof before !== 'object' ||
    typeof after !== 'object' ||
    before === null ||
    after === null ||
    Array.isArray(before) ||
    Array.isArray(after)
  ) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [`${prefix} ${JSON.stringify(before)} → ${JSON.stringify(after)}`];
  }
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].flatMap((k) =>
    describeChanges((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k),
  );
}
