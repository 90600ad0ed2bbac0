/**
 * Annotation cell values (SPEC §6). Binary: `yes` / `no` / `uncertain` / empty (unlabeled).
 * Multiclass: a Python-style list of class names, `['a', 'b']` (as Python prints a list); `[]` means reviewed with no class,
 * an empty cell means not reviewed yet.
 */
import type { ReviewLabelName } from '@/theme/tokens';

export type ReviewMode = 'binary' | 'multiclass';

/** Binary labels in button order (A/S/D/F). */
export const BINARY_LABELS: readonly ReviewLabelName[] = ['yes', 'no', 'uncertain', 'unlabeled'];

/** Button captions. */
export const LABEL_CAPTIONS: Record<ReviewLabelName, string> = {
  yes: 'Yes',
  no: 'No',
  uncertain: 'Uncertain',
  unlabeled: 'Unlabeled',
};

/**
 * The binary label a raw cell holds (case and spaces ignored; anything else counts as unlabeled).
 * @param raw - The `annotation` cell.
 */
export function binaryLabel(raw: string): ReviewLabelName {
  const value = raw.trim().toLowerCase();
  if (value === 'yes' || value === 'no' || value === 'uncertain') return value;
  return 'unlabeled';
}

/**
 * The cell written for a binary label (`''` for unlabeled).
 * @param label - The chosen label.
 */
export function binaryValue(label: ReviewLabelName): string {
  return label === 'unlabeled' ? '' : label;
}

/**
 * Parse a multiclass cell.
 * @param raw - `"['a','b']"`, `'["a", "b"]'`, `"[]"`, `""`, or a bare comma-separated list.
 * @returns The classes, `[]` when reviewed with none, or null when not reviewed.
 */
export function parseClasses(raw: string): string[] | null {
  const text = raw.trim();
  if (!text) return null;
  if (!text.startsWith('[')) {
    return text
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
  }
  const classes: string[] = [];
  const item = /'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g;
  for (const match of text.matchAll(item)) {
    const body = match[1] ?? match[2] ?? '';
    classes.push(body.replace(/\\(.)/g, '$1'));
  }
  return classes;
}

/** One class name as a Python string literal (single quotes unless the name holds one). */
function quote(name: string): string {
  if (name.includes("'") && !name.includes('"')) return `"${name.replace(/\\/g, '\\\\')}"`;
  return `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The cell written for a multiclass choice.
 * @param classes - Chosen classes; `[]` = reviewed, none present; null = not reviewed.
 * @returns `"['a', 'b']"`, `"[]"` or `""`.
 */
export function formatClasses(classes: readonly string[] | null): string {
  if (classes === null) return '';
  return `[${classes.map(quote).join(', ')}]`;
}

/**
 * The label colour a card shows. Multiclass: classes present → yes, `[]` → no, empty → unlabeled.
 * @param mode - Review mode.
 * @param raw - The `annotation` cell.
 */
export function cardLabel(mode: ReviewMode, raw: string): ReviewLabelName {
  if (mode === 'binary') return binaryLabel(raw);
  const classes = parseClasses(raw);
  if (classes === null) return 'unlabeled';
  return classes.length > 0 ? 'yes' : 'no';
}

/**
 * The cell a label key (A/S/D/F) writes in either mode. In multiclass mode only "no" (`[]`, reviewed
 * with no class) and "unlabeled" (empty) have a meaning; yes/uncertain keep the current value.
 * @param mode - Review mode.
 * @param label - The key's label.
 * @param current - The current cell.
 */
export function valueForLabel(mode: ReviewMode, label: ReviewLabelName, current: string): string {
  if (mode === 'binary') return binaryValue(label);
  if (label === 'no') return '[]';
  if (label === 'unlabeled') return '';
  return current;
}

/**
 * The class list typed one per line (blank lines and repeats dropped).
 * @param text - The editable class list.
 */
export function classesFromLines(text: string): string[] {
  return [...new Set(text.split('\n').map((line) => line.trim()))].filter(Boolean);
}
