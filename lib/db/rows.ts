// db.execute() returns a driver-specific result; every driver we use exposes `.rows`.
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
