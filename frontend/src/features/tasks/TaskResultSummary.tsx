import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import type { TaskResult } from '@/api/schemas';
import { monoFont } from '@/theme/theme';

/** The sentence shown when a finished job skipped unreadable input files. */
export function failedFilesMessage(count: number): string {
  return count === 1
    ? '1 file could not be read — see failed_files.csv'
    : `${count} files could not be read — see failed_files.csv`;
}

/**
 * What a finished job left: a warning when input files could not be read (they are listed in
 * `failed_files.csv`) and the names of its output files. Renders nothing while there is no result.
 */
export function TaskResultSummary({ result }: { result: TaskResult }) {
  const { outputs, failed_files: failed } = result;
  if (!outputs.length && !failed) return null;
  return (
    <>
      {failed > 0 && (
        <Alert severity="warning" data-testid="task-failed-files">
          {failedFilesMessage(failed)}
        </Alert>
      )}
      {outputs.length > 0 && (
        <Box
          component="section"
          aria-label="Outputs"
          data-testid="task-outputs"
          sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 0.5 }}
        >
          <Typography variant="body2" color="text.secondary" sx={{ mr: 0.5 }}>
            Outputs:
          </Typography>
          {outputs.map((name) => (
            <Chip
              key={name}
              size="small"
              variant="outlined"
              label={name}
              data-testid="task-output"
              sx={{ fontFamily: monoFont, fontSize: '0.75rem' }}
            />
          ))}
        </Box>
      )}
    </>
  );
}
