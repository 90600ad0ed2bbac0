import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { Task } from '@/api/schemas';

export type StatusFilterValue = 'all' | 'active' | Task['status'];

const options: { value: StatusFilterValue; label: string }[] = [
  { value: 'all', label: 'All tasks' },
  { value: 'active', label: 'Queued or running' },
  { value: 'unstarted', label: 'Unstarted' },
  { value: 'completed', label: 'Completed' },
  { value: 'failed', label: 'Failed' },
  { value: 'canceled', label: 'Canceled' },
];

/**
 * Whether a task passes the filter.
 * @param task - The task.
 * @param filter - Selected filter.
 */
export function matchesFilter(task: Task, filter: StatusFilterValue): boolean {
  if (filter === 'all') return true;
  if (filter === 'active') return task.status === 'queued' || task.status === 'running';
  return task.status === filter;
}

/** A select to show only tasks of one status. */
export function StatusFilter({
  value,
  onChange,
}: {
  value: StatusFilterValue;
  onChange: (value: StatusFilterValue) => void;
}) {
  return (
    <TextField
      select
      size="small"
      label="Show"
      value={value}
      onChange={(event) => onChange(event.target.value as StatusFilterValue)}
      sx={{ minWidth: 190 }}
      slotProps={{ htmlInput: { 'data-testid': 'task-filter' } }}
    >
      {options.map((option) => (
        <MenuItem key={option.value} value={option.value}>
          {option.label}
        </MenuItem>
      ))}
    </TextField>
  );
}
