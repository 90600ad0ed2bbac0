import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ChoiceToggle, type Choice } from './ChoiceToggle';
import { FormNumberField } from './FormNumberField';
import type { TrainingFormDispatch, TrainingFormValues } from './training-form';

interface Props {
  values: TrainingFormValues;
  missing: string[];
  dispatch: TrainingFormDispatch;
}

const row = { display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'flex-start' } as const;

const LENGTH_UNITS: readonly Choice<TrainingFormValues['length_unit']>[] = [
  { value: 'steps', label: 'Steps', testId: 'training-unit-steps' },
  { value: 'epochs', label: 'Epochs', testId: 'training-unit-epochs' },
];

/** The number field of each training-length unit. */
const LENGTH_FIELDS = {
  steps: {
    field: 'steps',
    label: 'Steps',
    helperText: 'Optimiser steps (mini-batches)',
    testId: 'training-steps',
  },
  epochs: {
    field: 'epochs',
    label: 'Epochs',
    helperText: 'Passes over the training windows',
    testId: 'training-epochs',
  },
} as const;

/** The optimiser's numbers, after the training length. */
const OPTIMISER_FIELDS = [
  { field: 'batch_size', label: 'Batch size', testId: 'training-batch-size' },
  {
    field: 'learning_rate',
    label: 'Learning rate',
    helperText: 'AdamW, e.g. 0.001',
    testId: 'training-learning-rate',
  },
  { field: 'weight_decay', label: 'Weight decay', testId: 'training-weight-decay' },
  {
    field: 'seed',
    label: 'Seed',
    helperText: 'Same config + labels → same model',
    testId: 'training-seed',
  },
] as const;

/** How long and how to train, and what the report measures (thresholds, target precision). */
export function TrainingOptionsSection({ values, missing, dispatch }: Props) {
  const patch = (next: Partial<TrainingFormValues>) => dispatch({ type: 'patch', values: next });
  const form = { values, missing, patch };
  return (
    <Stack spacing={2} component="section" aria-label="Training">
      <Typography variant="h3" component="h2">
        Training
      </Typography>
      <Box sx={row}>
        <ChoiceToggle
          value={values.length_unit}
          choices={LENGTH_UNITS}
          onChange={(length_unit) => patch({ length_unit })}
          ariaLabel="Train for"
        />
        <FormNumberField {...form} {...LENGTH_FIELDS[values.length_unit]} />
        {OPTIMISER_FIELDS.map((spec) => (
          <FormNumberField key={spec.field} {...form} {...spec} />
        ))}
      </Box>
      <Box sx={row}>
        <FormControlLabel
          label="Early stopping"
          control={
            <Switch
              checked={values.early_stopping}
              onChange={(event) => patch({ early_stopping: event.target.checked })}
              slotProps={{ input: { 'data-testid': 'training-early-stopping' } as object }}
            />
          }
        />
        {values.early_stopping && (
          <FormNumberField
            {...form}
            field="early_stopping_patience_steps"
            label="Patience"
            missingName="Early-stopping patience"
            unit="steps"
            helperText="Stop when the validation loss has not improved for this many steps; the best weights are kept"
            testId="training-patience"
          />
        )}
      </Box>
      <Box sx={row}>
        <TextField
          size="small"
          label="Thresholds"
          value={values.thresholds_text}
          error={missing.includes('Thresholds')}
          helperText="Scores (0–1) at which the report gives precision, recall and F1"
          onChange={(event) => patch({ thresholds_text: event.target.value })}
          sx={{ minWidth: 280, flex: '1 1 280px' }}
          slotProps={{ htmlInput: { 'data-testid': 'training-thresholds', spellCheck: false } }}
        />
        <FormNumberField
          {...form}
          field="target_precision"
          label="Target precision"
          helperText="The report gives the lowest threshold reaching it"
          testId="training-target-precision"
        />
      </Box>
    </Stack>
  );
}
