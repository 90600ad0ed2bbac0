import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { StrategyKind } from '@/api/extraction-schemas';
import { NumberField } from '@/components/NumberField';
import { STRATEGY_LABELS } from './extraction-config';
import {
  STRATEGY_KINDS,
  type ExtractionFormDispatch,
  type ExtractionFormValues,
} from './extraction-form';
import { parseScoreBins } from './score-bins';

/** What each strategy draws, in one sentence. */
const STRATEGY_HELP: Record<StrategyKind, string> = {
  random: 'N clips drawn uniformly at random.',
  score_bins:
    'N clips per score-percentile bin (percentiles after the threshold), to sample the whole score range.',
  top: 'The N highest-scoring clips.',
  score_weighted: 'N clips drawn at random, weighted by score (high scores more likely).',
  zscore_weighted: 'N clips drawn at random, weighted by the z-scored score within the stratum.',
};

interface Props {
  values: ExtractionFormValues;
  missing: string[];
  dispatch: ExtractionFormDispatch;
}

/**
 * Strategy cards (several may be switched on; their clips go into one task), the score bins of the
 * score-bin strategy, and the random seed.
 */
export function StrategiesSection({ values, missing, dispatch }: Props) {
  const bins = parseScoreBins(values.score_bins_text);
  const binsError = values.strategies.score_bins.enabled && 'error' in bins ? bins.error : null;
  return (
    <Stack spacing={2} component="section" aria-label="Strategies">
      <Typography variant="h3" component="h2">
        Selection strategies
      </Typography>
      <Box
        sx={{
          display: 'grid',
          gap: 1.5,
          gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))',
        }}
      >
        {STRATEGY_KINDS.map((kind) => {
          const draft = values.strategies[kind];
          const nInvalid = draft.enabled && missing.includes(`${STRATEGY_LABELS[kind]}: N`);
          return (
            <Card
              key={kind}
              data-testid={`extraction-strategy-${kind}`}
              sx={{ p: 1.5, opacity: draft.enabled ? 1 : 0.75 }}
            >
              <FormControlLabel
                label={STRATEGY_LABELS[kind]}
                control={
                  <Checkbox
                    checked={draft.enabled}
                    onChange={(event) =>
                      dispatch({
                        type: 'setStrategy',
                        kind,
                        values: { enabled: event.target.checked },
                      })
                    }
                    slotProps={{
                      input: { 'data-testid': `extraction-strategy-${kind}-on` } as object,
                    }}
                  />
                }
              />
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
                {STRATEGY_HELP[kind]}
              </Typography>
              <Stack spacing={1.5}>
                <NumberField
                  label={kind === 'score_bins' ? 'N per bin' : 'N per stratum'}
                  value={draft.n}
                  disabled={!draft.enabled}
                  error={nInvalid}
                  helperText={nInvalid ? 'A whole number above 0' : undefined}
                  onChange={(n) =>
                    dispatch({ type: 'setStrategy', kind, values: { n: n ?? Number.NaN } })
                  }
                  testId={`extraction-strategy-${kind}-n`}
                />
                {kind === 'score_bins' && (
                  <TextField
                    size="small"
                    label="Percentile bins"
                    value={values.score_bins_text}
                    disabled={!draft.enabled}
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
              </Stack>
            </Card>
          );
        })}
      </Box>
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
