import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { InferenceConfig } from '@/api/schemas';
import { InferencePage } from '@/features/inference/InferencePage';
import { useFormPrefill } from '@/stores/formPrefill';
import { taskJson } from '../../support/factories';
import { audioMatchJson, inferenceConfigJson } from '../../support/inference';
import { defaultTransport, renderWithApp } from '../../support/render';

const transportForCreate = () =>
  defaultTransport()
    .ok('POST', '/api/inference/match-audio', audioMatchJson())
    .ok('POST', '/api/tasks', taskJson())
    .ok('POST', '/api/configs/save', { path: '/cfg/run.json' });

const sentConfigs = (transport: ReturnType<typeof defaultTransport>) =>
  transport
    .callsTo('POST', '/api/tasks')
    .map((call) => (call.body as { config: InferenceConfig }).config);

async function fillPaths(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByTestId('inference-audio-dir'), '/data/audio');
  await user.type(screen.getByTestId('inference-output-dir'), '/data/out');
  await user.click(screen.getByText('Options'));
}

/** Offers a config to the inference form, as the Tasks tab's "Load config" does. */
function Offer({ config, children }: { config: Record<string, unknown>; children: ReactNode }) {
  const { offer } = useFormPrefill();
  useEffect(() => {
    offer({ form: 'inference', config, name: 'Night run', source: 'task “Night run”' });
  }, [offer, config]);
  return children;
}

