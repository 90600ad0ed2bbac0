import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ChoiceToggle, type Choice } from './ChoiceToggle';
import { CnnOptions } from './CnnOptions';
import { NoiseOptions } from './NoiseOptions';
import type { TrainingFormDispatch, TrainingFormValues } from './training-form';

interface Props {
  values: TrainingFormValues;
  missing: string[];
  dispatch: TrainingFormDispatch;
}

const MODEL_TYPES: readonly Choice<TrainingFormValues['model_type']>[] = [
  { value: 'shallow', label: 'Classifier on BirdNET embeddings', testId: 'training-model-shallow' },
  { value: 'cnn', label: 'Fine-tune a CNN', testId: 'training-model-cnn' },
];

const HEADS: readonly Choice<TrainingFormValues['head']>[] = [
  { value: 'logistic', label: 'Logistic regression', testId: 'training-head-logistic' },
  { value: 'mlp', label: 'MLP', testId: 'training-head-mlp' },
];

const MODEL_HELP = {
  shallow:
    'A small classifier on BirdNET 2.4 embeddings (offline, 3 s windows). Embeddings are cached, so training again after more review takes seconds. Saves model.dipper.pt.',
  cnn: 'Fine-tunes an OpenSoundscape CNN on spectrograms of the labelled clips, end to end: slower, needs more labels, learns sounds BirdNET does not know. Saves model.pt.',
} as const;

/**
 * Shallow classifier on embeddings (logistic / MLP) or an end-to-end CNN with its options, and
 * background-noise overlay for either.
 */
export function ModelSection({ values, missing, dispatch }: Props) {
  const patch = (next: Partial<TrainingFormValues>) => dispatch({ type: 'patch', values: next });
  const sizesInvalid = missing.includes('Hidden layer sizes');
  return (
    <Stack spacing={2} component="section" aria-label="Model">
      <Typography variant="h3" component="h2">
        Model
      </Typography>
      <ChoiceToggle
        value={values.model_type}
        choices={MODEL_TYPES}
        onChange={(model_type) => patch({ model_type })}
        ariaLabel="Model type"
        color="primary"
        helperText={MODEL_HELP[values.model_type]}
      />
      {values.model_type === 'shallow' ? (
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'flex-start' }}>
          <ChoiceToggle
            value={values.head}
            choices={HEADS}
            onChange={(head) => patch({ head })}
            ariaLabel="Classifier head"
          />
          {values.head === 'mlp' && (
            <TextField
              size="small"
              label="Hidden layer sizes"
              value={values.hidden_sizes_text}
              error={sizesInvalid}
              helperText={
                sizesInvalid
                  ? 'Whole numbers above 0, separated by commas'
                  : 'One number per layer, e.g. 256 or 512, 128'
              }
              onChange={(event) => patch({ hidden_sizes_text: event.target.value })}
              slotProps={{
                htmlInput: { 'data-testid': 'training-hidden-sizes', spellCheck: false },
              }}
            />
          )}
        </Box>
      ) : (
        <CnnOptions values={values} missing={missing} patch={patch} />
      )}
      <NoiseOptions values={values} missing={missing} patch={patch} />
    </Stack>
  );
}
