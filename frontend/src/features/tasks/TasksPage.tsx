import Alert from '@mui/material/Alert';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { errorMessage } from '@/api/errors';
import { PageHeader } from '@/components/PageHeader';
import { useTasks } from '@/hooks/useTasks';
import { matchesFilter, StatusFilter, type StatusFilterValue } from './StatusFilter';
import { TaskCard } from './TaskCard';

function byNewest(a: { created_at: string }, b: { created_at: string }): number {
  return (Date.parse(b.created_at) || 0) - (Date.parse(a.created_at) || 0);
}

/** Tasks tab: every task, newest first, with progress and actions. */
export function TasksPage() {
  const tasks = useTasks();
  const [filter, setFilter] = useState<StatusFilterValue>('all');
  const shown = (tasks.data ?? []).filter((task) => matchesFilter(task, filter)).sort(byNewest);

  return (
    <>
      <PageHeader title="Tasks" actions={<StatusFilter value={filter} onChange={setFilter} />} />
      {tasks.isError && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {errorMessage(tasks.error)}
        </Alert>
      )}
      {tasks.isPending ? (
        <CircularProgress />
      ) : shown.length === 0 ? (
        <Paper variant="outlined" sx={{ p: 3 }}>
          <Typography color="text.secondary" data-testid="tasks-empty">
            {filter === 'all'
              ? 'No tasks yet. Create one from the Inference tab.'
              : 'No tasks match this filter.'}
          </Typography>
        </Paper>
      ) : (
        <Stack spacing={1.5}>
          {shown.map((task) => (
            <TaskCard key={task.id} task={task} />
          ))}
        </Stack>
      )}
    </>
  );
}
