/**
 * From the extraction form to the config the server gets, and back: the resolved config (trimmed
 * paths, only switched-on strategies, complete windows), what is still missing or invalid (named for
 * the "Fill in: …" hover of the create buttons), and parsing a loaded config.
 */
import {
  ExtractionConfigSchema,
  type DateWindow,
  type ExtractionConfig,
  type Strategy,
  type TimeWindow,
} from '@/api/extraction-schemas';
import {
  DEFAULT_CLIP_DURATION_S,
  STRATEGY_KINDS,
  defaultExtractionValues,
  newRowKey,
  type DateWindowDraft,
  type ExtractionFormValues,
  type StrategyDraft,
  type TimeWindowDraft,
} from './extraction-form';
import { DEFAULT_SCORE_BINS_TEXT, parseScoreBins } from './score-bins';

/** Labels of the strategies, as the form and the "Fill in" reasons name them. */
export const STRATEGY_LABELS: Record<Strategy['kind'], string> = {
  random: 'Random N',
  score_bins: 'Score-percentile bins',
  top: 'Top N',
  score_weighted: 'Score-weighted N',
  zscore_weighted: 'Z-score-weighted N',
};

const trimmed = (value: string) => value.trim();
const isCount = (n: number) => Number.isInteger(n) && n > 0;
const complete = <W extends { start: string | null; end: string | null }>(rows: W[]) =>
  rows.flatMap((row) => (row.start && row.end ? [{ start: row.start, end: row.end }] : []));

function strategyOf(kind: Strategy['kind'], draft: StrategyDraft, binsText: string): Strategy {
  if (kind !== 'score_bins') return { kind, n: draft.n };
  const parsed = parseScoreBins(binsText);
  return { kind, n: draft.n, bins: 'bins' in parsed ? parsed.bins : [] };
}

/**
 * The config sent to the server: trimmed paths (empty → null where optional), the switched-on
 * strategies in form order, only complete window rows, and a clip duration only with clip export.
 * @param values - The form values.
 */
export function resolvedConfig(values: ExtractionFormValues): ExtractionConfig {
  const metadataCsv = trimmed(values.metadata_csv) || null;
  return {
    kind: 'extraction',
    predictions_dir: trimmed(values.predictions_dir),
    audio_root: trimmed(values.audio_root) || null,
    classes: values.classes,
    score_threshold: values.score_threshold,
    date_windows: complete(values.date_windows) as DateWindow[],
    time_windows: complete(values.time_windows) as TimeWindow[],
    stratify_by_subfolder: values.stratify_by_subfolder,
    stratify_by_file: values.stratify_by_file,
    stratify_by_week: values.stratify_by_week,
    stratify_date_windows: complete(values.stratify_date_windows) as DateWindow[],
    metadata_csv: metadataCsv,
    metadata_columns: metadataCsv ? values.metadata_columns : [],
    strategies: STRATEGY_KINDS.filter((kind) => values.strategies[kind].enabled).map((kind) =>
      strategyOf(kind, values.strategies[kind], values.score_bins_text),
    ),
    seed: values.seed,
    mode: values.mode,
    output_dir: trimmed(values.output_dir),
    export_clips: values.export_clips,
    clip_duration_s: values.export_clips ? values.clip_duration_s : null,
    job_dir: null,
  };
}

function windowProblems(
  label: string,
  rows: DateWindowDraft[] | TimeWindowDraft[],
  dated: boolean,
) {
  return rows.flatMap((row, index) => {
    const name = `${label} ${index + 1}`;
    if (!row.start || !row.end) return [`${name} (pick a start and an end)`];
    if (dated && row.start > row.end) return [`${name} (start is after end)`];
    return [];
  });
}

/** What the predictions-folder scan found, when it has answered. */
export interface ScanContext {
  /** Score columns found; null while unknown (not scanned yet, or the scan failed). */
  classes: string[] | null;
  /** The scan failed or found no predictions. */
  failed?: boolean;
}

/**
 * Labels of fields still empty or invalid, in form order ("Predictions folder", "Classes", …).
 * @param values - The form values.
 * @param scan - What the folder scan found (classes picked must be among them).
 */
