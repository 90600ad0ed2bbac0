/** Text of the loop view: AP values, label counts, dates and file names. */
import type { LabelCount, LoopRound } from '@/api/loop-schemas';

/** "0.812", or "—" when there is no value (no held-out positive of that class). */
export function formatAp(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(3);
}

/** "12 + / 48 −" for one class's positive and negative windows. */
export function formatLabelCount(count: LabelCount | undefined): string {
  if (!count) return '—';
  return `${count.positive.toLocaleString('en-US')} + / ${count.negative.toLocaleString('en-US')} −`;
}

/** "2026-11-22 05:00" in local time, or the raw text when it is not a date. */
export function formatFinishedAt(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** The last part of a path (either separator). */
export function baseName(path: string | null): string {
  if (!path) return '—';
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/** "Shallow classifier" / "CNN" / the raw type. */
export function modelTypeLabel(type: string | null): string {
  if (type === 'shallow') return 'Shallow classifier';
  if (type === 'cnn') return 'CNN';
  return type ?? '—';
}

/** "held-out split" / "evaluation set" / "—". */
export function evaluationLabel(kind: string | null): string {
  if (kind === 'split') return 'held-out split';
  return kind ?? '—';
}

/** Annotation files of every round, first use first, without repeats. */
export function allAnnotationFiles(rounds: LoopRound[]): string[] {
  return [...new Set(rounds.flatMap((round) => round.annotation_files))];
}
