/** Page arithmetic over the visible clip order (cursor = index into that order). */

/** Number of pages for `total` clips (at least 1). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
}

/** Page holding the cursor. */
export function pageOf(cursor: number, pageSize: number): number {
  return Math.floor(Math.max(0, cursor) / Math.max(1, pageSize));
}

/** Cursor range `[start, end)` of a page. */
export function pageRange(page: number, pageSize: number, total: number): [number, number] {
  const start = Math.min(page * pageSize, Math.max(0, total - 1));
  const first = Math.max(0, start - (start % pageSize));
  return [first, Math.min(total, first + pageSize)];
}

/**
 * Move the active clip inside a grid page with the arrow keys (stays on the page).
 * @param cursor - Current cursor.
 * @param columns - Grid columns.
 * @param move - Column and row steps.
 * @param range - The page's cursor range.
 */
export function moveInGrid(
  cursor: number,
  columns: number,
  move: { columns: number; rows: number },
  range: [number, number],
): number {
  const next = cursor + move.columns + move.rows * columns;
  if (next < range[0] || next >= range[1]) return cursor;
  return next;
}