export function missingFields(values: ExtractionFormValues, scan: ScanContext): string[] {
  const labels: string[] = [];
  if (!trimmed(values.predictions_dir)) labels.push('Predictions folder');
  else if (scan.failed) labels.push('Predictions folder (no readable predictions found)');
  if (!values.classes.length) labels.push('Classes');
  else if (scan.classes) {
    const known = new Set(scan.classes);
    const unknown = values.classes.filter((name) => !known.has(name));
    if (unknown.length) labels.push(`Classes (not in these predictions: ${unknown.join(', ')})`);
  }
  if (values.score_threshold !== null && !Number.isFinite(values.score_threshold)) {
    labels.push('Score threshold');
  }
  labels.push(...windowProblems('Date window', values.date_windows, true));
  labels.push(...windowProblems('Time window', values.time_windows, false));
  labels.push(...windowProblems('Stratum date window', values.stratify_date_windows, true));
  if (trimmed(values.metadata_csv) && !values.metadata_columns.length) {
    labels.push('Metadata columns');
  }
  const enabled = STRATEGY_KINDS.filter((kind) => values.strategies[kind].enabled);
  if (!enabled.length) labels.push('Strategies (switch on at least one)');
  for (const kind of enabled) {
    if (!isCount(values.strategies[kind].n)) labels.push(`${STRATEGY_LABELS[kind]}: N`);
  }
  if (values.strategies.score_bins.enabled) {
    const bins = parseScoreBins(values.score_bins_text);
    if ('error' in bins) labels.push('Score bins');
  }
  if (!Number.isInteger(values.seed)) labels.push('Seed');
  if (!trimmed(values.output_dir)) labels.push('Output folder');
  if (values.export_clips) {
    const duration = values.clip_duration_s;
    if (duration === null || !Number.isFinite(duration) || duration <= 0) {
      labels.push('Clip duration');
    }
  }
  return [...new Set(labels)];
}

const draftRows = (windows: { start: string; end: string }[]) =>
  windows.map((window) => ({ key: newRowKey(), start: window.start, end: window.end }));

/**
 * Form values from a config (a task's, a file's or a prefill): strategies not in the config are
 * switched off with their default N.
 * @param config - A parsed extraction config.
 */
export function valuesFromConfig(config: ExtractionConfig): ExtractionFormValues {
  const defaults = defaultExtractionValues();
  const strategies = { ...defaults.strategies };
  for (const kind of STRATEGY_KINDS) strategies[kind] = { ...strategies[kind], enabled: false };
  let binsText = DEFAULT_SCORE_BINS_TEXT;
  for (const strategy of config.strategies) {
    strategies[strategy.kind] = { enabled: true, n: strategy.n };
    if (strategy.kind === 'score_bins') binsText = JSON.stringify(strategy.bins);
  }
  // A config without strategies (a prefill from an inference task) keeps the form's defaults.
  const noStrategies = config.strategies.length === 0;
  return {
    predictions_dir: config.predictions_dir,
    audio_root: config.audio_root ?? '',
    classes: config.classes,
    score_threshold: config.score_threshold,
    date_windows: draftRows(config.date_windows),
    time_windows: draftRows(config.time_windows),
    stratify_by_subfolder: config.stratify_by_subfolder,
    stratify_by_file: config.stratify_by_file,
    stratify_by_week: config.stratify_by_week,
    stratify_date_windows: draftRows(config.stratify_date_windows),
    metadata_csv: config.metadata_csv ?? '',
    metadata_columns: config.metadata_columns,
    strategies: noStrategies ? defaults.strategies : strategies,
    score_bins_text: binsText,
    seed: config.seed,
    mode: config.mode,
    output_dir: config.output_dir,
    export_clips: config.export_clips,
    clip_duration_s: config.clip_duration_s ?? DEFAULT_CLIP_DURATION_S,
  };
}

/**
 * Parse any config (from a task, a file or a prefill) into form values: unknown keys are dropped,
 * missing ones get their defaults.
 * @param raw - Config object.
 * @returns The values, or an error message naming the bad field.
 */
export function parseLoadedConfig(
  raw: Record<string, unknown>,
): { values: ExtractionFormValues; config: ExtractionConfig } | { error: string } {
  if (raw.kind !== undefined && raw.kind !== 'extraction') {
    return { error: `This is not an extraction config (its kind is “${String(raw.kind)}”).` };
  }
  const result = ExtractionConfigSchema.safeParse(raw);
  if (result.success) return { values: valuesFromConfig(result.data), config: result.data };
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'config';
  return { error: `This is not an extraction config this app can load: ${field} is invalid.` };
}
