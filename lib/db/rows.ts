import { sql, type SQL } from 'drizzle-orm';

// db.execute() returns a driver-specific result; every driver we use exposes `.rows`.
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** A list of strings as ONE `text[]` parameter (the statement's text doesn't grow with the list). */
export const textArray = (values: string[]): SQL => sql`${sql.param(values)}::text[]`;

/** A `json` column: node-postgres and PGlite parse it, other drivers may hand over the text. */
export const jsonValue = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
