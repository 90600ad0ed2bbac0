/**
 * From the training form to the config the server gets, and back: the resolved config (trimmed
 * paths, empty → null, the CNN settings only for a CNN, the evaluation set only when chosen), what
 * is still missing or invalid (named for the "Fill in: …" hover of the create buttons), and
 * parsing a loaded config.
 */
import {
  TrainingConfigSchema,
  type LabelSources,
  type TrainingConfig,
} from '@/api/training-schemas';
import {
  defaultTrainingValues,
  newRowKey,
  thresholdsText,
  type LabelSourcesDraft,
  type TrainingFormValues,
} from './training-form';

const trimmed = (value: string) => value.trim();
const orNull = (value: string) => trimmed(value) || null;
const isCount = (n: number) => Number.isInteger(n) && n > 0;

/**
 * A comma- or space-separated list of numbers ("256, 128").
 * @returns The numbers, or null when a part is not a number (or nothing is typed).
 */
export function parseNumberList(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (!parts.length) return null;
  const numbers = parts.map(Number);
  return numbers.every(Number.isFinite) ? numbers : null;
}

/** The label sources of a config from their rows (rows without a path are left out). */
export function resolvedSources(draft: LabelSourcesDraft): LabelSources {
  return {
    annotation_files: draft.annotation_files
      .filter((row) => trimmed(row.path))
      .map((row) => ({
        path: trimmed(row.path),
        class_name: row.mode === 'binary' ? orNull(row.class_name) : null,
        audio_root: orNull(row.audio_root),
      })),
    raven_tables: draft.raven_tables
      .filter((row) => trimmed(row.path) || trimmed(row.audio_file))
      .map((row) => ({
        path: trimmed(row.path),
        audio_file: trimmed(row.audio_file),
        species_column: orNull(row.species_column),
      })),
    folder_labels_dir: orNull(draft.folder_labels_dir),
  };
}

/** Whether any label source is given. */
export function hasSource(sources: LabelSources): boolean {
  return Boolean(
    sources.annotation_files.length || sources.raven_tables.length || sources.folder_labels_dir,
  );
}

/**
 * The config sent to the server. CNN settings go only with a CNN (the server refuses a bandpass
 * for the shallow model); background noise goes with both; the loop folder only when set.
 * @param values - The form values.
 */
export function resolvedConfig(values: TrainingFormValues): Partial<TrainingConfig> {
  const epochs = values.length_unit === 'epochs';
  const config: Partial<TrainingConfig> = {
    kind: 'training',
    ...resolvedSources(values.labels),
    classes: values.classes,
    model_type: values.model_type,
    embedding_model: 'BirdNET',
    head: values.head,
    hidden_sizes: parseNumberList(values.hidden_sizes_text) ?? [],
    steps: epochs ? 500 : values.steps,
    epochs: epochs ? values.epochs : null,
    learning_rate: values.learning_rate,
    weight_decay: values.weight_decay,
    batch_size: values.batch_size,
    early_stopping_patience_steps: values.early_stopping
      ? values.early_stopping_patience_steps
      : null,
    validation: values.evaluation === 'set' ? resolvedSources(values.validation) : null,
    validation_fraction: values.validation_fraction,
    seed: values.seed,
    thresholds: parseNumberList(values.thresholds_text) ?? [],
    target_precision: values.target_precision,
    output_dir: trimmed(values.output_dir),
    job_dir: null,
    embedding_cache_dir: orNull(values.embedding_cache_dir),
    background_noise_dir: orNull(values.background_noise_dir),
    augment_noise_overlay: values.augment_noise_overlay,
  };
  if (values.model_type === 'cnn') {
    Object.assign(config, {
      cnn_architecture: values.cnn_architecture,
      cnn_pretrained: values.cnn_pretrained,
      clip_duration_s: values.clip_duration_s,
      bandpass_min_hz: values.bandpass_min_hz,
      bandpass_max_hz: values.bandpass_max_hz,
      augment_time_mask: values.augment_time_mask,
      augment_frequency_mask: values.augment_frequency_mask,
      num_workers: values.num_workers,
    });
  }
  if (trimmed(values.loop_dir)) config.loop_dir = trimmed(values.loop_dir);
  return config;
}

