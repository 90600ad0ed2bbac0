import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { ConfigFileButtons } from '@/components/ConfigFileButtons';
import { CreateTaskButtons } from '@/components/CreateTaskButtons';
import { PageHeader } from '@/components/PageHeader';
import { useDebouncedValue } from '@/hooks/useDebouncedValue';
import { useConfigFile } from '@/hooks/useConfigFile';
import { ClassesSection } from './ClassesSection';
import { CreatedTrainingPanel } from './CreatedTrainingPanel';
import { EvaluationSection } from './EvaluationSection';
import { LabelsSection } from './LabelsSection';
import { LoopView } from './loop/LoopView';
import { ModelSection } from './ModelSection';
import { OutputSection } from './OutputSection';
import { parseLoadedConfig } from './training-config';
import { TrainingOptionsSection } from './TrainingOptionsSection';
import { useTrainingForm } from './useTrainingForm';

/** Training tab: train a classifier on reviewed labels, and follow the active-learning loop (SPEC §7). */
export function TrainingPage() {
  const { state, dispatch, resolved, missing, labels, evaluation } = useTrainingForm();
  const [createdId, setCreatedId] = useState<string | null>(null);
  const { values } = state;
  const loopDir = useDebouncedValue(values.loop_dir.trim(), 400);
  const file = useConfigFile({
    config: resolved,
    outputDir: values.output_dir,
    fileName: 'training_config.json',
    parse: parseLoadedConfig,
    onLoaded: (loaded, path) =>
      dispatch({ type: 'load', values: loaded.values, note: `Loaded from ${path}` }),
  });
  return (
    <>
      <PageHeader
        title="Training"
        actions={<ConfigFileButtons file={file} testIdPrefix="training" />}
      />
      <Stack spacing={2}>
        <Paper sx={{ p: { xs: 2, md: 3 } }}>
          <Stack spacing={2.5}>
            {state.note && (
              <Alert severity="info" data-testid="training-note">
                {state.note}
              </Alert>
            )}
            <LabelsSection values={values} query={labels} dispatch={dispatch} />
            <Divider />
            <EvaluationSection
              values={values}
              missing={missing}
              query={evaluation}
              dispatch={dispatch}
            />
            <Divider />
            <ClassesSection values={values} missing={missing} query={labels} dispatch={dispatch} />
            <Divider />
            <ModelSection values={values} missing={missing} dispatch={dispatch} />
            <Divider />
            <TrainingOptionsSection values={values} missing={missing} dispatch={dispatch} />
            <Divider />
            <OutputSection values={values} dispatch={dispatch} />
            <TextField
              size="small"
              label="Task name (optional)"
              value={state.name}
              onChange={(event) => dispatch({ type: 'setName', value: event.target.value })}
              slotProps={{ htmlInput: { 'data-testid': 'training-name' } }}
            />
            <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }}>
              <CreateTaskButtons
                kind="training"
                config={resolved}
                name={state.name}
                missing={missing}
                testIdPrefix="training"
                onCreated={(task) => setCreatedId(task.id)}
              />
            </Box>
          </Stack>
        </Paper>
        {createdId && <CreatedTrainingPanel taskId={createdId} />}
        {loopDir && <LoopView loopDir={loopDir} />}
      </Stack>
    </>
  );
}