describe('Inference options', () => {
  it('sends every option the user sets with "Create and run"', async () => {
    const user = userEvent.setup();
    const transport = transportForCreate();
    renderWithApp(<InferencePage />, { transport });
    await fillPaths(user);

    await user.clear(screen.getByTestId('inference-overlap'));
    await user.type(screen.getByTestId('inference-overlap'), '0.5');
    await user.type(screen.getByTestId('inference-batch-size'), '64');
    await user.type(screen.getByTestId('inference-workers'), '4');
    await user.click(screen.getByTestId('inference-device'));
    await user.click(await screen.findByRole('option', { name: 'CPU' }));
    await user.click(screen.getByTestId('inference-activation'));
    await user.click(await screen.findByRole('option', { name: /Sigmoid/ }));
    await user.click(screen.getByTestId('inference-subset-list'));
    await user.type(screen.getByTestId('inference-subset-classes'), 'Robin{Enter}Wren{Enter}');
    await user.click(screen.getByTestId('inference-test-mode'));
    await user.clear(screen.getByTestId('inference-test-mode-files'));
    await user.type(screen.getByTestId('inference-test-mode-files'), '5');
    await user.type(screen.getByTestId('inference-seed'), '7');
    await user.click(screen.getByTestId('inference-split-by-subfolder'));
    await user.click(screen.getByTestId('inference-create-run'));

    await waitFor(() => expect(sentConfigs(transport)).toHaveLength(1));
    expect(transport.callsTo('POST', '/api/tasks')[0]?.body).toMatchObject({ start: true });
    expect(sentConfigs(transport)[0]).toEqual(
      inferenceConfigJson({
        audio_dir: '/data/audio',
        output_dir: '/data/out',
        overlap_fraction: 0.5,
        batch_size: 64,
        num_workers: 4,
        device: 'cpu',
        activation: 'sigmoid',
        subset_classes: ['Robin', 'Wren'],
        test_mode_files: 5,
        seed: 7,
        split_by_subfolder: true,
      }),
    );
  });

  it('sets sparse_save_threshold to -3 when sparse outputs are on and null when off', async () => {
    const user = userEvent.setup();
    const transport = transportForCreate();
    renderWithApp(<InferencePage />, { transport });
    await fillPaths(user);

    await user.click(screen.getByTestId('inference-sparse'));
    expect(screen.getByTestId('inference-sparse-floor')).toHaveValue('-3');
    await user.click(screen.getByTestId('inference-create'));
    await waitFor(() => expect(sentConfigs(transport)).toHaveLength(1));
    expect(sentConfigs(transport)[0]?.sparse_save_threshold).toBe(-3);

    await user.clear(screen.getByTestId('inference-sparse-floor'));
    expect(screen.getByTestId('inference-create').parentElement).toHaveAttribute(
      'data-disabled-reason',
      'Fill in: Logit floor',
    );
    await user.type(screen.getByTestId('inference-sparse-floor'), '-5.5');
    await user.click(screen.getByTestId('inference-create'));
    await waitFor(() => expect(sentConfigs(transport)).toHaveLength(2));
    expect(sentConfigs(transport)[1]?.sparse_save_threshold).toBe(-5.5);

    await user.click(screen.getByTestId('inference-sparse'));
    expect(screen.queryByTestId('inference-sparse-floor')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('inference-create'));
    await waitFor(() => expect(sentConfigs(transport)).toHaveLength(3));
    expect(sentConfigs(transport)[2]?.sparse_save_threshold).toBeNull();
  });

  it('sends null for an empty (auto) batch size and explains an invalid one', async () => {
    const user = userEvent.setup();
    const transport = transportForCreate();
    renderWithApp(<InferencePage />, { transport });
    await fillPaths(user);

    await user.type(screen.getByTestId('inference-batch-size'), '0');
    expect(screen.getByTestId('inference-create').parentElement).toHaveAttribute(
      'data-disabled-reason',
      'Fill in: Batch size',
    );
    await user.clear(screen.getByTestId('inference-batch-size'));
    expect(screen.getByTestId('inference-batch-size')).toHaveAttribute('placeholder', 'Auto');
    await user.click(screen.getByTestId('inference-create'));
    await waitFor(() => expect(sentConfigs(transport)).toHaveLength(1));
    expect(sentConfigs(transport)[0]).toMatchObject({ batch_size: null, num_workers: null });
  });

  it('refills every field from a task’s "Load config"', async () => {
    const user = userEvent.setup();
    const known = inferenceConfigJson({
      audio_dir: '/field/site7',
      recursive: false,
      extensions: ['.flac'],
      output_dir: '/results',
      overlap_fraction: 0.25,
      batch_size: 32,
      num_workers: 2,
      device: 'cuda',
      activation: 'softmax',
      subset_classes_file: '/classes.txt',
      test_mode_files: 3,
      seed: 9,
      split_by_subfolder: true,
      sparse_save_threshold: -2,
      cache_embeddings: false,
      embedding_cache_dir: '/cache',
    });
    const config = { ...known, written_by: 'a newer Dipper' };
    const transport = transportForCreate();
    renderWithApp(
      <Offer config={config}>
        <InferencePage />
      </Offer>,
      { transport },
    );
    await waitFor(() =>
      expect(screen.getByTestId('inference-note')).toHaveTextContent('Loaded from task'),
    );
    expect(screen.getByTestId('inference-audio-dir')).toHaveValue('/field/site7');
    expect(screen.getByTestId('inference-recursive')).not.toBeChecked();
    expect(screen.getByTestId('inference-extensions')).toHaveValue('.flac');
    expect(screen.getByTestId('inference-name')).toHaveValue('Night run');
    await user.click(screen.getByText('Options'));
    expect(screen.getByTestId('inference-overlap')).toHaveValue('0.25');
    expect(screen.getByTestId('inference-batch-size')).toHaveValue('32');
    expect(screen.getByTestId('inference-workers')).toHaveValue('2');
    expect(screen.getByTestId('inference-device')).toHaveTextContent('CUDA');
    expect(screen.getByTestId('inference-activation')).toHaveTextContent('Softmax');
    expect(screen.getByTestId('inference-subset-classes-file')).toHaveValue('/classes.txt');
    expect(screen.getByTestId('inference-test-mode')).toBeChecked();
    expect(screen.getByTestId('inference-test-mode-files')).toHaveValue('3');
    expect(screen.getByTestId('inference-seed')).toHaveValue('9');
    expect(screen.getByTestId('inference-split-by-subfolder')).toBeChecked();
    expect(screen.getByTestId('inference-sparse-floor')).toHaveValue('-2');

    // Round trip: the config saved to a file is the loaded one, minus the unknown key.
    await user.click(screen.getByTestId('inference-save-config'));
    await user.click(screen.getByTestId('path-prompt-confirm'));
    await waitFor(() => expect(transport.callsTo('POST', '/api/configs/save')).toHaveLength(1));
    expect(transport.callsTo('POST', '/api/configs/save')[0]?.body).toEqual({
      path: '/results/inference_config.json',
      config: known,
    });
  });

  it('opens a config file, filling defaults for missing keys', async () => {
    const user = userEvent.setup();
    const transport = transportForCreate().ok('POST', '/api/configs/load', {
      path: '/cfg/old.json',
      config: { audio_dir: '/old', output_dir: '/out', batch_size: 1, num_workers: 0 },
    });
    renderWithApp(<InferencePage />, { transport });
    await user.type(screen.getByTestId('inference-audio-dir'), '/typed');
    await user.click(screen.getByText('Options'));
    await user.click(screen.getByTestId('inference-sparse'));

    await user.click(screen.getByTestId('inference-open-config'));
    await user.type(screen.getByRole('textbox', { name: /Path on the server/ }), '/cfg/old.json');
    await user.click(screen.getByTestId('path-prompt-confirm'));
    await waitFor(() => expect(screen.getByTestId('inference-audio-dir')).toHaveValue('/old'));
    expect(screen.getByTestId('inference-batch-size')).toHaveValue('1');
    expect(screen.getByTestId('inference-sparse')).not.toBeChecked();
    await user.click(screen.getByTestId('inference-create'));
    await waitFor(() => expect(sentConfigs(transport)).toHaveLength(1));
    expect(sentConfigs(transport)[0]).toEqual(
      inferenceConfigJson({ audio_dir: '/old', output_dir: '/out', batch_size: 1, num_workers: 0 }),
    );
  });
});
