import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Divider from '@mui/material/Divider';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { PageHeader } from '@/components/PageHeader';
import { useHealth } from '@/hooks/useServerInfo';
import { EnvironmentCard } from './EnvironmentCard';
import { ModelDownloadCard } from './ModelDownloadCard';
import { ParallelSetting } from './ParallelSetting';
import { ThemeSetting } from './ThemeSetting';
import { WandbCard } from './WandbCard';

/**
 * Settings tab: theme, parallel tasks, model environment, model downloads, Weights & Biases login
 * and server information.
 */
export function SettingsPage() {
  const health = useHealth();
  const warnings = health.data?.store_warnings ?? [];
  return (
    <>
      <PageHeader title="Settings" />
      <Stack spacing={2}>
        {warnings.length > 0 && (
          <Alert severity="warning" data-testid="store-warnings">
            <AlertTitle>Task store</AlertTitle>
            {warnings.map((warning) => (
              <div key={warning}>{warning}</div>
            ))}
          </Alert>
        )}
        <Paper sx={{ px: 2.5, py: 1 }}>
          <ThemeSetting />
          <Divider />
          <ParallelSetting />
        </Paper>
        <EnvironmentCard />
        <ModelDownloadCard />
        <WandbCard />
        <Typography variant="body2" color="text.secondary" data-testid="server-version">
          {health.data
            ? `Dipper server ${health.data.version}`
            : health.isError
              ? 'Server not reachable'
              : 'Connecting to the server…'}
        </Typography>
      </Stack>
    </>
  );
}
