/**
 * Training form state: the values as the user edits them (label-source rows, numbers that may be
 * half typed, hidden sizes and thresholds as text, the CNN settings kept while the shallow model
 * is chosen), the task name, and where a prefill came from. `training-config.ts` turns these
 * values into the config the server gets.
 */
import { DEFAULT_THRESHOLDS, type CnnArchitecture } from '@/api/training-schemas';

/** An annotation CSV row: binary (yes/no about one class) or multiclass (class lists). */
export interface AnnotationFileDraft {
  /** Stable React key for the row. */
  key: number;
  path: string;
  mode: 'binary' | 'multiclass';
  /** Binary: the class the yes/no labels are about. */
  class_name: string;
  /** Where relative clip paths start ('' = the CSV's folder). */
  audio_root: string;
}

/** A Raven selection table row with the recording it annotates. */
export interface RavenTableDraft {
  key: number;
  path: string;
  audio_file: string;
  /** '' = the first of Species, Annotation, Class, Label, Common Name, Species Code. */
  species_column: string;
}

/** The three kinds of label source (the training set, or the evaluation set). */
export interface LabelSourcesDraft {
  annotation_files: AnnotationFileDraft[];
  raven_tables: RavenTableDraft[];
  folder_labels_dir: string;
}

/** Everything the form edits. Numbers are NaN while their field does not hold a number. */
export interface TrainingFormValues {
  labels: LabelSourcesDraft;
  /** Hold out a share of the recordings, or evaluate on a separate labelled set. */
  evaluation: 'split' | 'set';
  validation_fraction: number;
  validation: LabelSourcesDraft;
  /** Classes to train (empty: every class found). */
  classes: string[];
  model_type: 'shallow' | 'cnn';
  head: 'logistic' | 'mlp';
  /** MLP layer sizes as typed, e.g. "256, 128". */
  hidden_sizes_text: string;
  cnn_architecture: CnnArchitecture;
  cnn_pretrained: boolean;
  clip_duration_s: number;
  bandpass_min_hz: number | null;
  bandpass_max_hz: number | null;
  background_noise_dir: string;
  augment_noise_overlay: boolean;
  /** CNN audio-loading workers; null = auto. */
  num_workers: number | null;
  augment_time_mask: boolean;
  augment_frequency_mask: boolean;
  /** Train for a number of optimiser steps, or of epochs. */
  length_unit: 'steps' | 'epochs';
  steps: number;
  epochs: number;
  learning_rate: number;
  batch_size: number;
  weight_decay: number;
  early_stopping: boolean;
  early_stopping_patience_steps: number;
  seed: number;
  /** Thresholds as typed, e.g. "0.1, 0.5, 0.9". */
  thresholds_text: string;
  target_precision: number;
  output_dir: string;
  loop_dir: string;
  /** Kept from a loaded config (no field in the form): '' = the default cache. */
  embedding_cache_dir: string;
}

let nextKey = 1;
/** A fresh, unique row key. */
export const newRowKey = (): number => nextKey++;

/** A new, empty annotation CSV row (binary, the mode Extraction writes by default). */
export const newAnnotationFile = (path = ''): AnnotationFileDraft => ({
  key: newRowKey(),
  path,
  mode: 'binary',
  class_name: '',
  audio_root: '',
});

/** A new, empty Raven table row. */
export const newRavenTable = (): RavenTableDraft => ({
  key: newRowKey(),
  path: '',
  audio_file: '',
  species_column: '',
});

/** No label source. */
export const emptySources = (): LabelSourcesDraft => ({
  annotation_files: [],
  raven_tables: [],
  folder_labels_dir: '',
});

/** Thresholds written the way the field shows them. */
export const thresholdsText = (thresholds: number[]): string => thresholds.join(', ');

/** Default values: a logistic head on BirdNET embeddings, 500 steps, 20 % held out. */
export function defaultTrainingValues(): TrainingFormValues {
  return {
    labels: emptySources(),
    evaluation: 'split',
    validation_fraction: 0.2,
    validation: emptySources(),
    classes: [],
    model_type: 'shallow',
    head: 'logistic',
    hidden_sizes_text: '256',
    cnn_architecture: 'resnet18',
    cnn_pretrained: false,
    clip_duration_s: 3,
    bandpass_min_hz: null,
    bandpass_max_hz: null,
    background_noise_dir: '',
    augment_noise_overlay: true,
    num_workers: null,
    augment_time_mask: true,
    augment_frequency_mask: true,
    length_unit: 'steps',
    steps: 500,
    epochs: 10,
    learning_rate: 0.001,
    batch_size: 64,
    weight_decay: 0.0001,
    early_stopping: false,
    early_stopping_patience_steps: 100,
    seed: 0,
    thresholds_text: thresholdsText(DEFAULT_THRESHOLDS),
    target_precision: 0.9,
    output_dir: '',
    loop_dir: '',
    embedding_cache_dir: '',
  };
}

export interface TrainingFormState {
  values: TrainingFormValues;
  name: string;
  /** Shown as a note: "Loaded from …". */
  note: string | null;
}

/** Which label sources an action edits: the training set or the evaluation set. */
export type SourcesName = 'labels' | 'validation';

export type TrainingFormAction =
  | { type: 'patch'; values: Partial<TrainingFormValues> }
  | { type: 'setSources'; which: SourcesName; sources: LabelSourcesDraft }
  | { type: 'setName'; value: string }
  | { type: 'load'; values: TrainingFormValues; name?: string | null; note: string };

/** Dispatch function of the training form. */
export type TrainingFormDispatch = (action: TrainingFormAction) => void;

export const initialTrainingForm: TrainingFormState = {
  values: defaultTrainingValues(),
  name: '',
  note: null,
};

/** Reducer for the training form. */
export function trainingFormReducer(
  state: TrainingFormState,
  action: TrainingFormAction,
): TrainingFormState {
  switch (action.type) {
    case 'patch':
      return { ...state, values: { ...state.values, ...action.values } };
    case 'setSources':
      return { ...state, values: { ...state.values, [action.which]: action.sources } };
    case 'setName':
      return { ...state, name: action.value };
    case 'load':
      return { values: action.values, name: action.name ?? state.name, note: action.note };
  }
}
