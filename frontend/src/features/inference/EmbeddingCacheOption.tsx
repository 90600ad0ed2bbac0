import type { InferenceConfig } from '@/api/schemas';
import { PathField } from '@/components/PathField';
import type { InferenceFormDispatch } from './inference-form';
import { SwitchRow } from '@/components/SwitchRow';

/** Help under the switch: what the cache buys and what it costs. */
export const CACHE_EMBEDDINGS_HELP =
  'Stores each window’s BirdNET embedding (about 5 MB per audio hour) while the classifier ' +
  'runs, so the next Extraction’s active-learning picks and the next training embed nothing.';

interface Props {
  config: InferenceConfig;
  dispatch: InferenceFormDispatch;
}

/**
 * For a Dipper classifier on BirdNET embeddings: keep every window's embedding in the embedding
 * cache (`cache_embeddings`), and where that cache lives (`embedding_cache_dir`, empty = the
 * Dipper data folder's, shared with Training and Extraction).
 */
export function EmbeddingCacheOption({ config, dispatch }: Props) {
  const patch = (values: Partial<InferenceConfig>) => dispatch({ type: 'patch', values });
  return (
    <SwitchRow
      label="Keep embeddings for the next round"
      help={CACHE_EMBEDDINGS_HELP}
      checked={config.cache_embeddings}
      onChange={(on) => patch({ cache_embeddings: on })}
      testId="inference-cache-embeddings"
    >
      {config.cache_embeddings && (
        <PathField
          label="Embedding cache folder (optional)"
          value={config.embedding_cache_dir ?? ''}
          onChange={(path) => patch({ embedding_cache_dir: path.trim() ? path : null })}
          helperText="Empty: the Dipper data folder’s embedding_cache, shared with Training and Extraction."
          testId="inference-embedding-cache"
        />
      )}
    </SwitchRow>
  );
}
