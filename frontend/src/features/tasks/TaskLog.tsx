import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { useEffect, useRef } from 'react';
import { errorMessage } from '@/api/errors';
import type { Task } from '@/api/schemas';
import { useTaskLog } from '@/hooks/useTasks';
import { monoFont } from '@/theme/theme';

/** The tail of the task's log.txt, refreshing every second while the task is active. */
export function TaskLog({ task }: { task: Task }) {
  const log = useTaskLog(task, true);
  const boxRef = useRef<HTMLPreElement>(null);
  const lines = log.data;

  useEffect(() => {
    const box = boxRef.current;
    if (box) box.scrollTop = box.scrollHeight;
  }, [lines]);

  if (log.isError) return <Alert severity="warning">{errorMessage(log.error)}</Alert>;
  return (
    <Box
      component="pre"
      ref={boxRef}
      data-testid="task-log"
      sx={{
        m: 0,
        p: 1.5,
        maxHeight: 280,
        overflow: 'auto',
        fontFamily: monoFont,
        fontSize: '0.75rem',
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
        bgcolor: 'action.hover',
        borderRadius: 1,
      }}
    >
      {log.isPending ? 'Loading log…' : lines?.length ? lines.join('\n') : 'The log is empty.'}
    </Box>
  );
}
