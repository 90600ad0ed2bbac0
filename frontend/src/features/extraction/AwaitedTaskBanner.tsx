import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { TaskProgress } from '@/components/TaskProgress';
import { taskTitle } from '@/lib/task-format';
import type { AwaitedTask } from './useAwaitedTask';

interface Props {
  awaited: AwaitedTask;
  /** Stop waiting (the form then behaves as usual). */
  onDismiss: () => void;
}

/**
 * The task the form waits for (the loop's "Next round" inference): its progress while it runs,
 * then that its predictions were scanned — or why there are none.
 */
export function AwaitedTaskBanner({ awaited, onDismiss }: Props) {
  const { phase, task } = awaited;
  if (phase === 'none') return null;
  const title = task ? `inference task “${taskTitle(task)}”` : 'the inference task';
  const dismiss = (label: string) => (
    <Button color="inherit" size="small" onClick={onDismiss} data-testid="extraction-await-dismiss">
      {label}
    </Button>
  );
  const common = { 'data-testid': 'extraction-await', 'data-phase': phase };
  if (phase === 'loading' || phase === 'waiting') {
    return (
      <Alert severity="info" action={dismiss('Stop waiting')} {...common}>
        <AlertTitle>Waiting for {title}</AlertTitle>
        {task?.status === 'unstarted'
          ? 'It has not been started: start it from the Tasks tab. '
          : ''}
        The predictions folder is scanned when it completes; meanwhile you can set the strategies
        and the output.
        {task && (
          <Box sx={{ mt: 1 }}>
            <TaskProgress task={task} />
          </Box>
        )}
      </Alert>
    );
  }
  if (phase === 'completed') {
    return (
      <Alert severity="success" action={dismiss('Dismiss')} {...common}>
        The {title} has completed; its predictions folder is scanned below.
      </Alert>
    );
  }
  if (phase === 'missing') {
    return (
      <Alert severity="warning" action={dismiss('Dismiss')} {...common}>
        The inference task this form was waiting for is no longer in the task list (deleted?). Check
        the predictions folder, or pick another one.
      </Alert>
    );
  }
  const reason =
    task?.status === 'canceled'
      ? 'It was canceled.'
      : (task?.error ?? 'It failed; open its log in the Tasks tab to see why.');
  return (
    <Alert severity="error" action={dismiss('Dismiss')} {...common}>
      <AlertTitle>The {title} did not complete, so there are no new predictions</AlertTitle>
      {reason} Fix it and run it again from the Tasks tab, or pick another predictions folder.
    </Alert>
  );
}
