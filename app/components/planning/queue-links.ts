/** The current search params with some changed (undefined removes one); the cursors go unless given. */
export function withParams(current: URLSearchParams, change: Record<string, string | undefined>): string {
  const next = new URLSearchParams(current);
  next.delete("after");
  next.delete("before");
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined || value === "") next.delete(key);
    else next.set(key, value);
  }
  const query = next.toString();
  return query ? `?${query}` : "";
}
