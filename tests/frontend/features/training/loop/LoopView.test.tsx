import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { LoopView } from '@/features/training/loop/LoopView';
import { useFormPrefill } from '@/stores/formPrefill';
import { taskJson } from '../../../support/factories';
import { defaultTransport, renderWithApp } from '../../../support/render';
import { LOOP_DIR, loopJson, roundJson } from './fixtures';

/** Shows the pending prefill so tests can see what "Next round" left for the Extraction tab. */
function PrefillProbe() {
  const { pending } = useFormPrefill();
  return <pre data-testid="prefill-probe">{pending ? JSON.stringify(pending) : ''}</pre>;
}

const cellsOf = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);

describe('LoopView', () => {
  beforeEach(() => {
    window.location.hash = '#/training';
  });

  it('shows the rounds newest first and the learning curve of the loop folder', async () => {
    const transport = defaultTransport().ok('GET', '/api/loop', loopJson());
    renderWithApp(<LoopView loopDir={LOOP_DIR} />, { transport });

    const rows = await screen.findAllByTestId('loop-round-row');
    expect(transport.callsTo('GET', '/api/loop')[0]?.path).toBe(
      `/api/loop?dir=${encodeURIComponent(LOOP_DIR)}`,
    );
    expect(rows).toHaveLength(2);
    const [latest, first] = rows as [HTMLElement, HTMLElement];
    expect(cellsOf(latest).slice(0, 8)).toEqual([
      '2',
      expect.stringMatching(/^2026-11-2\d \d\d:\d\d$/),
      '200',
      'Great Tit20 + / 80 −Storm-Petrel10 + / 90 −',
      'Shallow classifiermodel.dipper.pt',
      '0.700',
      'Great Tit0.800Storm-Petrel—',
      'held-out split',
    ]);
    expect(within(latest).getByTestId('loop-next-round')).toBeInTheDocument();
    expect(within(first).queryByTestId('loop-next-round')).toBeNull();
    expect(cellsOf(first)[5]).toBe('0.500');

    const series = screen.getAllByTestId('loop-curve-series');
    expect(series.map((s) => s.getAttribute('data-name'))).toEqual(['Mean', 'Great Tit']);
    expect(series[0]?.querySelectorAll('circle')).toHaveLength(2);
    expect(series[0]?.querySelector('title')?.textContent).toBe(
      'Mean, round 1: AP 0.500 with 100 labels',
    );
    expect(screen.queryByTestId('loop-mixed-evaluation')).toBeNull();
  });

  it('says when there are no rounds yet', async () => {
    const transport = defaultTransport().ok('GET', '/api/loop', loopJson([]));
    renderWithApp(<LoopView loopDir={LOOP_DIR} />, { transport });

    expect(await screen.findByTestId('loop-empty')).toHaveTextContent(
      'No rounds yet in /data/loop/dipper_loop.json',
    );
    expect(screen.queryByTestId('loop-curve')).toBeNull();
  });

  it('warns when rounds used different evaluation kinds', async () => {
    const rounds = [roundJson(1), roundJson(2, { evaluation: 'evaluation set' })];
    const transport = defaultTransport().ok('GET', '/api/loop', loopJson(rounds, true));
    renderWithApp(<LoopView loopDir={LOOP_DIR} />, { transport });

    expect(await screen.findByTestId('loop-mixed-evaluation')).toHaveTextContent(
      'Rounds were evaluated differently: held-out split (round 1); evaluation set (round 2).',
    );
  });

  it('shows the server’s message for a corrupt record', async () => {
    const message = 'The loop record /data/loop/dipper_loop.json is not valid JSON (line 1).';
    const transport = defaultTransport().on('GET', '/api/loop', {
      status: 422,
      body: { error: { code: 'loop_file_invalid', message, details: {} } },
    });
    renderWithApp(<LoopView loopDir={LOOP_DIR} />, { transport });

    expect(await screen.findByTestId('loop-error')).toHaveTextContent(message);
  });

  it('reads the record again when a training task finishes', async () => {
    let training = taskJson({ kind: 'training', status: 'running' });
    let loop = loopJson([roundJson(1)]);
    const transport = defaultTransport()
      .on('GET', '/api/tasks', () => ({ status: 200, body: { tasks: [training] } }))
      .on('GET', '/api/loop', () => ({ status: 200, body: loop }));
    renderWithApp(<LoopView loopDir={LOOP_DIR} />, { transport });
    expect(await screen.findAllByTestId('loop-round-row')).toHaveLength(1);

    loop = loopJson();
    training = { ...training, status: 'completed' };

    await waitFor(() => expect(screen.getAllByTestId('loop-round-row')).toHaveLength(2), {
      timeout: 5000,
    });
  });

  it('"Next round" queues inference with the latest model and opens Extraction prefilled', async () => {
    const user = userEvent.setup();
    const queued = taskJson({ id: 'inf9', status: 'queued', job_dir: null });
    const running = { ...queued, status: 'running' as const, job_dir: '/data/loop/inference_9' };
    const transport = defaultTransport()
      .ok('GET', '/api/loop', loopJson())
      .ok('POST', '/api/tasks', queued)
      .ok('GET', '/api/tasks/inf9', running);
    renderWithApp(
      <>
        <LoopView loopDir={LOOP_DIR} />
        <PrefillProbe />
      </>,
      { transport },
    );

    await user.click(await screen.findByTestId('loop-next-round'));
    const dialog = screen.getByTestId('loop-next-round-dialog');
    expect(within(dialog).getByTestId('loop-next-audio-dir')).toHaveValue('/data/audio');
    expect(within(dialog).getByTestId('loop-next-output-dir')).toHaveValue(LOOP_DIR);
    expect(within(dialog).getByRole('radio', { name: /Hybrid/ })).toBeChecked();
    await user.click(within(dialog).getByRole('radio', { name: /Uncertainty/ }));
    const clips = within(dialog).getByTestId('loop-next-clips');
    await user.clear(clips);
    await user.type(clips, '15');
    await user.click(within(dialog).getByTestId('loop-next-start'));

    await waitFor(() => expect(window.location.hash).toBe('#/extraction'));
    expect(transport.callsTo('POST', '/api/tasks')[0]?.body).toEqual({
      kind: 'inference',
      name: 'Loop round 3: model.dipper.pt on audio',
      config: {
        audio_dir: '/data/audio',
        recursive: true,
        model_file: '/data/jobs/training_2/model.dipper.pt',
        activation: 'sigmoid',
        output_dir: LOOP_DIR,
      },
      start: true,
    });
    const prefill = JSON.parse(screen.getByTestId('prefill-probe').textContent ?? '{}');
    expect(prefill).toMatchObject({
      form: 'extraction',
      waitForTaskId: 'inf9',
      config: {
        predictions_dir: '/data/loop/inference_9',
        strategies: [{ kind: 'uncertainty', n: 15 }],
        classes: ['Great Tit', 'Storm-Petrel'],
        output_dir: '/data/loop/round_3',
        labelled_annotation_files: [
          '/data/review/round_1.csv',
          '/data/review/shared.csv',
          '/data/review/round_2.csv',
        ],
      },
    });
    await waitFor(() => expect(screen.queryByTestId('loop-next-round-dialog')).toBeNull());
  });

  it('"Next round" is disabled with a reason until the recordings folder is set', async () => {
    const user = userEvent.setup();
    const transport = defaultTransport().ok(
      'GET',
      '/api/loop',
      loopJson([roundJson(1, { audio_roots: [] })]),
    );
    renderWithApp(<LoopView loopDir={LOOP_DIR} />, { transport });

    await user.click(await screen.findByTestId('loop-next-round'));
    const start = screen.getByTestId('loop-next-start');
    expect(start).toBeDisabled();
    expect(start.parentElement?.getAttribute('data-disabled-reason')).toBe(
      'Fill in: Recordings folder',
    );
  });
});
