import Box from '@mui/material/Box';
import FormHelperText from '@mui/material/FormHelperText';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { NumberField } from '@/components/NumberField';
import type { TrainingFormDispatch, TrainingFormValues } from './training-form';
import { LabelSourcesEditor } from './LabelSourcesEditor';
import type { LabelSummaryQuery } from './useLabelSummary';

interface Props {
  values: TrainingFormValues;
  missing: string[];
  query: LabelSummaryQuery;
  dispatch: TrainingFormDispatch;
}

/** How the model is evaluated: a held-out share of the recordings, or a separate labelled set. */
export function EvaluationSection({ values, missing, query, dispatch }: Props) {
  const patch = (next: Partial<TrainingFormValues>) => dispatch({ type: 'patch', values: next });
  return (
    <Stack spacing={2} component="section" aria-label="Evaluation">
      <Typography variant="h3" component="h2">
        Evaluation
      </Typography>
      <Box>
        <ToggleButtonGroup
          exclusive
          size="small"
          color="primary"
          value={values.evaluation}
          onChange={(_event, evaluation: TrainingFormValues['evaluation'] | null) =>
            evaluation && patch({ evaluation })
          }
          aria-label="Evaluation"
        >
          <ToggleButton value="split" data-testid="training-evaluation-split">
            Hold out recordings
          </ToggleButton>
          <ToggleButton value="set" data-testid="training-evaluation-set">
            Evaluation set
          </ToggleButton>
        </ToggleButtonGroup>
        <FormHelperText>
          {values.evaluation === 'split'
            ? 'Whole recordings are held out (never single windows), so one recording is never on both sides.'
            : 'Metrics are computed on these labels only; none of them is used for training.'}
        </FormHelperText>
      </Box>
      {values.evaluation === 'split' ? (
        <Box>
          <NumberField
            label="Held-out fraction of recordings"
            value={values.validation_fraction}
            onChange={(value) => patch({ validation_fraction: value ?? Number.NaN })}
            error={missing.includes('Held-out fraction')}
            helperText="Between 0 and 1, e.g. 0.2 holds out a fifth of the recordings of each group."
            testId="training-validation-fraction"
          />
        </Box>
      ) : (
        <LabelSourcesEditor
          sources={values.validation}
          onChange={(sources) => dispatch({ type: 'setSources', which: 'validation', sources })}
          query={query}
          testId="training-evaluation"
        />
      )}
    </Stack>
  );
}
