/** Text shown on clip cards: file name, time span and score. */
import type { AnnotationRow } from '@/api/review-schemas';

/** Last path component of a file (either separator). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/** `12.0–15.0 s` */
export function timeSpan(row: AnnotationRow): string {
  const end = row.end_time === null ? '' : `–${row.end_time.toFixed(1)}`;
  return `${row.start_time.toFixed(1)}${end} s`;
}

/**
 * The score shown on a card: the chosen score column, else the first, formatted to 3 decimals.
 * @param row - The clip.
 * @param column - Preferred score column, or null.
 */
export function scoreText(row: AnnotationRow, column: string | null): string | null {
  const name = column ?? Object.keys(row.scores)[0];
  if (!name) return null;
  const value = row.scores[name];
  if (value === null || value === undefined) return null;
  return `${name}: ${value.toFixed(3)}`;
}
