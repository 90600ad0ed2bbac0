import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import PlaylistAddIcon from '@mui/icons-material/PlaylistAdd';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import { useState } from 'react';
import { errorMessage } from '@/api/errors';
import type { Task } from '@/api/schemas';
import { useCreateTask } from '@/hooks/useTaskMutations';
import { taskTitle } from '@/lib/task-format';
import { navigate } from '@/stores/route';
import { DisabledReasonTooltip, missingFieldsReason } from './DisabledReasonTooltip';

export interface CreateTaskButtonsProps {
  /** Task kind sent to POST /api/tasks (`inference`, `extraction`, …). */
  kind: string;
  /** The resolved config. */
  config: Record<string, unknown>;
  name: string;
  /** Labels of required fields still empty or invalid (the hover reason). */
  missing: string[];
  /** Prefix of the data-testids: `<prefix>-create`, `<prefix>-create-run`, `<prefix>-error`. */
  testIdPrefix: string;
  /** Called with the task the server created. */
  onCreated?: (task: Task) => void;
}

/**
 * "Create task" and "Create and run", disabled with a reason until the required fields are filled;
 * a snackbar with "Open Tasks" confirms the new task.
 */
export function CreateTaskButtons({
  kind,
  config,
  name,
  missing,
  testIdPrefix,
  onCreated,
}: CreateTaskButtonsProps) {
  const create = useCreateTask();
  const [created, setCreated] = useState<Task | null>(null);
  const reason = missingFieldsReason(missing);
  const disabled = Boolean(reason) || create.isPending;

  const submit = (start: boolean) => {
    const trimmedName = name.trim();
    create.mutate(
      { kind, ...(trimmedName ? { name: trimmedName } : {}), config, start },
      {
        onSuccess: (task) => {
          setCreated(task);
          onCreated?.(task);
        },
      },
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
          data-testid={`${testIdPrefix}-create`}
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
          data-testid={`${testIdPrefix}-create-run`}
        >
          Create and run
        </Button>
      </DisabledReasonTooltip>
      {create.isError && (
        <Alert severity="error" sx={{ flexBasis: '100%' }} data-testid={`${testIdPrefix}-error`}>
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
