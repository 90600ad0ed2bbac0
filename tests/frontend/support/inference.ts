import type { AudioMatch, InferenceConfig } from '@/api/schemas';

/** The full inference config the form sends with nothing changed but the paths. */
export function inferenceConfigJson(overrides: Partial<InferenceConfig> = {}): InferenceConfig {
  return {
    model: 'BirdNET',
    audio_dir: null,
    recursive: true,
    extensions: ['.wav', '.flac', '.mp3', '.ogg'],
    audio_files: [],
    audio_globs: [],
    audio_list_file: null,
    output_dir: '',
    overlap_fraction: 0,
    batch_size: null,
    num_workers: null,
    device: 'auto',
    activation: 'logits',
    subset_classes: [],
    subset_classes_file: null,
    test_mode_files: null,
    seed: 0,
    split_by_subfolder: false,
    sparse_save_threshold: null,
    species_filter: null,
    wandb: null,
    cache_embeddings: true,
    embedding_cache_dir: null,
    ...overrides,
  };
}

/** A match-audio answer. */
export function audioMatchJson(overrides: Partial<AudioMatch> = {}): AudioMatch {
  return {
    count: 312,
    total_bytes: 4.1 * 1024 ** 3,
    sample: ['/data/audio/site1/a.wav', '/data/audio/site1/b.wav', '/data/audio/site2/c.flac'],
    truncated: false,
    problems: [],
    ...overrides,
  };
}
