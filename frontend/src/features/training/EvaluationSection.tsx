import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ChoiceToggle, type Choice } from './ChoiceToggle';
import { FormNumberField } from './FormNumberField';
import type { TrainingFormDispatch, TrainingFormValues } from './training-form';
import { LabelSourcesEditor } from './LabelSourcesEditor';
import type { LabelSummaryQuery } from './useLabelSummary';

interface Props {
  values: TrainingFormValues;
  missing: string[];
  query: LabelSummaryQuery;
  dispatch: TrainingFormDispatch;
}

const EVALUATIONS: readonly Choice<TrainingFormValues['evaluation']>[] = [
  { value: 'split', label: 'Hold out recordings', testId: 'training-evaluation-split' },
  { value: 'set', label: 'Evaluation set', testId: 'training-evaluation-set' },
];

const EVALUATION_HELP = {
  split:
    'Whole recordings are held out (never single windows), so one recording is never on both sides.',
  set: 'Metrics are computed on these labels only; none of them is used for training.',
} as const;

/** How the model is evaluated: a held-out share of the recordings, or a separate labelled set. */
export function EvaluationSection({ values, missing, query, dispatch }: Props) {
  const patch = (next: Partial<TrainingFormValues>) => dispatch({ type: 'patch', values: next });
  return (
    <Stack spacing={2} component="section" aria-label="Evaluation">
      <Typography variant="h3" component="h2">
        Evaluation
      </Typography>
      <ChoiceToggle
        value={values.evaluation}
        choices={EVALUATIONS}
        onChange={(evaluation) => patch({ evaluation })}
        ariaLabel="Evaluation"
        color="primary"
        helperText={EVALUATION_HELP[values.evaluation]}
      />
      {values.evaluation === 'split' ? (
        <Box>
          <FormNumberField
            values={values}
            missing={missing}
            patch={patch}
            field="validation_fraction"
            label="Held-out fraction of recordings"
            missingName="Held-out fraction"
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
