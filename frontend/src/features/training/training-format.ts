/** Plain-words lines about label sources: "Great Tit: 23 yes, 40 no", per the source's unit. */
import type { LabelCounts, LabelSourceSummary } from '@/api/training-schemas';

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/**
 * One class's counts in a source's own unit.
 * @param source - The source's summary (its kind, mode and unit).
 * @param name - The class.
 * @param counts - Its positive and negative counts.
 * @returns e.g. "Great Tit: 23 yes, 40 no" (binary CSV), "tit: 4 present, 2 absent"
 *   (multiclass CSV), "petrel: 4 positive, 1 negative windows" (Raven table),
 *   "tit: 12 recordings, 30 of other classes" (folder).
 */
export function countsLine(source: LabelSourceSummary, name: string, counts: LabelCounts): string {
  const { positive, negative } = counts;
  if (source.unit === 'windows') {
    return `${name}: ${positive.toLocaleString('en')} positive, ${plural(negative, 'negative window')}`;
  }
  if (source.unit === 'recordings') {
    return `${name}: ${plural(positive, 'recording')}, ${negative.toLocaleString('en')} of other classes`;
  }
  if (source.mode === 'multiclass') {
    return `${name}: ${positive.toLocaleString('en')} present, ${negative.toLocaleString('en')} absent`;
  }
  return `${name}: ${positive.toLocaleString('en')} yes, ${negative.toLocaleString('en')} no`;
}

/**
 * What else a source holds besides its counts: rows not reviewed, uncertain, missing recordings.
 * @returns e.g. "120 rows · 10 not reviewed · 2 uncertain · 3 of 40 recordings missing".
 */
export function sourceDetails(source: LabelSourceSummary): string {
  const parts: string[] = [];
  if (source.kind === 'annotation_file') {
    parts.push(plural(source.rows, 'row'));
    if (source.mode) parts.push(source.mode);
  } else if (source.kind === 'raven_table') {
    parts.push(plural(source.rows, 'selection'));
    if (source.species_column) parts.push(`classes from “${source.species_column}”`);
  } else {
    parts.push(plural(source.rows, 'recording'));
  }
  if (source.not_reviewed) parts.push(`${source.not_reviewed.toLocaleString('en')} not reviewed`);
  if (source.uncertain) parts.push(`${source.uncertain.toLocaleString('en')} uncertain`);
  if (source.missing_audio_files) {
    parts.push(
      `${source.missing_audio_files.toLocaleString('en')} of ${plural(source.audio_files ?? 0, 'recording')} missing (their labels are skipped)`,
    );
  }
  return parts.join(' · ');
}

/**
 * Warnings about the classes that will be trained: those without a positive or a negative label
 * in any source (the job stops on them).
 * @param totals - Counts per class over every source.
 * @param chosen - Classes picked (empty: all of them).
 */
export function classWarnings(totals: Record<string, LabelCounts>, chosen: string[]): string[] {
  const names = chosen.length ? chosen.filter((name) => name in totals) : Object.keys(totals);
  return names.flatMap((name) => {
    const { positive, negative } = totals[name] ?? { positive: 0, negative: 0 };
    if (!positive) return [`${name} has no positive labels: add examples where it is present.`];
    if (!negative) return [`${name} has no negative labels: add examples where it is absent.`];
    return [];
  });
}
