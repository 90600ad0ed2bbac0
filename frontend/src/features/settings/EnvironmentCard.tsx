import DownloadIcon from '@mui/icons-material/Download';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { errorMessage } from '@/api/errors';
import type { Environment } from '@/api/schemas';
import { useEnvironment } from '@/hooks/useServerInfo';
import { useInstallEnvironment } from '@/hooks/useTaskMutations';
import { monoFont } from '@/theme/theme';

const statusColors: Record<Environment['status'], 'success' | 'warning' | 'info' | 'error'> = {
  ready: 'success',
  missing: 'warning',
  installing: 'info',
  broken: 'error',
};

/** Status of the torch environment the heavy scripts run in, with Install when it is missing. */
export function EnvironmentCard() {
  const environment = useEnvironment();
  const install = useInstallEnvironment();
  const env = environment.data;
  const canInstall = env?.status === 'missing' || env?.status === 'broken';
  return (
    <Paper sx={{ p: 2.5 }}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, mb: 1 }}>
        <Typography variant="h3" component="h2" sx={{ mr: 'auto' }}>
          Model environment
        </Typography>
        {env && (
          <Chip
            size="small"
            color={statusColors[env.status]}
            label={env.status}
            data-testid="env-status"
          />
        )}
      </Box>
      {environment.isError && <Alert severity="error">{errorMessage(environment.error)}</Alert>}
      {env && (
        <>
          <Typography variant="body2" sx={{ mb: 1 }}>
            {env.message}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
            Location: <span style={{ fontFamily: monoFont }}>{env.path}</span>
          </Typography>
          {env.python && (
            <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
              Python: <span style={{ fontFamily: monoFont }}>{env.python}</span>
            </Typography>
          )}
        </>
      )}
      {canInstall && (
        <Box sx={{ mt: 2, display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 2 }}>
          <Button
            variant="contained"
            startIcon={<DownloadIcon />}
            disabled={install.isPending}
            onClick={() => install.mutate()}
            data-testid="env-install"
          >
            {env?.status === 'broken' ? 'Reinstall' : 'Install'}
          </Button>
          <Typography variant="body2" color="text.secondary" sx={{ flex: 1, minWidth: 220 }}>
            Downloads about 6 GB (PyTorch and the model libraries) once and keeps it for later use.
            Progress shows in the Tasks tab.
          </Typography>
        </Box>
      )}
      {install.isError && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {errorMessage(install.error)}
        </Alert>
      )}
      {install.isSuccess && (
        <Alert severity="info" sx={{ mt: 1 }}>
          Install task created — follow it in the Tasks tab.
        </Alert>
      )}
    </Paper>
  );
}
