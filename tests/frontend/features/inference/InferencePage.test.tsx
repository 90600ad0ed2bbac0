import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { InferencePage } from '@/features/inference/InferencePage';
import { taskJson } from '../../support/factories';
import { inferenceConfigJson } from '../../support/inference';
import { defaultTransport, renderWithApp } from '../../support/render';

describe('InferencePage', () => {
  it('keeps Create disabled, explaining which fields are missing, until they are filled', async () => {
    const user = userEvent.setup();
    renderWithApp(<InferencePage />);
    const create = screen.getByTestId('inference-create');
    const createRun = screen.getByTestId('inference-create-run');
    expect(create).toBeDisabled();
    expect(createRun).toBeDisabled();
    expect(create.parentElement).toHaveAttribute(
      'data-disabled-reason',
      'Fill in: Audio folder, Output folder',
    );

    await user.hover(create.parentElement as HTMLElement);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Fill in: Audio folder, Output folder',
    );

    await user.type(screen.getByTestId('inference-audio-dir'), '/data/audio');
    expect(create.parentElement).toHaveAttribute('data-disabled-reason', 'Fill in: Output folder');
    await user.type(screen.getByTestId('inference-output-dir'), '/data/out');
    expect(create).toBeEnabled();
    expect(create.parentElement).not.toHaveAttribute('data-disabled-reason');
    expect(createRun).toBeEnabled();
  });

  it('posts the inference config with start=true on "Create and run"', async () => {
    const user = userEvent.setup();
    const transport = defaultTransport().on('POST', '/api/tasks', (body) => ({
      status: 201,
      body: taskJson({
        name: 'Dawn chorus',
        status: 'queued',
        config: (body as { config: object }).config as Record<string, unknown>,
      }),
    }));
    renderWithApp(<InferencePage />, { transport });

    await user.type(screen.getByTestId('inference-audio-dir'), '/data/audio ');
    await user.type(screen.getByTestId('inference-output-dir'), '/data/out');
    await user.type(screen.getByTestId('inference-name'), 'Dawn chorus');
    await user.click(screen.getByTestId('inference-create-run'));

    await waitFor(() => expect(transport.callsTo('POST', '/api/tasks')).toHaveLength(1));
    expect(transport.callsTo('POST', '/api/tasks')[0]?.body).toEqual({
      kind: 'inference',
      name: 'Dawn chorus',
      start: true,
      config: inferenceConfigJson({ audio_dir: '/data/audio', output_dir: '/data/out' }),
    });
    expect(await screen.findByText(/Task “Dawn chorus” created \(queued\)/)).toBeVisible();
  });

  it('sends start=false and no name from "Create task"', async () => {
    const user = userEvent.setup();
    const transport = defaultTransport().ok('POST', '/api/tasks', taskJson());
    renderWithApp(<InferencePage />, { transport });
    await user.type(screen.getByTestId('inference-audio-dir'), '/a');
    await user.type(screen.getByTestId('inference-output-dir'), '/b');
    await user.click(screen.getByTestId('inference-create'));
    await waitFor(() => expect(transport.callsTo('POST', '/api/tasks')).toHaveLength(1));
    const body = transport.callsTo('POST', '/api/tasks')[0]?.body as Record<string, unknown>;
    expect(body.start).toBe(false);
    expect(body).not.toHaveProperty('name');
  });

  it('pre-fills empty paths from the demo project and says so', async () => {
    const transport = defaultTransport().ok('GET', '/api/demo', {
      audio_dir: '/home/u/.local/share/dipper/demo/audio',
      output_dir: '/home/u/.local/share/dipper/demo/jobs',
    });
    renderWithApp(<InferencePage />, { transport });
    await waitFor(() =>
      expect(screen.getByTestId('inference-audio-dir')).toHaveValue(
        '/home/u/.local/share/dipper/demo/audio',
      ),
    );
    expect(screen.getByTestId('inference-output-dir')).toHaveValue(
      '/home/u/.local/share/dipper/demo/jobs',
    );
    expect(screen.getByTestId('inference-note')).toHaveTextContent('Demo project loaded:');
    expect(screen.getByTestId('inference-create-run')).toBeEnabled();
  });

  it('shows the server error when creating fails', async () => {
    const user = userEvent.setup();
    const transport = defaultTransport().on('POST', '/api/tasks', {
      status: 400,
      body: {
        error: {
          code: 'InvalidConfig',
          message: 'audio_dir does not exist',
          details: {},
        },
      },
    });
    renderWithApp(<InferencePage />, { transport });
    await user.type(screen.getByTestId('inference-audio-dir'), '/nope');
    await user.type(screen.getByTestId('inference-output-dir'), '/out');
    await user.click(screen.getByTestId('inference-create'));
    expect(await screen.findByTestId('inference-error')).toHaveTextContent(
      'audio_dir does not exist',
    );
  });
});
