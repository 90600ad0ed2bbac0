import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { useEffect, useRef, useState } from 'react';
import { ConfigFileButtons } from '@/components/ConfigFileButtons';
import { CreateTaskButtons } from '@/components/CreateTaskButtons';
import { PageHeader } from '@/components/PageHeader';
import { useConfigFile } from '@/hooks/useConfigFile';
import { AwaitedTaskBanner } from './AwaitedTaskBanner';
import { CreatedTaskPanel } from './CreatedTaskPanel';
import { EstimateLine } from './EstimateLine';
import { parseLoadedConfig } from './extraction-config';
import { FiltersSection } from './FiltersSection';
import { InputSection } from './InputSection';
import { OutputSection } from './OutputSection';
import { StrategiesSection } from './StrategiesSection';
import { StratificationSection } from './StratificationSection';
import { isWaiting } from './useAwaitedTask';
import { useExtractionForm } from './useExtractionForm';

/** Extraction tab: turn inference scores into annotation tasks (SPEC §5). */
export function ExtractionPage() {
  const { state, dispatch, resolved, missing, scan, metadata, estimate, awaited, tasks } =
    useExtractionForm();
  const [createdId, setCreatedId] = useState<string | null>(null);
  const { values } = state;
  const top = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A prefill arrives from another tab, perhaps scrolled down: show its note and banner.
    if (state.note) top.current?.scrollIntoView?.({ block: 'start' });
  }, [state.note]);
  const file = useConfigFile({
    config: resolved,
    outputDir: values.output_dir,
    fileName: 'extraction_config.json',
    parse: parseLoadedConfig,
    onLoaded: (loaded, path) =>
      dispatch({ type: 'load', values: loaded.values, note: `Loaded from ${path}` }),
  });
  return (
    <LocalizationProvider dateAdapter={AdapterDayjs}>
      <div ref={top} />
      <PageHeader
        title="Extraction"
        actions={<ConfigFileButtons file={file} testIdPrefix="extraction" />}
      />
      <Stack spacing={2}>
        <Paper sx={{ p: { xs: 2, md: 3 } }}>
          <Stack spacing={2.5}>
            {state.note && (
              <Alert severity="info" data-testid="extraction-note">
                {state.note}
              </Alert>
            )}
            <AwaitedTaskBanner
              awaited={awaited}
              onDismiss={() => dispatch({ type: 'stopWaiting' })}
            />
            <InputSection
              values={values}
              scan={scan}
              dispatch={dispatch}
              waitingForTask={isWaiting(awaited.phase)}
            />
            <Divider />
            <FiltersSection values={values} missing={missing} dispatch={dispatch} />
            <Divider />
            <StratificationSection
              values={values}
              metadata={metadata}
              missing={missing}
              dispatch={dispatch}
            />
            <Divider />
            <StrategiesSection
              values={values}
              missing={missing}
              dispatch={dispatch}
              tasks={tasks}
            />
            <Divider />
            <OutputSection values={values} missing={missing} dispatch={dispatch} />
            <TextField
              size="small"
              label="Task name (optional)"
              value={state.name}
              onChange={(event) => dispatch({ type: 'setName', value: event.target.value })}
              slotProps={{ htmlInput: { 'data-testid': 'extraction-name' } }}
            />
            <EstimateLine estimate={estimate} />
            <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }}>
              <CreateTaskButtons
                kind="extraction"
                config={resolved}
                name={state.name}
                missing={missing}
                testIdPrefix="extraction"
                onCreated={(task) => setCreatedId(task.id)}
              />
            </Box>
          </Stack>
        </Paper>
        {createdId && <CreatedTaskPanel taskId={createdId} />}
      </Stack>
    </LocalizationProvider>
  );
}
