import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { errorMessage } from '@/api/errors';
import type { Task } from '@/api/schemas';
import { useExtractionSummary } from '@/hooks/useExtractionQueries';
import { taskTitle } from '@/lib/task-format';
import { ExtractionSummaryTable } from './ExtractionSummaryTable';
import { OpenInReviewButton } from './OpenInReviewButton';

/**
 * What a completed extraction task produced: its summary table (class × stratum × strategy) and
 * "Open in Review". Shown on the task's card and under the Extraction form after creating one.
 */
export function ExtractionResult({ task }: { task: Pick<Task, 'id' | 'name' | 'kind'> }) {
  const summary = useExtractionSummary(task.id);
  if (summary.isPending) {
    return (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <CircularProgress size={16} />
        <Typography variant="body2" color="text.secondary">
          Reading the extraction summary…
        </Typography>
      </Stack>
    );
  }
  if (summary.isError) {
    return (
      <Alert severity="error" data-testid="extraction-summary-error">
        {errorMessage(summary.error)}
      </Alert>
    );
  }
  const { rows, outputs, review_audio_root: reviewRoot } = summary.data;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <ExtractionSummaryTable rows={rows} />
      <Box>
        <OpenInReviewButton
          outputs={outputs}
          reviewAudioRoot={reviewRoot}
          source={`extraction task “${taskTitle(task)}”`}
        />
      </Box>
    </Box>
  );
}
