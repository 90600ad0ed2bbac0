import Chip from '@mui/material/Chip';
import { useTheme } from '@mui/material/styles';
import type { TaskStatus } from '@/api/schemas';
import { statusColor } from '@/theme/theme';

/** A task status as a chip coloured like the state; its text is the status word. */
export function StatusChip({ status, testId }: { status: TaskStatus; testId?: string }) {
  const theme = useTheme();
  const color = statusColor(status, theme.palette.mode);
  return (
    <Chip
      size="small"
      label={status}
      data-testid={testId}
      data-status={status}
      sx={{
        bgcolor: color,
        color: theme.palette.getContrastText(color),
        fontWeight: theme.typography.fontWeightMedium,
      }}
    />
  );
}
