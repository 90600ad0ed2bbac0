import Box from '@mui/material/Box';
import FormHelperText from '@mui/material/FormHelperText';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { CnnOptions } from './CnnOptions';
import { NoiseOptions } from './NoiseOptions';
import type { TrainingFormDispatch, TrainingFormValues } from './training-form';

interface Props {
  values: TrainingFormValues;
  missing: string[];
  dispatch: TrainingFormDispatch;
}

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
      <Box>
        <ToggleButtonGroup
          exclusive
          size="small"
          color="primary"
          value={values.model_type}
          onChange={(_event, model_type: TrainingFormValues['model_type'] | null) =>
            model_type && patch({ model_type })
          }
          aria-label="Model type"
        >
          <ToggleButton value="shallow" data-testid="training-model-shallow">
            Classifier on BirdNET embeddings
          </ToggleButton>
          <ToggleButton value="cnn" data-testid="training-model-cnn">
            Fine-tune a CNN
          </ToggleButton>
        </ToggleButtonGroup>
        <FormHelperText>{MODEL_HELP[values.model_type]}</FormHelperText>
      </Box>
      {values.model_type === 'shallow' ? (
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'flex-start' }}>
          <ToggleButtonGroup
            exclusive
            size="small"
            value={values.head}
            onChange={(_event, head: TrainingFormValues['head'] | null) => head && patch({ head })}
            aria-label="Classifier head"
          >
            <ToggleButton value="logistic" data-testid="training-head-logistic">
              Logistic regression
            </ToggleButton>
            <ToggleButton value="mlp" data-testid="training-head-mlp">
              MLP
            </ToggleButton>
          </ToggleButtonGroup>
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