/** Missing pieces of one set of label sources, named "<prefix>annotation CSV 2: class". */
function sourceProblems(draft: LabelSourcesDraft, prefix: string): string[] {
  const labels: string[] = [];
  draft.annotation_files.forEach((row, index) => {
    const name = `${prefix}Annotation CSV ${index + 1}`;
    if (!trimmed(row.path)) labels.push(name);
    else if (row.mode === 'binary' && !trimmed(row.class_name)) labels.push(`${name}: class`);
  });
  draft.raven_tables.forEach((row, index) => {
    const name = `${prefix}Raven table ${index + 1}`;
    if (!trimmed(row.path)) labels.push(name);
    if (!trimmed(row.audio_file)) labels.push(`${name}: recording`);
  });
  return labels;
}

/** Whether any source row is there (filled or not) or a labelled-recordings folder is typed. */
const hasRows = (draft: LabelSourcesDraft) =>
  Boolean(
    draft.annotation_files.length || draft.raven_tables.length || trimmed(draft.folder_labels_dir),
  );

/** What the label-source summaries found, when they have answered. */
export interface LabelsContext {
  /** Classes found in the training labels; null while unknown. */
  classes: string[] | null;
  /** Problems the server found in the training labels (each stops the job). */
  problems: number;
  /** Problems in the evaluation set's labels. */
  evaluationProblems: number;
}

const inRange = (n: number | null, low: number, high: number) =>
  n !== null && Number.isFinite(n) && n >= low && n <= high;

/**
 * Labels of fields still empty or invalid, in form order ("Label sources", "Output folder", …).
 * @param values - The form values.
 * @param labels - What the label summaries found (classes picked must be among them).
 */
export function missingFields(values: TrainingFormValues, labels: LabelsContext): string[] {
  const out: string[] = [];
  if (!hasRows(values.labels)) out.push('Label sources');
  out.push(...sourceProblems(values.labels, ''));
  if (labels.problems) out.push('Labels (fix the problems listed under them)');
  if (values.evaluation === 'split') {
    if (!inRange(values.validation_fraction, 0.01, 0.99)) out.push('Held-out fraction');
  } else {
    if (!hasRows(values.validation)) out.push('Evaluation set');
    out.push(...sourceProblems(values.validation, 'Evaluation '));
    if (labels.evaluationProblems) out.push('Evaluation set (fix the problems listed)');
  }
  if (values.classes.length && labels.classes) {
    const known = new Set(labels.classes);
    const unknown = values.classes.filter((name) => !known.has(name));
    if (unknown.length) out.push(`Classes (not in the labels: ${unknown.join(', ')})`);
    const chosen = new Set(values.classes);
    const left = labels.classes.filter((name) => !chosen.has(name));
    if (left.length) {
      out.push(`Classes (the labels also name ${left.join(', ')}: pick them too, or none for all)`);
    }
  }
  if (values.model_type === 'shallow' && values.head === 'mlp') {
    const sizes = parseNumberList(values.hidden_sizes_text);
    if (!sizes || !sizes.every(isCount)) out.push('Hidden layer sizes');
  }
  if (values.model_type === 'cnn') {
    if (!inRange(values.clip_duration_s, 0.1, 60)) out.push('Clip duration');
    const { bandpass_min_hz: low, bandpass_max_hz: high } = values;
    if (low !== null && !inRange(low, 0, 16000)) out.push('Bandpass low');
    if (high !== null && !inRange(high, 1, 16000)) out.push('Bandpass high');
    if (low !== null && high !== null && low >= high) out.push('Bandpass (low must be below high)');
    const workers = values.num_workers;
    if (workers !== null && !(Number.isInteger(workers) && inRange(workers, 0, 64)))
      out.push('Loading workers');
  }
  if (values.length_unit === 'steps' && !isCount(values.steps)) out.push('Steps');
  if (values.length_unit === 'epochs' && !isCount(values.epochs)) out.push('Epochs');
  if (!(inRange(values.learning_rate, 0, 1) && values.learning_rate > 0)) out.push('Learning rate');
  if (!isCount(values.batch_size)) out.push('Batch size');
  if (!inRange(values.weight_decay, 0, 1)) out.push('Weight decay');
  if (values.early_stopping && !isCount(values.early_stopping_patience_steps))
    out.push('Early-stopping patience');
  if (!Number.isInteger(values.seed)) out.push('Seed');
  const thresholds = parseNumberList(values.thresholds_text);
  if (!thresholds || !thresholds.every((t) => t >= 0 && t <= 1)) out.push('Thresholds');
  if (!(inRange(values.target_precision, 0, 1) && values.target_precision > 0))
    out.push('Target precision');
  if (!trimmed(values.output_dir)) out.push('Output folder');
  return [...new Set(out)];
}

