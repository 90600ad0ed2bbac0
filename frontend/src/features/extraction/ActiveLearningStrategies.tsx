import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { StrategyKind } from '@/api/extraction-schemas';
import type { Task } from '@/api/schemas';
import { NumberField } from '@/components/NumberField';
import { PathField } from '@/components/PathField';
import { STRATEGY_LABELS, labelledFilesProblem } from './extraction-config';
import {
  ACTIVE_LEARNING_KINDS,
  EMBEDDING_KINDS,
  THRESHOLD_KINDS,
  type ExtractionFormDispatch,
  type ExtractionFormValues,
} from './extraction-form';
import { LabelledFilesField } from './LabelledFilesField';
import { scoreScaleWarning, sourceInferenceTask } from './score-scale';
import { StrategyCard, StrategyGrid } from './StrategyCard';
import {
  AUTO_THRESHOLD_LABEL,
  EMBEDDING_CACHE_HELP,
  POOL_HELP,
  THRESHOLD_HELP,
} from './strategy-help';

interface Props {
  values: ExtractionFormValues;
  missing: string[];
  dispatch: ExtractionFormDispatch;
  /** Known tasks: the one that wrote the predictions tells whether they are probabilities. */
  tasks: Task[] | undefined;
}

/**
 * The active-learning strategies (hybrid, uncertainty, diversity), which rank clips with a trained
 * model's scores and BirdNET embeddings, with the reviewed files they must not pick again, the
 * embedding cache, and a warning when the scores are not probabilities.
 */
export function ActiveLearningStrategies({ values, missing, dispatch, tasks }: Props) {
  const on = (kinds: StrategyKind[]) => kinds.some((kind) => values.strategies[kind].enabled);
  const scaleWarning = on(THRESHOLD_KINDS)
    ? scoreScaleWarning(sourceInferenceTask(tasks, values.predictions_dir), values.score_threshold)
    : null;
  const labelledProblem = labelledFilesProblem(values.labelled_annotation_files);
  return (
    <Stack spacing={2} component="section" aria-label="Active learning">
      <Box>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 'bold' }}>
          Active learning (needs a trained model’s scores)
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Run inference with a model trained on your labels, then pick the clips that will teach it
          the most. Keep Random N on beside them as a baseline if you want to compare.
        </Typography>
      </Box>
      <StrategyGrid>
        {ACTIVE_LEARNING_KINDS.map((kind) => (
          <StrategyCard
            key={kind}
            kind={kind}
            values={values}
            missing={missing}
            dispatch={dispatch}
            badge={kind === 'hybrid' ? 'Recommended' : undefined}
          >
            <StrategyFields kind={kind} values={values} missing={missing} dispatch={dispatch} />
          </StrategyCard>
        ))}
      </StrategyGrid>
      {scaleWarning && (
        <Alert severity="warning" data-testid="extraction-score-scale-warning">
          {scaleWarning}
        </Alert>
      )}
      <LabelledFilesField
        files={values.labelled_annotation_files}
        onChange={(files) =>
          dispatch({ type: 'patch', values: { labelled_annotation_files: files } })
        }
        error={
          labelledProblem && `Only annotation CSVs, by their absolute paths (${labelledProblem}).`
        }
      />
      {on(EMBEDDING_KINDS) && (
        <PathField
          label="Embedding cache folder (optional)"
          value={values.embedding_cache_dir}
          onChange={(path) => dispatch({ type: 'patch', values: { embedding_cache_dir: path } })}
          helperText={EMBEDDING_CACHE_HELP}
          testId="extraction-embedding-cache"
        />
      )}
    </Stack>
  );
}

/** The decision threshold (empty: auto) and the candidate pool of one active-learning card. */
function StrategyFields({
  kind,
  values,
  missing,
  dispatch,
}: Omit<Props, 'tasks'> & { kind: StrategyKind }) {
  const draft = values.strategies[kind];
  const label = STRATEGY_LABELS[kind];
  const bad = (field: string) => draft.enabled && missing.includes(`${label}: ${field}`);
  return (
    <>
      {THRESHOLD_KINDS.includes(kind) && (
        <NumberField
          label="Decision threshold"
          value={draft.threshold ?? null}
          emptyLabel={AUTO_THRESHOLD_LABEL}
          disabled={!draft.enabled}
          error={bad('threshold')}
          helperText={
            bad('threshold')
              ? 'A probability above 0 and below 1, or empty for auto'
              : THRESHOLD_HELP
          }
          onChange={(threshold) => dispatch({ type: 'setStrategy', kind, values: { threshold } })}
          testId={`extraction-strategy-${kind}-threshold`}
        />
      )}
      {EMBEDDING_KINDS.includes(kind) && (
        <NumberField
          label="Candidate pool"
          unit="clips"
          value={draft.max_pool ?? Number.NaN}
          disabled={!draft.enabled}
          error={bad('candidate pool')}
          helperText={bad('candidate pool') ? 'A whole number, at least N' : POOL_HELP}
          onChange={(pool) =>
            dispatch({ type: 'setStrategy', kind, values: { max_pool: pool ?? Number.NaN } })
          }
          testId={`extraction-strategy-${kind}-pool`}
        />
      )}
    </>
  );
}
