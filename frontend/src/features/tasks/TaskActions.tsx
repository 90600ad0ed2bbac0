import CancelIcon from '@mui/icons-material/CancelOutlined';
import ContentCutIcon from '@mui/icons-material/ContentCutOutlined';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import ReplayIcon from '@mui/icons-material/Replay';
import UploadFileIcon from '@mui/icons-material/UploadFileOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useState } from 'react';
import type { Task } from '@/api/schemas';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { DisabledReasonTooltip } from '@/components/DisabledReasonTooltip';
import { OpenReportButton } from '@/components/OpenReportButton';
import { taskTitle } from '@/lib/task-format';
import { formForKind, useFormPrefill } from '@/stores/formPrefill';
import { navigate } from '@/stores/route';
import { availableActions, extractionPrefill, followUps } from './task-actions';
import { TaskShowFolder } from './TaskShowFolder';
import { useTaskActions } from './useTaskActions';

/**
 * Start / Cancel / Retry / Show job folder / Open report / Create annotation task / Load config /
 * Delete, shown according to the task's status and kind (Show job folder once the task has a job
 * folder; "Open report" on a training task; "Create annotation task" on a completed inference task
 * opens Extraction pre-filled).
 */
export function TaskActions({ task }: { task: Task }) {
  const actions = useTaskActions();
  const prefill = useFormPrefill();
  const [confirming, setConfirming] = useState(false);
  const offered = availableActions(task.status);
  const follow = followUps(task);
  const form = formForKind[task.kind];
  const busy = actions.pending;

  const loadConfig = () => {
    if (!form) return;
    prefill.offer({
      form,
      config: task.config,
      name: task.name,
      source: `task “${taskTitle(task)}”`,
    });
    navigate(form);
  };

  const createAnnotationTask = () => {
    prefill.offer({
      form: 'extraction',
      config: extractionPrefill(task),
      name: null,
      source: `inference task “${taskTitle(task)}”`,
    });
    navigate('extraction');
  };

  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
      {offered.start && (
        <Button
          size="small"
          variant="contained"
          startIcon={<PlayArrowIcon />}
          disabled={busy}
          onClick={() => actions.run('start', task)}
          data-testid="task-start"
        >
          Start
        </Button>
      )}
      {offered.cancel && (
        <Button
          size="small"
          variant="outlined"
          color="secondary"
          startIcon={<CancelIcon />}
          disabled={busy}
          onClick={() => actions.run('cancel', task)}
          data-testid="task-cancel"
        >
          Cancel
        </Button>
      )}
      {offered.retry && (
        <Button
          size="small"
          variant="outlined"
          startIcon={<ReplayIcon />}
          disabled={busy}
          onClick={() => actions.run('retry', task)}
          data-testid="task-retry"
        >
          Retry
        </Button>
      )}
      {task.job_dir && <TaskShowFolder path={task.job_dir} />}
      {follow.trainingReport && <OpenReportButton task={task} />}
      {follow.createAnnotationTask && (
        <Button
          size="small"
          variant="outlined"
          startIcon={<ContentCutIcon />}
          onClick={createAnnotationTask}
          data-testid="task-create-annotation"
        >
          Create annotation task
        </Button>
      )}
      <DisabledReasonTooltip
        reason={form ? null : 'This kind of task has no form to load into yet'}
      >
        <Button
          size="small"
          startIcon={<UploadFileIcon />}
          disabled={!form}
          onClick={loadConfig}
          data-testid="task-load-config"
        >
          Load config
        </Button>
      </DisabledReasonTooltip>
      {offered.remove && (
        <Button
          size="small"
          color="error"
          startIcon={<DeleteIcon />}
          disabled={busy}
          onClick={() => setConfirming(true)}
          data-testid="task-delete"
        >
          Delete
        </Button>
      )}
      <ConfirmDialog
        open={confirming}
        title="Delete this task?"
        confirmLabel="Delete"
        confirmTestId="confirm-delete"
        danger
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          actions.run('remove', task);
        }}
      >
        “{taskTitle(task)}” is removed from the list. Its job folder
        {task.job_dir ? ` (${task.job_dir})` : ''} and outputs stay on disk.
      </ConfirmDialog>
    </Box>
  );
}
