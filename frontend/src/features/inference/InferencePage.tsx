import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { PageHeader } from '@/components/PageHeader';
import { PathField } from '@/components/PathField';
import { ConfigFileButtons } from './ConfigFileButtons';
import { CreateTaskButtons } from './CreateTaskButtons';
import { MODEL_OPTIONS } from './inference-form';
import { useInferenceForm } from './useInferenceForm';

/** Inference tab: run BirdNET over a folder of recordings as a task. */
export function InferencePage() {
  const { state, dispatch, missing } = useInferenceForm();
  const { config } = state;
  return (
    <>
      <PageHeader
        title="Inference"
        actions={
          <ConfigFileButtons
            config={config}
            onLoaded={(loaded, path) =>
              dispatch({ type: 'load', config: loaded, note: `Loaded from ${path}` })
            }
          />
        }
      />
      <Paper sx={{ p: { xs: 2, md: 3 } }}>
        <Stack spacing={2.5}>
          {state.note && (
            <Alert severity="info" data-testid="inference-note">
              {state.note}
            </Alert>
          )}
          <TextField
            select
            size="small"
            label="Model"
            value={config.model}
            onChange={(event) =>
              dispatch({ type: 'setModel', value: event.target.value as 'BirdNET' })
            }
            helperText="Runs offline; no download needed."
          >
            {MODEL_OPTIONS.map((option) => (
              <MenuItem key={option.value} value={option.value}>
                {option.label}
              </MenuItem>
            ))}
          </TextField>
          <PathField
            label="Audio folder"
            required
            value={config.audio_dir}
            onChange={(value) => dispatch({ type: 'set', field: 'audio_dir', value })}
            helperText={`Searched recursively for ${config.extensions.join(', ')} files.`}
            testId="inference-audio-dir"
          />
          <PathField
            label="Output folder"
            required
            value={config.output_dir}
            onChange={(value) => dispatch({ type: 'set', field: 'output_dir', value })}
            helperText="A new job folder with predictions.csv is created inside it."
            testId="inference-output-dir"
          />
          <TextField
            size="small"
            label="Task name (optional)"
            value={state.name}
            onChange={(event) => dispatch({ type: 'setName', value: event.target.value })}
            slotProps={{ htmlInput: { 'data-testid': 'inference-name' } }}
          />
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }}>
            <CreateTaskButtons config={config} name={state.name} missing={missing} />
          </Box>
        </Stack>
      </Paper>
    </>
  );
}
