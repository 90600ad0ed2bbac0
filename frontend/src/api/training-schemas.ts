/**
 * zod schemas of the training job's config (backend/common/training_config.py, docs/training.md)
 * and of the training routes: what label sources hold (`POST /api/training/labels`) and a finished
 * task's summary (`POST /api/training/summary`). Every config field has its server default, so an
 * older or hand-written config loads; unknown keys are dropped.
 */
import { z } from 'zod';

/** Architectures the CNN fine-tuning builds (OpenSoundscape names). */
export const CNN_ARCHITECTURES = ['resnet18', 'resnet34', 'resnet50', 'efficientnet_b0'] as const;
export type CnnArchitecture = (typeof CNN_ARCHITECTURES)[number];

/** Score thresholds at which precision, recall and F1 are reported by default. */
export const DEFAULT_THRESHOLDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** A Review annotation CSV: binary (`class_name` set) or multiclass (`class_name` empty). */
export const AnnotationFileSchema = z.object({
  path: z.string(),
  class_name: z.string().nullable().default(null),
  /** Where relative clip paths start (null: the CSV's folder). */
  audio_root: z.string().nullable().default(null),
});
export type AnnotationFile = z.infer<typeof AnnotationFileSchema>;

/** A Raven selection table and the recording it annotates (taken as fully annotated). */
export const RavenTableSchema = z.object({
  path: z.string(),
  audio_file: z.string(),
  /** Column holding the class (null: Species, Annotation, Class, … whichever comes first). */
  species_column: z.string().nullable().default(null),
});
export type RavenTable = z.infer<typeof RavenTableSchema>;

/** Where labels come from (the training set, or an evaluation set). */
export const LabelSourcesSchema = z.object({
  annotation_files: z.array(AnnotationFileSchema).default([]),
  raven_tables: z.array(RavenTableSchema).default([]),
  /** A folder whose subfolders are classes (`negative`: recordings of none of them). */
  folder_labels_dir: z.string().nullable().default(null),
});
export type LabelSources = z.infer<typeof LabelSourcesSchema>;

/** The training job's config (`kind: "training"`); units in names. */
export const TrainingConfigSchema = LabelSourcesSchema.extend({
  kind: z.literal('training').default('training'),
  /** Classes to train (empty: every class found). */
  classes: z.array(z.string()).default([]),
  model_type: z.enum(['shallow', 'cnn']).default('shallow'),
  embedding_model: z.literal('BirdNET').default('BirdNET'),
  head: z.enum(['logistic', 'mlp']).default('logistic'),
  hidden_sizes: z.array(z.number().int().positive()).default([256]),
  cnn_architecture: z.enum(CNN_ARCHITECTURES).default('resnet18'),
  /** ImageNet weights (a download; off offline). */
  cnn_pretrained: z.boolean().default(false),
  clip_duration_s: z.number().positive().default(3),
  bandpass_min_hz: z.number().nullable().default(null),
  bandpass_max_hz: z.number().nullable().default(null),
  background_noise_dir: z.string().nullable().default(null),
  augment_noise_overlay: z.boolean().default(true),
  /** CNN: audio-loading worker processes; null = auto (spare cores, up to 4). */
  num_workers: z.number().int().min(0).max(64).nullable().default(null),
  augment_time_mask: z.boolean().default(true),
  augment_frequency_mask: z.boolean().default(true),
  steps: z.number().int().positive().default(500),
  /** When set, replaces `steps`: epochs × ceil(training windows / batch size). */
  epochs: z.number().int().positive().nullable().default(null),
  learning_rate: z.number().positive().default(1e-3),
  weight_decay: z.number().min(0).default(1e-4),
  batch_size: z.number().int().positive().default(64),
  early_stopping_patience_steps: z.number().int().positive().nullable().default(null),
  /** An evaluation set; null: hold out `validation_fraction` of the recordings. */
  validation: LabelSourcesSchema.nullable().default(null),
  validation_fraction: z.number().gt(0).lt(1).default(0.2),
  seed: z.number().int().default(0),
  thresholds: z.array(z.number().min(0).max(1)).default(DEFAULT_THRESHOLDS),
  target_precision: z.number().gt(0).max(1).default(0.9),
  output_dir: z.string().default(''),
  job_dir: z.string().nullable().default(null),
  embedding_cache_dir: z.string().nullable().default(null),
  /** Active-learning loop folder: the finished job appends its round to dipper_loop.json. */
  loop_dir: z.string().nullable().default(null),
});
export type TrainingConfig = z.infer<typeof TrainingConfigSchema>;

const CountsSchema = z.object({ positive: z.number(), negative: z.number() });
export type LabelCounts = z.infer<typeof CountsSchema>;

/** What one label source holds, in its own unit (labels, 3 s windows or recordings). */
export const LabelSourceSummarySchema = z.looseObject({
  kind: z.enum(['annotation_file', 'raven_table', 'folder']),
  path: z.string(),
  unit: z.enum(['labels', 'windows', 'recordings']),
  rows: z.number(),
  counts: z.record(z.string(), CountsSchema),
  problems: z.array(z.string()),
  /** Annotation CSVs: the mode their labels are in (null while unknown). */
  mode: z.enum(['binary', 'multiclass']).nullable().optional(),
  /** Annotation CSVs made by Extraction: the class their file name names. */
  suggested_class_name: z.string().nullable().optional(),
  not_reviewed: z.number().optional(),
  uncertain: z.number().optional(),
  audio_files: z.number().optional(),
  missing_audio_files: z.number().optional(),
  species_column: z.string().nullable().optional(),
});
export type LabelSourceSummary = z.infer<typeof LabelSourceSummarySchema>;

/** Answer of `POST /api/training/labels`. */
export const LabelSummarySchema = z.object({
  sources: z.array(LabelSourceSummarySchema),
  classes: z.array(z.string()),
  totals: z.record(z.string(), CountsSchema),
  warnings: z.array(z.string()),
});
export type LabelSummary = z.infer<typeof LabelSummarySchema>;

/** Answer of `POST /api/training/summary`: a finished training task's headline numbers. */
export const TrainingSummarySchema = z.object({
  mean_average_precision: z.number().nullable(),
  classes: z.record(
    z.string(),
    z.object({
      average_precision: z.number().nullable().optional(),
      roc_auc: z.number().nullable().optional(),
      n_positive: z.number().nullable().optional(),
      n_negative: z.number().nullable().optional(),
    }),
  ),
  n_train_windows: z.number().nullable(),
  n_validation_windows: z.number().nullable(),
  model_file: z.string().nullable(),
  report_file: z.string().nullable(),
});
export type TrainingSummary = z.infer<typeof TrainingSummarySchema>;
