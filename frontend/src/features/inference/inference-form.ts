/**
 * Inference form state: the config being edited (paths and lines as typed), the picked audio
 * source and class subset, the task name, and where a prefill came from.
 */
import type { InferenceConfig } from '@/api/schemas';
import {
  defaultInferenceConfig,
  sourceOf,
  subsetOf,
  type AudioSource,
  type SubsetMode,
} from './inference-config';

export interface InferenceFormState {
  config: InferenceConfig;
  source: AudioSource;
  subset: SubsetMode;
  name: string;
  /** Shown as a note: "Demo project loaded: …" or "Loaded from …". */
  note: string | null;
}

export type InferenceFormAction =
  | { type: 'patch'; values: Partial<InferenceConfig> }
  | { type: 'setSource'; value: AudioSource }
  | { type: 'setSubset'; value: SubsetMode }
  | { type: 'setName'; value: string }
  | { type: 'load'; config: InferenceConfig; name?: string | null; note: string }
  | { type: 'demo'; audioDir: string; outputDir: string };

/** Dispatch function of the inference form. */
export type InferenceFormDispatch = (action: InferenceFormAction) => void;

export const initialInferenceForm: InferenceFormState = {
  config: defaultInferenceConfig(),
  source: 'folder',
  subset: 'all',
  name: '',
  note: null,
};

/** Reducer for the inference form. */
export function inferenceFormReducer(
  state: InferenceFormState,
  action: InferenceFormAction,
): InferenceFormState {
  switch (action.type) {
    case 'patch':
      return { ...state, config: { ...state.config, ...action.values } };
    case 'setSource':
      return { ...state, source: action.value };
    case 'setSubset':
      return { ...state, subset: action.value };
    case 'setName':
      return { ...state, name: action.value };
    case 'load':
      return {
        config: action.config,
        source: sourceOf(action.config),
        subset: subsetOf(action.config),
        name: action.name ?? state.name,
        note: action.note,
      };
    case 'demo':
      if (state.config.audio_dir || state.config.output_dir) return state;
      return {
        ...state,
        source: 'folder',
        config: { ...state.config, audio_dir: action.audioDir, output_dir: action.outputDir },
        note: `Demo project loaded: ${action.audioDir}`,
      };
  }
}
