import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { WandbRunLink } from '@/api/wandb-schemas';
import { TaskCard } from '@/features/tasks/TaskCard';
import { taskJson } from '../../support/factories';
import { renderWithApp } from '../../support/render';

const result = (wandb: WandbRunLink) => ({ outputs: ['predictions.csv'], failed_files: 0, wandb });

describe('Task card W&B link', () => {
  it('links to an online run', () => {
    const task = taskJson({
      status: 'completed',
      result: result({ url: 'https://wandb.ai/lab/birds/runs/abc', run_dir: '/x', mode: 'online' }),
    });
    renderWithApp(<TaskCard task={task} />);
    const link = screen.getByTestId('task-wandb-link');
    expect(link).toHaveAttribute('href', 'https://wandb.ai/lab/birds/runs/abc');
    expect(link).toHaveAttribute('target', '_blank');
  });

  it('shows the local folder of an offline run and how to upload it', () => {
    const runDir = '/data/out/inference_1/wandb/offline-run-20250101_000000-abc';
    const task = taskJson({
      status: 'completed',
      result: result({ url: null, run_dir: runDir, mode: 'offline' }),
    });
    renderWithApp(<TaskCard task={task} />);
    expect(screen.queryByTestId('task-wandb-link')).not.toBeInTheDocument();
    expect(screen.getByTestId('task-wandb-offline')).toHaveTextContent(`wandb sync ${runDir}`);
  });

  it('shows nothing for a task without W&B', () => {
    renderWithApp(<TaskCard task={taskJson({ status: 'completed' })} />);
    expect(screen.queryByTestId('task-wandb-offline')).not.toBeInTheDocument();
    expect(screen.queryByTestId('task-wandb-link')).not.toBeInTheDocument();
  });
});
