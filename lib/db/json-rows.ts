import { getTableColumns, sql, type Column, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

// Reading several tables in one round trip: PostgreSQL returns each row as a JSON object keyed by
// column name, and decodeJsonRow turns it back into exactly what a
// `db.select().from(table)` row looks like, so the existing row mappers apply unchanged.
// Per query the driver and the query builder cost more than PostgreSQL does; on the sidebar's hot
// path a dozen small selects became one.

const columnsCache = new WeakMap<PgTable, [string, Column][]>();
const columnsOf = (table: PgTable): [string, Column][] => {
  let entries = columnsCache.get(table);
  if (!entries) columnsCache.set(table, (entries = Object.entries(getTableColumns(table))));
  return entries;
};

/** The aliased row as a JSON object keyed by column name (short SQL: `to_json("alias")`). */
export function jsonRowOf(alias: string): SQL {
  return sql`to_json(${sql.identifier(alias)})`;
}

/** A row built by jsonRowOf, keyed by the schema's property names as `db.select()` would give it,
 * with timestamps back as Dates; JSON columns and arrays pass as they are. */
export function decodeJsonRow<T extends PgTable>(table: T, json: Record<string, unknown>): T['$inferSelect'] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of columnsOf(table)) {
    const value = json[column.name] ?? null;
    row[key] = value !== null && column.columnType === 'PgTimestamp' ? column.mapFromDriverValue(value) : value;
  }
  return row as T['$inferSelect'];
}
