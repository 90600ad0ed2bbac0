import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { errorMessage } from '@/api/errors';
import type { TrainingSummary } from '@/api/training-schemas';
import { useTrainingSummary } from '@/hooks/useTrainingQueries';
import { monoFont } from '@/theme/theme';

const ap = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : value.toFixed(3);

/**
 * "Labels used: 40 training + 10 validation windows" (or null when the job did not say).
 * @param summary - The task's training summary.
 */
export function labelsUsedLine(summary: TrainingSummary): string | null {
  const { n_train_windows: train, n_validation_windows: validation } = summary;
  if (train === null || validation === null) return null;
  return `Labels used: ${train.toLocaleString('en')} training + ${validation.toLocaleString('en')} validation windows`;
}

/**
 * What a completed training task produced: validation mean AP, AP per class, the labels used and
 * the model file (a local model for the Inference tab). Shown on the task's card.
 */
export function TrainingResult({ taskId }: { taskId: string }) {
  const summary = useTrainingSummary(taskId);
  if (summary.isPending) {
    return (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <CircularProgress size={16} />
        <Typography variant="body2" color="text.secondary">
          Reading the training metrics…
        </Typography>
      </Stack>
    );
  }
  if (summary.isError) {
    return <Alert severity="warning">{errorMessage(summary.error)}</Alert>;
  }
  const data = summary.data;
  const used = labelsUsedLine(data);
  return (
    <Stack spacing={0.75} data-testid="training-result">
      <Typography variant="body2" data-testid="training-result-map">
        <strong>Validation mean AP {ap(data.mean_average_precision)}</strong>
        {used ? ` · ${used}` : ''}
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
        {Object.entries(data.classes).map(([name, metrics]) => (
          <Chip
            key={name}
            size="small"
            variant="outlined"
            label={`${name}: AP ${ap(metrics.average_precision)} (${metrics.n_positive ?? 0}+ / ${metrics.n_negative ?? 0}−)`}
            data-testid="training-result-class"
          />
        ))}
      </Box>
      {data.model_file && (
        <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
          Model file (Inference → Model file):{' '}
          <Box
            component="span"
            sx={{ fontFamily: monoFont, color: 'text.primary' }}
            data-testid="training-result-model"
          >
            {data.model_file}
          </Box>
        </Typography>
      )}
    </Stack>
  );
}
