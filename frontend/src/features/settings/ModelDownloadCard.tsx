import DownloadIcon from '@mui/icons-material/Download';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '@/api/ApiProvider';
import { errorMessage } from '@/api/errors';
import { DisabledReasonTooltip } from '@/components/DisabledReasonTooltip';
import { StatusChip } from '@/components/StatusChip';
import { TaskProgress } from '@/components/TaskProgress';
import { queryKeys } from '@/hooks/query-keys';
import { useModelCatalog } from '@/hooks/useModelCatalog';
import { useTasks } from '@/hooks/useTasks';

/**
 * "Download models": pick models and fetch their weights now (while online) so inference can use
 * them offline later. Runs as a task; its progress and result show here and in the Tasks tab.
 */
export function ModelDownloadCard() {
  const api = useApi();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string[]>([]);
  const catalog = useModelCatalog();
  // the zoo models that fetch weights on first use (BirdNET ships with the app)
  const downloadable = (catalog.data?.models ?? []).filter((model) => model.needs_download);
  const tasks = useTasks();
  // the newest download task (the list is newest first), also after leaving and coming back
  const latest = tasks.data?.find((t) => t.kind === 'download_models') ?? null;
  const start = useMutation({
    mutationFn: (models: string[]) => api.modelDownloads.start(models),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.tasks }),
  });
  const toggle = (value: string, on: boolean) =>
    setChosen((current) => (on ? [...current, value] : current.filter((v) => v !== value)));
  const running = latest?.status === 'queued' || latest?.status === 'running';
  const reason = !chosen.length ? 'Choose at least one model' : running ? 'Downloading…' : null;
  return (
    <Paper sx={{ p: 2.5 }} data-testid="model-download-card">
      <Typography variant="h3" component="h2" sx={{ mb: 1 }}>
        Download models
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        Models other than BirdNET fetch their weights from the internet the first time they run.
        Download them now, while online, to use them offline later.
      </Typography>
      {catalog.isError && (
        <Alert severity="warning" sx={{ mb: 1 }}>
          The model list could not be loaded: {errorMessage(catalog.error)}
        </Alert>
      )}
      <FormGroup row aria-label="Models to download">
        {downloadable.map((model) => {
          const missing = model.missing_packages.length
            ? `Needs Python packages the model environment does not have: ${model.missing_packages.join(', ')}`
            : null;
          return (
            <DisabledReasonTooltip key={model.name} reason={missing}>
              <FormControlLabel
                label={model.name}
                disabled={missing !== null}
                control={
                  <Checkbox
                    size="small"
                    checked={chosen.includes(model.name)}
                    onChange={(event) => toggle(model.name, event.target.checked)}
                    slotProps={{
                      input: { 'data-testid': `download-model-${model.name}` } as object,
                    }}
                  />
                }
              />
            </DisabledReasonTooltip>
          );
        })}
      </FormGroup>
      <Box sx={{ mt: 1, display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 2 }}>
        <DisabledReasonTooltip reason={reason}>
          <Button
            variant="contained"
            startIcon={<DownloadIcon />}
            disabled={reason !== null || start.isPending}
            onClick={() => start.mutate(chosen)}
            data-testid="download-models"
          >
            Download
          </Button>
        </DisabledReasonTooltip>
        {latest && <StatusChip status={latest.status} testId="download-status" />}
      </Box>
      {latest && (
        <Box sx={{ mt: 1.5 }} data-testid="download-task">
          <TaskProgress task={latest} />
          {latest.status === 'failed' && (
            <Alert severity="error" sx={{ mt: 1 }} data-testid="download-error">
              {latest.error}
            </Alert>
          )}
          {latest.status === 'completed' && (
            <Alert severity="success" sx={{ mt: 1 }}>
              All chosen models are ready and now also run offline.
            </Alert>
          )}
        </Box>
      )}
      {start.isError && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {errorMessage(start.error)}
        </Alert>
      )}
    </Paper>
  );
}
