import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { Task } from '@/api/schemas';
import { NumberField } from '@/components/NumberField';
import { ActiveLearningStrategies } from './ActiveLearningStrategies';
import {
  ACTIVE_LEARNING_KINDS,
  STRATEGY_KINDS,
  type ExtractionFormDispatch,
  type ExtractionFormValues,
} from './extraction-form';
import { parseScoreBins } from './score-bins';
import { StrategyCard, StrategyGrid } from './StrategyCard';

interface Props {
  values: ExtractionFormValues;
  missing: string[];
  dispatch: ExtractionFormDispatch;
  /** Known tasks, to tell whether the predictions are probabilities (see `score-scale.ts`). */
  tasks: Task[] | undefined;
}

/** The strategies that need only the scores, in form order. */
const SCORE_KINDS = STRATEGY_KINDS.filter((kind) => !ACTIVE_LEARNING_KINDS.includes(kind));

/**
 * Strategy cards (several may be switched on; their clips go into one task): those that need only
 * the scores, then the active-learning ones; the score bins of the score-bin strategy, and the
 * random seed.
 */
export function StrategiesSection({ values, missing, dispatch, tasks }: Props) {
  const bins = parseScoreBins(values.score_bins_text);
  const binsError = values.strategies.score_bins.enabled && 'error' in bins ? bins.error : null;
  return (
    <Stack spacing={2} component="section" aria-label="Strategies">
      <Box>
        <Typography variant="h3" component="h2">
          Selection strategies
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Switch on one or more; each draws its clips in every stratum of every class, and they all
          go into one task.
        </Typography>
      </Box>
      <StrategyGrid>
        {SCORE_KINDS.map((kind) => (
          <StrategyCard
            key={kind}
            kind={kind}
            values={values}
            missing={missing}
            dispatch={dispatch}
          >
            {kind === 'score_bins' && (
              <TextField
                size="small"
                label="Percentile bins"
                value={values.score_bins_text}
                disabled={!values.strategies.score_bins.enabled}
                error={binsError !== null}
                helperText={binsError ?? 'JSON list of [low, high] percentiles within 0–100.'}
                onChange={(event) =>
                  dispatch({ type: 'patch', values: { score_bins_text: event.target.value } })
                }
                slotProps={{
                  htmlInput: { 'data-testid': 'extraction-score-bins', spellCheck: false },
                }}
              />
            )}
          </StrategyCard>
        ))}
      </StrategyGrid>
      <ActiveLearningStrategies
        values={values}
        missing={missing}
        dispatch={dispatch}
        tasks={tasks}
      />
      <Box sx={{ maxWidth: 240 }}>
        <NumberField
          label="Random seed"
          value={values.seed}
          error={missing.includes('Seed')}
          helperText="The same seed draws the same clips again."
          onChange={(seed) => dispatch({ type: 'patch', values: { seed: seed ?? Number.NaN } })}
          testId="extraction-seed"
        />
      </Box>
    </Stack>
  );
}
