import { sql, type SQL } from 'drizzle-orm';
import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/** `set` for onConflictDoUpdate: every listed column takes the incoming (excluded) value. */
export function excludedSet<T extends PgTable>(table: T, keys: (keyof T['_']['columns'])[]): Record<string, SQL> {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  return Object.fromEntries(keys.map((k) => [k, sql.raw(`excluded."${columns[k as string].name}"`)]));
}
