import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import { useTheme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import type { Task } from '@/api/schemas';
import { formatEta, formatPercent } from '@/lib/task-format';
import { statusColor } from '@/theme/theme';

/** Progress of a task: coloured bar, percentage, ETA (while running) and the latest status message. */
export function TaskProgress({ task }: { task: Pick<Task, 'status' | 'progress'> }) {
  const theme = useTheme();
  const color = statusColor(task.status, theme.palette.mode);
  const { fraction, message, eta_s: etaSeconds } = task.progress;
  const running = task.status === 'running';
  const showBar = task.status !== 'unstarted' || fraction > 0;
  const waiting = task.status === 'queued' || (running && fraction === 0);
  return (
    <Box>
      {showBar && (
        <LinearProgress
          variant={waiting ? 'indeterminate' : 'determinate'}
          value={fraction * 100}
          aria-label="Task progress"
          sx={{
            height: 8,
            borderRadius: 4,
            bgcolor: theme.palette.action.hover,
            '& .MuiLinearProgress-bar': { bgcolor: color },
          }}
        />
      )}
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, mt: 0.5, alignItems: 'baseline' }}>
        <Typography variant="body2" sx={{ fontWeight: 'bold' }} data-testid="task-progress-percent">
          {formatPercent(fraction)}
        </Typography>
        {running && etaSeconds !== null && etaSeconds !== undefined && (
          <Typography variant="body2" color="text.secondary" data-testid="task-eta">
            ETA {formatEta(etaSeconds)}
          </Typography>
        )}
        <Typography variant="body2" color="text.secondary" data-testid="task-message">
          {message}
        </Typography>
      </Box>
    </Box>
  );
}
