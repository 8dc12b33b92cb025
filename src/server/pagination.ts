// The GOV.UK pagination component's parameters for page `page` of `pageCount`: the first and last
// pages, the ones either side of this one, and an ellipsis for each gap. Null when there is one page.
export interface Pagination {
  items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[];
  previous?: { href: string };
  next?: { href: string };
}

export function govukPagination(page: number, pageCount: number, href: (page: number) => string): Pagination | null {
  if (pageCount <= 1) return null;
  const items: Pagination['items'] = [];
  for (let p = 1; p <= pageCount; p++) {
    if (p === 1 || p === pageCount || Math.abs(p - page) <= 1) items.push({ number: p, href: href(p), current: p === page });
    else if (!('ellipsis' in (items.at(-1) ?? {}))) items.push({ ellipsis: true });
  }
  return {
    items,
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pageCount ? { next: { href: href(page + 1) } } : {}),
  };
}
