import AssessmentIcon from '@mui/icons-material/AssessmentOutlined';
import CloseIcon from '@mui/icons-material/Close';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import { useState } from 'react';
import { useApi } from '@/api/ApiProvider';
import type { Task } from '@/api/schemas';
import { useReportUrl } from '@/hooks/useTrainingQueries';
import { taskTitle } from '@/lib/task-format';
import { DisabledReasonTooltip } from './DisabledReasonTooltip';

/** Why a training task's report cannot be opened yet, or null when it can. */
export function reportUnavailableReason(task: Pick<Task, 'status' | 'job_dir'>): string | null {
  if (task.status === 'unstarted' || task.status === 'queued' || !task.job_dir) {
    return 'The report appears once training starts';
  }
  return null;
}

/**
 * "Open report": a training task's live HTML report (it reloads itself every 3 s while the job
 * runs). In a browser it opens in a new tab; in the app (where pages cannot open windows) it opens
 * in a full-screen frame.
 */
export function OpenReportButton({
  task,
}: {
  task: Pick<Task, 'id' | 'name' | 'kind' | 'status' | 'job_dir'>;
}) {
  const api = useApi();
  const url = useReportUrl(task.id);
  const [framed, setFramed] = useState(false);
  const reason = reportUnavailableReason(task) ?? (url ? null : 'Finding the server…');
  const inApp = api.dialogs !== null;
  const common = {
    size: 'small',
    variant: 'outlined',
    startIcon: <AssessmentIcon />,
    disabled: reason !== null,
    'data-testid': 'task-open-report',
  } as const;
  return (
    <>
      <DisabledReasonTooltip reason={reason}>
        {inApp || !url ? (
          <Button {...common} onClick={() => setFramed(true)}>
            Open report
          </Button>
        ) : (
          <Button {...common} href={url} target="_blank" rel="noopener noreferrer">
            Open report
          </Button>
        )}
      </DisabledReasonTooltip>
      {framed && url && (
        <Dialog fullScreen open onClose={() => setFramed(false)} aria-label="Training report">
          <DialogTitle sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 1 }}>
            <Box component="span" sx={{ mr: 'auto' }}>
              Report: {taskTitle(task)}
            </Box>
            <IconButton aria-label="Close the report" onClick={() => setFramed(false)}>
              <CloseIcon />
            </IconButton>
          </DialogTitle>
          <Box
            component="iframe"
            src={url}
            title={`Report of ${taskTitle(task)}`}
            data-testid="task-report-frame"
            sx={{ flex: 1, border: 0, width: '100%', bgcolor: 'common.white' }}
          />
        </Dialog>
      )}
    </>
  );
}
