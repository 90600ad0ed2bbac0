import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { Task } from '@/api/schemas';
import { formatDateTime } from '@/lib/task-format';

/** Created / started / ended times of a task (only those that happened). */
export function TaskTimes({ task }: { task: Task }) {
  const times: [string, string | null][] = [
    ['Created', task.created_at],
    ['Started', task.started_at],
    ['Ended', task.ended_at],
  ];
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2.5, rowGap: 0.5 }}>
      {times
        .filter(([, iso]) => iso)
        .map(([label, iso]) => (
          <Typography key={label} variant="caption" color="text.secondary">
            {label} <time dateTime={iso ?? undefined}>{formatDateTime(iso)}</time>
          </Typography>
        ))}
    </Box>
  );
}
