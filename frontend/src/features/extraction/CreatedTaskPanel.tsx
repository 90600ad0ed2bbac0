import { CreatedTaskPanel as TaskPanel } from '@/components/CreatedTaskPanel';
import { ExtractionResult } from '@/components/ExtractionResult';

/**
 * The extraction task just created from the form: its status and progress while it runs, then its
 * summary and "Open in Review" once it completes.
 */
export function CreatedTaskPanel({ taskId }: { taskId: string }) {
  return (
    <TaskPanel
      taskId={taskId}
      testIdPrefix="extraction"
      jobName="extraction"
      result={(task) => <ExtractionResult task={task} />}
    />
  );
}
