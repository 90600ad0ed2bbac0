import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Collapse from '@mui/material/Collapse';
import { useTheme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { Task } from '@/api/schemas';
import { ExtractionResult } from '@/components/ExtractionResult';
import { StatusChip } from '@/components/StatusChip';
import { TaskProgress } from '@/components/TaskProgress';
import { TrainingResult } from '@/components/TrainingResult';
import { kindLabel, taskTitle } from '@/lib/task-format';
import { statusColor } from '@/theme/theme';
import { followUps } from './task-actions';
import { TaskActions } from './TaskActions';
import { TaskJobDir } from './TaskJobDir';
import { TaskLog } from './TaskLog';
import { TaskResultSummary } from './TaskResultSummary';
import { TaskTimes } from './TaskTimes';
import { TaskWandbLink } from './TaskWandbLink';

/**
 * One task: title, kind, status, progress, job folder, times, outputs and failed files, an
 * extraction's summary (with "Open in Review"), a training's mean AP and model file, error,
 * actions and the log.
 */
export function TaskCard({ task }: { task: Task }) {
  const theme = useTheme();
  const [logOpen, setLogOpen] = useState(false);
  return (
    <Card
      data-testid="task-card"
      data-task-id={task.id}
      data-status={task.status}
      sx={{ borderLeft: `5px solid ${statusColor(task.status, theme.palette.mode)}` }}
    >
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 1.25 }}>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
          <Typography variant="h3" component="h2" data-testid="task-name" sx={{ mr: 'auto' }}>
            {taskTitle(task)}
          </Typography>
          <Chip size="small" variant="outlined" label={kindLabel(task.kind)} />
          {task.run_in_parallel && <Chip size="small" variant="outlined" label="parallel" />}
          {task.attempt > 1 && (
            <Chip size="small" variant="outlined" label={`attempt ${task.attempt}`} />
          )}
          <StatusChip status={task.status} testId="task-status" />
        </Box>
        <TaskProgress task={task} />
        {task.job_dir && <TaskJobDir path={task.job_dir} />}
        <TaskTimes task={task} />
        <TaskResultSummary result={task.result} />
        <TaskWandbLink link={task.result.wandb ?? null} />
        {followUps(task).extractionResult && <ExtractionResult task={task} />}
        {followUps(task).trainingResult && <TrainingResult taskId={task.id} />}
        {task.status === 'failed' && (
          <Alert severity="error" data-testid="task-error">
            {task.error ??
              `The task failed${task.exit_code !== null ? ` (exit code ${task.exit_code})` : ''}.`}
          </Alert>
        )}
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
          <TaskActions task={task} />
          <Button
            size="small"
            sx={{ ml: 'auto' }}
            onClick={() => setLogOpen((open) => !open)}
            aria-expanded={logOpen}
            data-testid="task-log-toggle"
            endIcon={
              <ExpandMoreIcon
                sx={{
                  transform: logOpen ? 'rotate(180deg)' : 'none',
                  transition: 'transform 150ms',
                }}
              />
            }
          >
            {logOpen ? 'Hide log' : 'Log'}
          </Button>
        </Box>
        <Collapse in={logOpen} unmountOnExit>
          <TaskLog task={task} />
        </Collapse>
      </CardContent>
    </Card>
  );
}
