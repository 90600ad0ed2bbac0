/**
 * Inference form state: the config being edited (InferenceConfig fields, paths as typed), the task
 * name, and where a prefill came from. Validation uses the shared InferenceConfigSchema.
 */
import { InferenceConfigSchema, type InferenceConfig } from '@/api/schemas';

/** The only model offered in this release. */
export const MODEL_OPTIONS = [
  { value: 'BirdNET', label: 'BirdNET (offline, 6,522 species)' },
] as const;

export interface InferenceFormState {
  config: InferenceConfig;
  name: string;
  /** Shown as a note: "Demo project loaded: …" or "Loaded from …". */
  note: string | null;
}

export type InferenceFormAction =
  | { type: 'set'; field: 'audio_dir' | 'output_dir'; value: string }
  | { type: 'setModel'; value: InferenceConfig['model'] }
  | { type: 'setName'; value: string }
  | { type: 'load'; config: InferenceConfig; name?: string | null; note: string }
  | { type: 'demo'; audioDir: string; outputDir: string };

export const initialInferenceForm: InferenceFormState = {
  config: {
    model: 'BirdNET',
    audio_dir: '',
    extensions: ['.wav', '.flac', '.mp3', '.ogg'],
    output_dir: '',
    batch_size: 1,
    num_workers: 0,
    activation: 'logits',
  },
  name: '',
  note: null,
};

/** Reducer for the inference form. */
export function inferenceFormReducer(
  state: InferenceFormState,
  action: InferenceFormAction,
): InferenceFormState {
  switch (action.type) {
    case 'set':
      return { ...state, config: { ...state.config, [action.field]: action.value } };
    case 'setModel':
      return { ...state, config: { ...state.config, model: action.value } };
    case 'setName':
      return { ...state, name: action.value };
    case 'load':
      return { config: action.config, name: action.name ?? state.name, note: action.note };
    case 'demo':
      if (state.config.audio_dir || state.config.output_dir) return state;
      return {
        ...state,
        config: { ...state.config, audio_dir: action.audioDir, output_dir: action.outputDir },
        note: `Demo project loaded: ${action.audioDir}`,
      };
  }
}

/**
 * Labels of required fields that are still empty (from the schema's messages).
 * @param config - The config as typed.
 */
export function missingFields(config: InferenceConfig): string[] {
  const result = InferenceConfigSchema.safeParse(config);
  if (result.success) return [];
  return [...new Set(result.error.issues.map((issue) => issue.message))];
}

/**
 * Parse any config (from a task or a file) into the form's shape, filling defaults.
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
  return {
    error: `This is not an inference config this app can load: ${field} is missing or invalid.`,
  };
}

/** The config sent to the server: trimmed paths. */
export function resolvedConfig(config: InferenceConfig): InferenceConfig {
  return { ...config, audio_dir: config.audio_dir.trim(), output_dir: config.output_dir.trim() };
}
