import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { OpenReportButton } from '@/components/OpenReportButton';
import { StatusChip } from '@/components/StatusChip';
import { TaskProgress } from '@/components/TaskProgress';
import { TrainingResult } from '@/components/TrainingResult';
import { useTask } from '@/hooks/useTasks';
import { taskTitle } from '@/lib/task-format';
import { navigate } from '@/stores/route';

/**
 * The training task just created from the form: its status, progress and report while it runs,
 * then its mean AP and model file once it completes.
 */
export function CreatedTrainingPanel({ taskId }: { taskId: string }) {
  const { data: task } = useTask(taskId);
  if (!task) return null;
  return (
    <Paper sx={{ p: { xs: 2, md: 3 } }} data-testid="training-created" data-status={task.status}>
      <Stack spacing={1.5}>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
          <Typography variant="h3" component="h2" sx={{ mr: 'auto' }}>
            {taskTitle(task)}
          </Typography>
          <StatusChip status={task.status} testId="training-created-status" />
          <OpenReportButton task={task} />
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
          <Alert severity="error">{task.error ?? 'The training failed; see its log.'}</Alert>
        )}
        {task.status === 'completed' && <TrainingResult taskId={task.id} />}
      </Stack>
    </Paper>
  );
}