function draftSources(sources: LabelSources | null): LabelSourcesDraft {
  return {
    annotation_files: (sources?.annotation_files ?? []).map((item) => ({
      key: newRowKey(),
      path: item.path,
      mode: item.class_name ? 'binary' : 'multiclass',
      class_name: item.class_name ?? '',
      audio_root: item.audio_root ?? '',
    })),
    raven_tables: (sources?.raven_tables ?? []).map((item) => ({
      key: newRowKey(),
      path: item.path,
      audio_file: item.audio_file,
      species_column: item.species_column ?? '',
    })),
    folder_labels_dir: sources?.folder_labels_dir ?? '',
  };
}

/**
 * Form values from a config (a task's, a file's or a prefill).
 * @param config - A parsed training config.
 */
export function valuesFromConfig(config: TrainingConfig): TrainingFormValues {
  const defaults = defaultTrainingValues();
  return {
    ...defaults,
    labels: draftSources(config),
    evaluation: config.validation ? 'set' : 'split',
    validation_fraction: config.validation_fraction,
    validation: draftSources(config.validation),
    classes: config.classes,
    model_type: config.model_type,
    head: config.head,
    hidden_sizes_text: config.hidden_sizes.join(', '),
    cnn_architecture: config.cnn_architecture,
    cnn_pretrained: config.cnn_pretrained,
    clip_duration_s: config.clip_duration_s,
    bandpass_min_hz: config.bandpass_min_hz,
    bandpass_max_hz: config.bandpass_max_hz,
    background_noise_dir: config.background_noise_dir ?? '',
    augment_noise_overlay: config.augment_noise_overlay,
    augment_time_mask: config.augment_time_mask,
    augment_frequency_mask: config.augment_frequency_mask,
    num_workers: config.num_workers,
    length_unit: config.epochs === null ? 'steps' : 'epochs',
    steps: config.steps,
    epochs: config.epochs ?? defaults.epochs,
    learning_rate: config.learning_rate,
    batch_size: config.batch_size,
    weight_decay: config.weight_decay,
    early_stopping: config.early_stopping_patience_steps !== null,
    early_stopping_patience_steps:
      config.early_stopping_patience_steps ?? defaults.early_stopping_patience_steps,
    seed: config.seed,
    thresholds_text: thresholdsText(config.thresholds),
    target_precision: config.target_precision,
    output_dir: config.output_dir,
    loop_dir: config.loop_dir ?? '',
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
): { values: TrainingFormValues; config: TrainingConfig } | { error: string } {
  if (raw.kind !== undefined && raw.kind !== 'training') {
    return { error: `This is not a training config (its kind is “${String(raw.kind)}”).` };
  }
  const result = TrainingConfigSchema.safeParse(raw);
  if (result.success) return { values: valuesFromConfig(result.data), config: result.data };
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'config';
  return { error: `This is not a training config this app can load: ${field} is invalid.` };
}
