/** A page of a list as the API answers it: `{"items": [...], "next_cursor": "…" | null}`. */
export interface PageOf<T> {
  items: T[];
  next_cursor?: string | null;
}

/**
 * Follows `next_cursor` until the list ends, for lists that are small enough to show whole
 * (the catalogue, a provider's units). `maxPages` guards against a server that never ends.
 */
export async function collectPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<PageOf<T>>,
  maxPages = 100,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const { items, next_cursor } = await fetchPage(cursor);
    all.push(...items);
    if (!next_cursor) return all;
    cursor = next_cursor;
  }
  return all;
}
