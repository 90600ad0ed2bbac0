import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { NumberField } from '@/components/NumberField';
import type { TrainingFormDispatch, TrainingFormValues } from './training-form';

interface Props {
  values: TrainingFormValues;
  missing: string[];
  dispatch: TrainingFormDispatch;
}

const row = { display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'flex-start' } as const;

/** How long and how to train, and what the report measures (thresholds, target precision). */
export function TrainingOptionsSection({ values, missing, dispatch }: Props) {
  const patch = (next: Partial<TrainingFormValues>) => dispatch({ type: 'patch', values: next });
  const bad = (label: string) => missing.includes(label);
  const number = (field: keyof TrainingFormValues) => (value: number | null) =>
    patch({ [field]: value ?? Number.NaN });
  const epochs = values.length_unit === 'epochs';
  return (
    <Stack spacing={2} component="section" aria-label="Training">
      <Typography variant="h3" component="h2">
        Training
      </Typography>
      <Box sx={row}>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={values.length_unit}
          onChange={(_event, length_unit: TrainingFormValues['length_unit'] | null) =>
            length_unit && patch({ length_unit })
          }
          aria-label="Train for"
        >
          <ToggleButton value="steps" data-testid="training-unit-steps">
            Steps
          </ToggleButton>
          <ToggleButton value="epochs" data-testid="training-unit-epochs">
            Epochs
          </ToggleButton>
        </ToggleButtonGroup>
        {epochs ? (
          <NumberField
            label="Epochs"
            value={values.epochs}
            error={bad('Epochs')}
            helperText="Passes over the training windows"
            onChange={number('epochs')}
            testId="training-epochs"
          />
        ) : (
          <NumberField
            label="Steps"
            value={values.steps}
            error={bad('Steps')}
            helperText="Optimiser steps (mini-batches)"
            onChange={number('steps')}
            testId="training-steps"
          />
        )}
        <NumberField
          label="Batch size"
          value={values.batch_size}
          error={bad('Batch size')}
          onChange={number('batch_size')}
          testId="training-batch-size"
        />
        <NumberField
          label="Learning rate"
          value={values.learning_rate}
          error={bad('Learning rate')}
          helperText="AdamW, e.g. 0.001"
          onChange={number('learning_rate')}
          testId="training-learning-rate"
        />
        <NumberField
          label="Weight decay"
          value={values.weight_decay}
          error={bad('Weight decay')}
          onChange={number('weight_decay')}
          testId="training-weight-decay"
        />
        <NumberField
          label="Seed"
          value={values.seed}
          error={bad('Seed')}
          helperText="Same config + labels → same model"
          onChange={number('seed')}
          testId="training-seed"
        />
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
          <NumberField
            label="Patience"
            unit="steps"
            value={values.early_stopping_patience_steps}
            error={bad('Early-stopping patience')}
            helperText="Stop when the validation loss has not improved for this many steps; the best weights are kept"
            onChange={number('early_stopping_patience_steps')}
            testId="training-patience"
          />
        )}
      </Box>
      <Box sx={row}>
        <TextField
          size="small"
          label="Thresholds"
          value={values.thresholds_text}
          error={bad('Thresholds')}
          helperText="Scores (0–1) at which the report gives precision, recall and F1"
          onChange={(event) => patch({ thresholds_text: event.target.value })}
          sx={{ minWidth: 280, flex: '1 1 280px' }}
          slotProps={{ htmlInput: { 'data-testid': 'training-thresholds', spellCheck: false } }}
        />
        <NumberField
          label="Target precision"
          value={values.target_precision}
          error={bad('Target precision')}
          helperText="The report gives the lowest threshold reaching it"
          onChange={number('target_precision')}
          testId="training-target-precision"
        />
      </Box>
    </Stack>
  );
}
