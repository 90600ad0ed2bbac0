import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { Task } from '@/api/schemas';
import { StatusChip } from '@/components/StatusChip';
import { TaskProgress } from '@/components/TaskProgress';
import { useTask } from '@/hooks/useTasks';
import { taskTitle } from '@/lib/task-format';
import { navigate } from '@/stores/route';

interface Props {
  taskId: string;
  /** Prefix of the data-testids: `<prefix>-created`, `<prefix>-created-status`. */
  testIdPrefix: string;
  /** What the job does, for the failure fallback ("The extraction failed; see its log."). */
  jobName: string;
  /** Extra buttons next to the status (e.g. "Open report"). */
  actions?: (task: Task) => ReactNode;
  /** What a completed task shows (its summary, follow-up buttons). */
  result: (task: Task) => ReactNode;
}

/**
 * The task a form just created: its status, progress and error while it runs, then the form's
 * own result view once it completes, with a way to the Tasks tab.
 */
export function CreatedTaskPanel({ taskId, testIdPrefix, jobName, actions, result }: Props) {
  const { data: task } = useTask(taskId);
  if (!task) return null;
  return (
    <Paper
      sx={{ p: { xs: 2, md: 3 } }}
      data-testid={`${testIdPrefix}-created`}
      data-status={task.status}
    >
      <Stack spacing={1.5}>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
          <Typography variant="h3" component="h2" sx={{ mr: 'auto' }}>
            {taskTitle(task)}
          </Typography>
          <StatusChip status={task.status} testId={`${testIdPrefix}-created-status`} />
          {actions?.(task)}
          <Button size="small" onClick={() => navigate('tasks')}>
            Open Tasks
          </Button>
        </Box>
        <TaskProgress task={task} />
        {task.status === 'unstarted' && (
          <Typography variant="body2" color="text.secondary">
            Start it from the Tasks tab, or use “Create and run” next time.
          </Typography>
        )}
        {task.status === 'failed' && (
          <Alert severity="error">{task.error ?? `The ${jobName} failed; see its log.`}</Alert>
        )}
        {task.status === 'completed' && result(task)}
      </Stack>
    </Paper>
  );
}
