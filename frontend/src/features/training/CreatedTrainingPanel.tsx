import { CreatedTaskPanel } from '@/components/CreatedTaskPanel';
import { OpenReportButton } from '@/components/OpenReportButton';
import { TrainingResult } from '@/components/TrainingResult';

/**
 * The training task just created from the form: its status, progress and report while it runs,
 * then its mean AP and model file once it completes.
 */
export function CreatedTrainingPanel({ taskId }: { taskId: string }) {
  return (
    <CreatedTaskPanel
      taskId={taskId}
      testIdPrefix="training"
      jobName="training"
      actions={(task) => <OpenReportButton task={task} />}
      result={(task) => <TrainingResult taskId={task.id} />}
    />
  );
}
