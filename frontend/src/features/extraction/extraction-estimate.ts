/**
 * The live "what you'll get" line: classes × strata × clips per stratum. Strata counts come from the
 * scan (subfolders of the predictions files, weeks between the first and last recording date) and the
 * metadata answer (unique values per column); counts the app cannot know before running (one stratum
 * per audio file) are named instead of guessed. Strata with fewer candidates give fewer clips, so the
 * total is an upper bound.
 */
import type { ExtractionMetadata, ExtractionScan } from '@/api/extraction-schemas';
import { STRATEGY_KINDS, type ExtractionFormValues } from './extraction-form';
import { parseScoreBins } from './score-bins';

/** One multiplied factor: a count, or null when it is only known after running. */
export interface EstimateFactor {
  /** Plural name, e.g. "subfolders". */
  label: string;
  /** Singular name, e.g. "subfolder". */
  singular: string;
  count: number | null;
}

export interface ClipEstimate {
  factors: EstimateFactor[];
  /** Clips asked for in each stratum of each class (all strategies together). */
  perStratum: number;
  /** Upper bound on the clips, or null when a factor is unknown. */
  total: number | null;
  /** The sentence shown under the form. */
  text: string;
}

const MS_PER_DAY = 86_400_000;

/** Calendar weeks touched between two `YYYY-MM-DD` dates (inclusive), or null. */
export function weeksBetween(first: string | null, last: string | null): number | null {
  if (!first || !last) return null;
  const start = Date.parse(`${first}T00:00:00Z`);
  const end = Date.parse(`${last}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return null;
  return Math.floor((end - start) / MS_PER_DAY / 7) + 1;
}

/** Clips per stratum: the sum of every switched-on strategy's N (N per bin for score bins). */
export function clipsPerStratum(values: ExtractionFormValues): number {
  let total = 0;
  for (const kind of STRATEGY_KINDS) {
    const draft = values.strategies[kind];
    if (!draft.enabled || !Number.isInteger(draft.n) || draft.n <= 0) continue;
    if (kind === 'score_bins') {
      const bins = parseScoreBins(values.score_bins_text);
      total += 'bins' in bins ? draft.n * bins.bins.length : 0;
    } else total += draft.n;
  }
  return total;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Estimate what the extraction will produce.
 * @param values - The form values.
 * @param scan - The predictions-folder scan, when it has answered.
 * @param metadata - The metadata CSV's columns, when it has answered.
 */
export function estimateClips(
  values: ExtractionFormValues,
  scan: ExtractionScan | undefined,
  metadata: ExtractionMetadata | undefined,
): ClipEstimate {
  const factors: EstimateFactor[] = [
    { label: 'classes', singular: 'class', count: values.classes.length },
  ];
  if (values.stratify_by_subfolder) {
    const subfolders = new Set(scan?.files.map((file) => file.subfolder ?? '') ?? []);
    const known = scan && subfolders.size > 1 ? subfolders.size : null;
    factors.push({ label: 'subfolders', singular: 'subfolder', count: known });
  }
  if (values.stratify_by_file) {
    factors.push({ label: 'audio files', singular: 'audio file', count: null });
  }
  if (values.stratify_by_week) {
    const weeks = weeksBetween(
      scan?.timestamps.first_date ?? null,
      scan?.timestamps.last_date ?? null,
    );
    factors.push({ label: 'weeks', singular: 'week', count: weeks });
  }
  const strataWindows = values.stratify_date_windows.length;
  if (strataWindows) {
    factors.push({ label: 'date windows', singular: 'date window', count: strataWindows });
  }
  if (values.metadata_csv.trim()) {
    for (const name of values.metadata_columns) {
      const column = metadata?.columns.find((item) => item.name === name);
      factors.push({
        label: `${name} values`,
        singular: `${name} value`,
        count: column ? column.unique_values : null,
      });
    }
  }
  const perStratum = clipsPerStratum(values);
  const unknown = factors.filter((factor) => factor.count === null);
  const known = factors.filter((factor) => factor.count !== null);
  const product = known.reduce((acc, factor) => acc * (factor.count ?? 1), perStratum);
  const total = unknown.length ? null : product;
  const parts = factors.map((factor) =>
    factor.count === null
      ? `each of the ${factor.label}`
      : `${factor.count} ${factor.count === 1 ? factor.singular : factor.label}`,
  );
  const head = `${parts.join(' × ')} × ${plural(perStratum, 'clip')} per stratum`;
  const text =
    total === null
      ? `${head}: up to ${plural(product, 'clip')} for each of the ${unknown.map((f) => f.label).join(' and ')}`
      : `${head} = up to ${plural(total, 'clip')}`;
  return { factors, perStratum, total, text };
}
