import { getTableColumns, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

// Reading several tables in one round trip: PostgreSQL returns each row as `to_json(alias)`, an
// object keyed by column name, and decodeJsonRow turns it back into exactly what a
// `db.select().from(table)` row looks like, so the existing row mappers apply unchanged.
// Per query the driver and the query builder cost more than PostgreSQL does; on the sidebar's hot
// path a dozen small selects became one.

const columnsCache = new WeakMap<PgTable, [string, Column][]>();
const columnsOf = (table: PgTable): [string, Column][] => {
  let entries = columnsCache.get(table);
  if (!entries) columnsCache.set(table, (entries = Object.entries(getTableColumns(table))));
  return entries;
};

/** A `to_json(alias)` row, keyed by the schema's property names as `db.select()` would give it,
 * with timestamps back as Dates; JSON columns and arrays pass as they are. */
export function decodeJsonRow<T extends PgTable>(table: T, json: Record<string, unknown>): T['$inferSelect'] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of columnsOf(table)) {
    const value = json[column.name] ?? null;
    row[key] = value !== null && column.columnType === 'PgTimestamp' ? column.mapFromDriverValue(value) : value;
  }
  return row as T['$inferSelect'];
}
