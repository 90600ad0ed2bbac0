import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import PlaylistAddIcon from '@mui/icons-material/PlaylistAdd';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import { useState } from 'react';
import { errorMessage } from '@/api/errors';
import type { InferenceConfig, Task } from '@/api/schemas';
import { DisabledReasonTooltip, missingFieldsReason } from '@/components/DisabledReasonTooltip';
import { useCreateTask } from '@/hooks/useTaskMutations';
import { taskTitle } from '@/lib/task-format';
import { navigate } from '@/stores/route';

interface Props {
  /** The resolved config (only the picked audio source, trimmed). */
  config: InferenceConfig;
  name: string;
  missing: string[];
}

/** "Create task" and "Create and run", disabled with a reason until the required fields are filled. */
export function CreateTaskButtons({ config, name, missing }: Props) {
  const create = useCreateTask();
  const [created, setCreated] = useState<Task | null>(null);
  const reason = missingFieldsReason(missing);
  const disabled = Boolean(reason) || create.isPending;

  const submit = (start: boolean) => {
    const trimmedName = name.trim();
    create.mutate(
      {
        kind: 'inference',
        ...(trimmedName ? { name: trimmedName } : {}),
        config,
        start,
      },
      { onSuccess: (task) => setCreated(task) },
    );
  };

  return (
    <>
      <DisabledReasonTooltip reason={reason}>
        <Button
          variant="outlined"
          startIcon={<PlaylistAddIcon />}
          disabled={disabled}
          onClick={() => submit(false)}
          data-testid="inference-create"
        >
          Create task
        </Button>
      </DisabledReasonTooltip>
      <DisabledReasonTooltip reason={reason}>
        <Button
          variant="contained"
          startIcon={<PlayArrowIcon />}
          disabled={disabled}
          onClick={() => submit(true)}
          data-testid="inference-create-run"
        >
          Create and run
        </Button>
      </DisabledReasonTooltip>
      {create.isError && (
        <Alert severity="error" sx={{ flexBasis: '100%' }} data-testid="inference-error">
          {errorMessage(create.error)}
        </Alert>
      )}
      <Snackbar
        open={created !== null}
        autoHideDuration={8000}
        onClose={() => setCreated(null)}
        message={created ? `Task “${taskTitle(created)}” created (${created.status})` : ''}
        action={
          <Button
            color="secondary"
            size="small"
            onClick={() => {
              setCreated(null);
              navigate('tasks');
            }}
          >
            Open Tasks
          </Button>
        }
      />
    </>
  );
}
