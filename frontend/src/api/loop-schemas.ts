/**
 * zod schemas of the active-learning loop record (`backend/common/loop_record.py`) and of
 * `GET /api/loop`: a loop folder's training rounds and the learning-curve points derived from them.
 * Rounds are written by training jobs, possibly by older or newer versions: a malformed field falls
 * back to empty rather than hiding the whole loop.
 */
import { z } from 'zod';

const nullableNumber = z.number().nullable().catch(null).default(null);
const stringList = z.array(z.string()).catch([]).default([]);

/** Labelled windows of one class in a round's training data. */
export const LabelCountSchema = z.object({
  positive: z.number().catch(0).default(0),
  negative: z.number().catch(0).default(0),
});
export type LabelCount = z.infer<typeof LabelCountSchema>;

/** One training round, appended by a training job run with `loop_dir`. */
export const LoopRoundSchema = z.object({
  round: z.number().int().catch(0),
  /** ISO time the job finished. */
  finished_at: z.string().nullable().catch(null).default(null),
  job_dir: z.string().nullable().catch(null).default(null),
  /** The trained model (Inference → Model file). */
  model_file: z.string().nullable().catch(null).default(null),
  /** `shallow` or `cnn`. */
  model_type: z.string().nullable().catch(null).default(null),
  classes: stringList,
  /** Labelled windows used for training and validation together. */
  n_labels: nullableNumber,
  label_counts: z.record(z.string(), LabelCountSchema).catch({}).default({}),
  /** Mean held-out average precision over the classes that have one. */
  mean_average_precision: nullableNumber,
  /** Held-out AP per class; null where the held-out data has no positive of that class. */
  average_precision: z.record(z.string(), z.number().nullable().catch(null)).catch({}).default({}),
  /** `split` (recordings held out of the labels) or `evaluation set` (a fixed set). */
  evaluation: z.string().nullable().catch(null).default(null),
  /** The Review annotation CSVs this round trained on. */
  annotation_files: stringList,
  /** Folders the clips' paths resolve against (or the recordings' folders). */
  audio_roots: stringList,
  /** Recordings folders the round's annotation tasks were drawn from (via Extraction's config). */
  recordings_dirs: stringList,
});
export type LoopRound = z.infer<typeof LoopRoundSchema>;

/** One learning-curve point: labels used → held-out AP. */
export const CurvePointSchema = z.object({
  round: z.number().nullable().catch(null),
  n_labels: z.number(),
  value: z.number(),
});
export type CurvePoint = z.infer<typeof CurvePointSchema>;

/** Learning-curve points, mean and per class, in round order. */
export const LearningCurveSchema = z.object({
  mean: z.array(CurvePointSchema).default([]),
  per_class: z.record(z.string(), z.array(CurvePointSchema)).default({}),
  /** The evaluation kinds the rounds used, in order of first use. */
  evaluation_kinds: z.array(z.string()).default([]),
  /** True when rounds used different evaluation kinds (the curve then mixes two measures). */
  mixed_evaluation: z.boolean().default(false),
});
export type LearningCurve = z.infer<typeof LearningCurveSchema>;

/** `GET /api/loop?dir=`: the record of a loop folder (no rounds when it has none yet). */
export const LoopSchema = z.object({
  loop_dir: z.string(),
  /** The record file, `<loop_dir>/dipper_loop.json`. */
  path: z.string(),
  /** False until the first training round is recorded there. */
  exists: z.boolean(),
  version: z.number(),
  rounds: z.array(LoopRoundSchema),
  /** Problems recorded in the file (e.g. a corrupt earlier file that was set aside). */
  warnings: z.array(z.string()).default([]),
  curve: LearningCurveSchema,
});
export type Loop = z.infer<typeof LoopSchema>;
