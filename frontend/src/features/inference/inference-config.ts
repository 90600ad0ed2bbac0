/**
 * From the form to the config the server gets, and back: which audio source and class subset the
 * user picked, the resolved config (only the picked source, trimmed paths, no blank lines), what is
 * still missing, and parsing a loaded config.
 */
import { InferenceConfigSchema, type AudioMatchRequest, type InferenceConfig } from '@/api/schemas';

/** Where the audio comes from (one at a time in the form). */
export type AudioSource = 'folder' | 'files' | 'globs' | 'list';

/** Which classes are kept: all, a typed list, or a text file. */
export type SubsetMode = 'all' | 'list' | 'file';

/** Labels named by "Fill in: …" when the picked source is empty. */
export const AUDIO_SOURCE_LABELS: Record<AudioSource, string> = {
  folder: 'Audio folder',
  files: 'Audio files',
  globs: 'Glob patterns',
  list: 'List file',
};

/** Default logit floor when sparse outputs are switched on. */
export const DEFAULT_SPARSE_FLOOR = -3;
/** Default file count when test mode is switched on. */
export const DEFAULT_TEST_FILES = 10;

/** Where the model comes from: the zoo (by name) or a local file (`model_file` set, maybe ''). */
export type ModelSource = 'zoo' | 'file';

/** The model source of a config: a local file when `model_file` is a string (even empty). */
export function modelSourceOf(config: InferenceConfig): ModelSource {
  return typeof config.model_file === 'string' ? 'file' : 'zoo';
}

/** Whether the location + date species filter can be used: BirdNET from the model zoo only. */
export function speciesFilterApplies(config: InferenceConfig): boolean {
  const modelFile = 'model_file' in config ? config.model_file : null;
  return config.model === 'BirdNET' && !modelFile;
}

/** A config with every default filled in. */
export const defaultInferenceConfig = (): InferenceConfig => InferenceConfigSchema.parse({});

const trimmed = (value: string | null) => value?.trim() || null;
const lines = (values: string[]) => values.map((value) => value.trim()).filter(Boolean);

/** The source a loaded config uses (the first one filled in; the folder when none is). */
export function sourceOf(config: InferenceConfig): AudioSource {
  if (trimmed(config.audio_dir)) return 'folder';
  if (lines(config.audio_files).length) return 'files';
  if (lines(config.audio_globs).length) return 'globs';
  if (trimmed(config.audio_list_file)) return 'list';
  return 'folder';
}

/** The class subset a loaded config uses. */
export function subsetOf(config: InferenceConfig): SubsetMode {
  if (trimmed(config.subset_classes_file)) return 'file';
  return lines(config.subset_classes).length ? 'list' : 'all';
}

/**
 * The config sent to the server: only the picked audio source and subset, trimmed paths, blank
 * lines dropped, and no split by subfolder unless the audio is a folder.
 */
export function resolvedConfig(
  config: InferenceConfig,
  source: AudioSource,
  subset: SubsetMode,
): InferenceConfig {
  // A local model file replaces the zoo model; left out entirely while the zoo is chosen.
  const { model_file: modelFile, ...rest } = config;
  return {
    ...rest,
    ...(typeof modelFile === 'string' ? { model_file: modelFile.trim() } : {}),
    audio_dir: source === 'folder' ? trimmed(config.audio_dir) : null,
    audio_files: source === 'files' ? lines(config.audio_files) : [],
    audio_globs: source === 'globs' ? lines(config.audio_globs) : [],
    audio_list_file: source === 'list' ? trimmed(config.audio_list_file) : null,
    extensions: lines(config.extensions),
    output_dir: config.output_dir.trim(),
    // Subfolders are those of the audio folder: the other sources have none.
    split_by_subfolder: source === 'folder' && config.split_by_subfolder,
    subset_classes: subset === 'list' ? lines(config.subset_classes) : [],
    subset_classes_file: subset === 'file' ? trimmed(config.subset_classes_file) : null,
    // The species filter is BirdNET's; switching to another model leaves it out.
    species_filter: speciesFilterApplies(config) ? config.species_filter : null,
    wandb: config.wandb && {
      ...config.wandb,
      project: config.wandb.project.trim(),
      run_name: trimmed(config.wandb.run_name),
      notes: trimmed(config.wandb.notes),
    },
    embedding_cache_dir: trimmed(config.embedding_cache_dir),
  };
}

/** The audio-source fields of a resolved config, or null when its source is empty. */
export function audioMatchRequest(config: InferenceConfig): AudioMatchRequest | null {
  const request = {
    audio_dir: config.audio_dir,
    recursive: config.recursive,
    extensions: config.extensions,
    audio_files: config.audio_files,
    audio_globs: config.audio_globs,
    audio_list_file: config.audio_list_file,
  };
  const empty =
    !request.audio_dir &&
    !request.audio_files.length &&
    !request.audio_globs.length &&
    !request.audio_list_file;
  return empty ? null : request;
}

/**
 * Labels of fields still empty or invalid, in form order ("Audio folder", "Output folder", …).
 * @param resolved - The resolved config.
 * @param source - The picked audio source.
 * @param subset - The picked class subset.
 */
export function missingFields(
  resolved: InferenceConfig,
  source: AudioSource,
  subset: SubsetMode,
): string[] {
  const labels: string[] = [];
  if (resolved.model_file === '') labels.push('Model file');
  if (!audioMatchRequest(resolved)) labels.push(AUDIO_SOURCE_LABELS[source]);
  if (!resolved.extensions.length) labels.push('Extensions');
  if (!resolved.output_dir) labels.push('Output folder');
  if (subset === 'list' && !resolved.subset_classes.length) labels.push('Subset classes');
  if (subset === 'file' && !resolved.subset_classes_file) labels.push('Subset classes file');
  const result = InferenceConfigSchema.safeParse(resolved);
  if (!result.success) labels.push(...result.error.issues.map((issue) => issue.message));
  return [...new Set(labels)];
}

/**
 * Parse any config (from a task or a file) into the form's shape: unknown keys are dropped, missing
 * ones get their defaults.
 * @param raw - Config object.
 * @returns The config, or an error message naming the bad field.
 */
export function parseLoadedConfig(
  raw: Record<string, unknown>,
): { config: InferenceConfig } | { error: string } {
  const result = InferenceConfigSchema.safeParse(raw);
  if (result.success) return { config: result.data };
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'config';
  return { error: `This is not an inference config this app can load: ${field} is invalid.` };
}
