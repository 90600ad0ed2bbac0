/**
 * zod schemas for model choice: the zoo catalog (`GET /api/models`), a model's class list
 * (`GET /api/models/{name}/classes`) and the description of a local model file
 * (`POST /api/models/inspect`). See backend/common/model_catalog.py.
 */
import { z } from 'zod';

/** One model of the zoo as the inference form shows it. */
export const CatalogModelSchema = z.object({
  name: z.string(),
  /** What it is for, in plain words. */
  description: z.string(),
  /** Length of one analysis window; null when only known after download. */
  sample_duration_s: z.number().nullable(),
  sample_rate_hz: z.number().nullable(),
  num_classes: z.number().int().nullable(),
  embedding_size: z.number().int().nullable(),
  /** Downloads its weights on first use (BirdNET is the one that does not). */
  needs_download: z.boolean(),
  /** Python modules the model needs that the installed environment lacks. */
  missing_packages: z.array(z.string()).default([]),
  /** Whether its class list can be shown now. */
  classes_known: z.boolean().default(false),
});
export type CatalogModel = z.infer<typeof CatalogModelSchema>;

export const ModelCatalogSchema = z.object({
  models: z.array(CatalogModelSchema),
  /** False while the model environment is not installed (nothing can run yet). */
  environment_ready: z.boolean(),
});
export type ModelCatalog = z.infer<typeof ModelCatalogSchema>;

export const ModelClassesSchema = z.object({
  model: z.string(),
  /** null when not known yet; `message` says why. */
  classes: z.array(z.string()).nullable(),
  source: z.string().nullable(),
  message: z.string(),
});
export type ModelClasses = z.infer<typeof ModelClassesSchema>;

/** What `POST /api/models/inspect` says about a local model file. */
export const ModelFileInfoSchema = z.object({
  path: z.string(),
  kind: z.enum(['opensoundscape', 'dipper-shallow-classifier']),
  classes: z.array(z.string()),
  num_classes: z.number().int(),
  sample_duration_s: z.number().nullable(),
  sample_rate_hz: z.number().nullable(),
  architecture: z.string(),
  /** The model whose embeddings a Dipper classifier takes; null for OpenSoundscape models. */
  embedding_model: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()).default({}),
});
export type ModelFileInfo = z.infer<typeof ModelFileInfoSchema>;
