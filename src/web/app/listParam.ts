/**
 * A list kept in the page's address as one comma-separated parameter (`?state=new,assigned`), as the API's
 * list filters take it (kernel/http/params.ts commaList): its items, none when absent.
 */
export const listParam = (params: URLSearchParams, key: string): string[] =>
  params.get(key)?.split(',').filter(Boolean) ?? [];
