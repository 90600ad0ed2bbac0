/**
 * From the extraction form to the config the server gets, and back: the resolved config (trimmed
 * paths, only switched-on strategies, complete windows), what is still missing or invalid (named for
 * the "Fill in: …" hover of the create buttons), and parsing a loaded config.
 */
import {
  DEFAULT_MAX_POOL,
  ExtractionConfigSchema,
  type DateWindow,
  type ExtractionConfig,
  type Strategy,
  type TimeWindow,
} from '@/api/extraction-schemas';
import {
  DEFAULT_CLIP_DURATION_S,
  EMBEDDING_KINDS,
  STRATEGY_KINDS,
  THRESHOLD_KINDS,
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
  uncertainty: 'Uncertainty',
  diversity: 'Diversity',
  hybrid: 'Hybrid',
};

const trimmed = (value: string) => value.trim();
const isCount = (n: number) => Number.isInteger(n) && n > 0;
/** A threshold the server accepts: a probability in (0, 1), or null for auto. */
const isThreshold = (p: number | null | undefined) =>
  p === null || (p !== undefined && p > 0 && p < 1);
const baseName = (path: string) => path.split(/[\\/]/).pop() || path;
const complete = <W extends { start: string | null; end: string | null }>(rows: W[]) =>
  rows.flatMap((row) => (row.start && row.end ? [{ start: row.start, end: row.end }] : []));

function strategyOf(kind: Strategy['kind'], draft: StrategyDraft, binsText: string): Strategy {
  const { n } = draft;
  const threshold = draft.threshold ?? null; // null: auto
  const maxPool = draft.max_pool ?? DEFAULT_MAX_POOL;
  switch (kind) {
    case 'score_bins': {
      const parsed = parseScoreBins(binsText);
      return { kind, n, bins: 'bins' in parsed ? parsed.bins : [] };
    }
    case 'uncertainty':
      return { kind, n, threshold };
    case 'diversity':
      return { kind, n, max_pool: maxPool };
    case 'hybrid':
      return { kind, n, threshold, max_pool: maxPool };
    default:
      return { kind, n };
  }
}

/** The listed annotation CSVs, trimmed, blanks and repeats dropped. */
const labelledFiles = (values: ExtractionFormValues) => [
  ...new Set(values.labelled_annotation_files.map(trimmed).filter(Boolean)),
];

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
    labelled_annotation_files: labelledFiles(values),
    embedding_cache_dir: trimmed(values.embedding_cache_dir) || null,
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
  /** The task still writing the predictions folder (its title), when the form waits for one. */
  waitingFor?: string | null;
}

/** `/…`, `~/…`, `C:\…` or `\\server\…`: what the server accepts as absolute. */
const isAbsolutePath = (path: string) => /^(\/|~[\\/]|[A-Za-z]:[\\/]|\\\\)/.test(path);

/**
 * Why the already-labelled files cannot be sent, or null when they can: each must be an annotation
 * CSV given by its absolute path.
 * @param files - The paths listed in the form.
 * @returns e.g. "not CSV: notes.txt" or "not absolute: task.csv".
 */
export function labelledFilesProblem(files: string[]): string | null {
  const paths = files.map(trimmed).filter(Boolean);
  const notCsv = paths.filter((path) => !/\.csv$/i.test(path));
  if (notCsv.length) return `not CSV: ${notCsv.map(baseName).join(', ')}`;
  const relative = paths.filter((path) => !isAbsolutePath(path));
  if (relative.length) return `not absolute: ${relative.join(', ')}`;
  return null;
}

/**
 * Labels of fields still empty or invalid, in form order ("Predictions folder", "Classes", …).
 * @param values - The form values.
 * @param scan - What the folder scan found (classes picked must be among them).
 */
export function missingFields(values: ExtractionFormValues, scan: ScanContext): string[] {
  const labels: string[] = [];
  if (scan.waitingFor) labels.push(`Predictions folder (waiting for ${scan.waitingFor} to finish)`);
  else if (!trimmed(values.predictions_dir)) labels.push('Predictions folder');
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
    const draft = values.strategies[kind];
    if (!isCount(draft.n)) labels.push(`${STRATEGY_LABELS[kind]}: N`);
    if (THRESHOLD_KINDS.includes(kind) && !isThreshold(draft.threshold)) {
      labels.push(`${STRATEGY_LABELS[kind]}: threshold`);
    }
    const pool = draft.max_pool ?? Number.NaN;
    if (EMBEDDING_KINDS.includes(kind) && !(isCount(pool) && pool >= draft.n)) {
      labels.push(`${STRATEGY_LABELS[kind]}: candidate pool`);
    }
  }
  if (values.strategies.score_bins.enabled) {
    const bins = parseScoreBins(values.score_bins_text);
    if ('error' in bins) labels.push('Score bins');
  }
  const labelledProblem = labelledFilesProblem(values.labelled_annotation_files);
  if (labelledProblem) labels.push(`Already-labelled files (${labelledProblem})`);
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
    const draft = { ...strategies[strategy.kind], enabled: true, n: strategy.n };
    if ('threshold' in strategy) draft.threshold = strategy.threshold;
    if ('max_pool' in strategy) draft.max_pool = strategy.max_pool;
    strategies[strategy.kind] = draft;
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
    labelled_annotation_files: config.labelled_annotation_files,
    embedding_cache_dir: config.embedding_cache_dir ?? '',
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
