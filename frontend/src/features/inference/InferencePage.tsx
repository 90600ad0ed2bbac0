import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { PageHeader } from '@/components/PageHeader';
import { PathField } from '@/components/PathField';
import { AudioSourceSection } from './AudioSourceSection';
import { ConfigFileButtons } from './ConfigFileButtons';
import { CreateTaskButtons } from './CreateTaskButtons';
import { ModelField } from './ModelField';
import { OptionsSection } from './OptionsSection';
import { useInferenceForm } from './useInferenceForm';

/** Inference tab: run a model over recordings as a task. */
export function InferencePage() {
  const { state, dispatch, resolved, missing } = useInferenceForm();
  const { config } = state;
  return (
    <>
      <PageHeader
        title="Inference"
        actions={
          <ConfigFileButtons
            config={resolved}
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
          <ModelField config={config} dispatch={dispatch} />
          <AudioSourceSection
            config={config}
            resolved={resolved}
            source={state.source}
            dispatch={dispatch}
          />
          <Divider />
          <PathField
            label="Output folder"
            required
            value={config.output_dir}
            onChange={(value) => dispatch({ type: 'patch', values: { output_dir: value } })}
            helperText={`A new job folder with ${
              config.sparse_save_threshold === null ? 'predictions.csv' : 'sparse_predictions.pkl'
            } is created inside it.`}
            testId="inference-output-dir"
          />
          <OptionsSection
            config={config}
            source={state.source}
            subset={state.subset}
            missing={missing}
            dispatch={dispatch}
          />
          <TextField
            size="small"
            label="Task name (optional)"
            value={state.name}
            onChange={(event) => dispatch({ type: 'setName', value: event.target.value })}
            slotProps={{ htmlInput: { 'data-testid': 'inference-name' } }}
          />
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }}>
            <CreateTaskButtons config={resolved} name={state.name} missing={missing} />
          </Box>
        </Stack>
      </Paper>
    </>
  );
}
