/**
 * zod schemas for the species filter and Weights & Biases pieces of the API: the inference config's
 * `species_filter` and `wandb` fields, the species-list preview, the W&B login status, the W&B
 * link a finished task carries, and the model pre-download request.
 */
import { z } from 'zod';

/** BirdNET's location + date filter (backend/common/species_filter_config.py). */
export const SpeciesFilterSchema = z.object({
  /** Decimal degrees, north positive. */
  latitude: z.number({ error: 'Latitude' }).min(-90, 'Latitude').max(90, 'Latitude'),
  /** Decimal degrees, east positive. */
  longitude: z.number({ error: 'Longitude' }).min(-180, 'Longitude').max(180, 'Longitude'),
  /** YYYY-MM-DD; null = any time of year. */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date (YYYY-MM-DD)')
    .nullable()
    .default(null),
  /** Keep species whose predicted occurrence is at least this (0..1, BirdNET's default 0.03). */
  min_occurrence: z
    .number({ error: 'Min occurrence' })
    .gt(0, 'Min occurrence')
    .lt(1, 'Min occurrence')
    .default(0.03),
});
export type SpeciesFilter = z.infer<typeof SpeciesFilterSchema>;

/** Answer of POST /api/inference/species-list. */
export const SpeciesListSchema = z.object({
  /** BirdNET's week 1..48, or -1 for the whole year. */
  week: z.number(),
  count: z.number(),
  total: z.number(),
  /** Most likely first; `name` is BirdNET's "Scientific name_Common name". */
  species: z.array(z.object({ name: z.string(), occurrence: z.number() })),
});
export type SpeciesList = z.infer<typeof SpeciesListSchema>;

/** Where an inference run is logged in W&B (backend/common/wandb_options.py). */
export const WandbOptionsSchema = z.object({
  project: z.string().trim().min(1, 'W&B project'),
  entity: z.string().nullable().default(null),
  run_name: z.string().nullable().default(null),
  notes: z.string().nullable().default(null),
});
export type WandbOptions = z.infer<typeof WandbOptionsSchema>;

/** GET /api/wandb and the login/logout answers; the key itself is never sent back. */
export const WandbStatusSchema = z.object({
  logged_in: z.boolean(),
  entity: z.string().nullable().default(null),
});
export type WandbStatus = z.infer<typeof WandbStatusSchema>;

/** A task's W&B run: a URL online, the local run folder offline. */
export const WandbRunLinkSchema = z.object({
  url: z.string().nullable().default(null),
  run_dir: z.string().nullable().default(null),
  mode: z.enum(['online', 'offline']).catch('offline').default('offline'),
});
export type WandbRunLink = z.infer<typeof WandbRunLinkSchema>;
