import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import CircularProgress from '@mui/material/CircularProgress';
import { alpha, useTheme } from '@mui/material/styles';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { Task } from '@/api/schemas';
import { useTasks } from '@/hooks/useTasks';
import { navColors } from '@/theme/theme';

/** Counts of active tasks and the mean progress of the running ones. */
export function summariseTasks(tasks: Task[]): {
  running: number;
  queued: number;
  fraction: number;
} {
  const running = tasks.filter((task) => task.status === 'running');
  const queued = tasks.filter((task) => task.status === 'queued').length;
  const fraction = running.length
    ? running.reduce((sum, task) => sum + task.progress.fraction, 0) / running.length
    : 0;
  return { running: running.length, queued, fraction };
}

/** Compact task indicator shown on every tab: running count in a progress ring, queued count below. */
export function TaskIndicator({ onOpenTasks }: { onOpenTasks: () => void }) {
  const theme = useTheme();
  const colors = navColors(theme.palette.mode);
  const { data: tasks = [] } = useTasks();
  const { running, queued, fraction } = summariseTasks(tasks);
  const label =
    running || queued
      ? `${running} running, ${queued} queued — open Tasks`
      : 'No tasks running — open Tasks';
  return (
    <Tooltip title={label} placement="right">
      <ButtonBase
        onClick={onOpenTasks}
        aria-label={label}
        data-testid="task-indicator"
        data-running={running}
        data-queued={queued}
        sx={{
          flexDirection: 'column',
          borderRadius: 2,
          p: 0.5,
          color: colors.text,
          '&:hover': { bgcolor: alpha(colors.text, 0.12) },
        }}
      >
        <Box sx={{ position: 'relative', display: 'inline-flex' }}>
          <CircularProgress
            variant="determinate"
            value={100}
            size={40}
            thickness={4}
            sx={{ color: alpha(colors.text, 0.2), position: 'absolute' }}
          />
          <CircularProgress
            variant={running && fraction === 0 ? 'indeterminate' : 'determinate'}
            value={fraction * 100}
            size={40}
            thickness={4}
            sx={{ color: theme.palette.primary.light }}
          />
          <Typography
            variant="caption"
            sx={{
              position: 'absolute',
              inset: 0,
              display: 'grid',
              placeItems: 'center',
              fontWeight: 'bold',
            }}
          >
            {running}
          </Typography>
        </Box>
        <Typography variant="caption" sx={{ fontSize: 10, lineHeight: 1.6 }}>
          {queued ? `+${queued} queued` : running ? 'running' : 'idle'}
        </Typography>
      </ButtonBase>
    </Tooltip>
  );
}
