import type DataLoader from 'dataloader';
import { parseId, type LoaderFamily } from '../../../lib/batch';
import type { EntityRef } from '../../../lib/federation';
import { cursorOf, readPage } from '../../../lib/keyset';
import { toConnection, type Page, type PageArgs } from '../../../lib/pagination';
import type { ReviewRow } from '../db/schema';
import { newestReviews } from '../db/reviews';

/** A parent's review connection (a product's or an author's), batched through its loaders. */
export async function reviewConnection(
  parent: EntityRef,
  args: PageArgs,
  pages: LoaderFamily<Page, number, ReviewRow[]>,
  counts: DataLoader<number, number>,
) {
  const page = readPage(newestReviews, args);
  const id = parseId(parent.id);
  const rows = id === null ? [] : await pages.get(page).load(id);
  return toConnection(
    rows,
    page,
    (row) => cursorOf(newestReviews, row),
    async () => (id === null ? 0 : await counts.load(id)),
  );
}
