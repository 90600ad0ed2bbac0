import Alert from '@mui/material/Alert';
import Switch from '@mui/material/Switch';
import { errorMessage } from '@/api/errors';
import { useSettings, useUpdateSettings } from '@/hooks/useServerInfo';
import { SettingRow } from './SettingRow';

/** "Run tasks in parallel" switch, saved on the server. */
export function ParallelSetting() {
  const settings = useSettings();
  const update = useUpdateSettings();
  const checked = update.isPending
    ? Boolean(update.variables?.parallel_tasks)
    : Boolean(settings.data?.parallel_tasks);
  return (
    <>
      <SettingRow
        title="Run tasks in parallel"
        description="Off: tasks wait in a queue and run one at a time. On: queued tasks start at once."
      >
        <Switch
          checked={checked}
          disabled={!settings.data}
          onChange={(event) => update.mutate({ parallel_tasks: event.target.checked })}
          slotProps={{
            input: {
              'aria-label': 'Run tasks in parallel',
              'data-testid': 'settings-parallel',
            } as object,
          }}
        />
      </SettingRow>
      {(settings.isError || update.isError) && (
        <Alert severity="error">{errorMessage(settings.error ?? update.error)}</Alert>
      )}
    </>
  );
}
