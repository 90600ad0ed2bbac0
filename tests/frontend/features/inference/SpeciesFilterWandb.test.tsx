import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { InferenceConfig } from '@/api/schemas';
import { InferencePage } from '@/features/inference/InferencePage';
import { WANDB_LOGIN_HINT } from '@/features/inference/WandbSection';
import { useFormPrefill } from '@/stores/formPrefill';
import { taskJson } from '../../support/factories';
import { audioMatchJson, inferenceConfigJson } from '../../support/inference';
import { defaultTransport, renderWithApp } from '../../support/render';

const speciesAnswer = {
  week: 19,
  count: 153,
  total: 6522,
  species: [
    { name: 'Turdus merula_Eurasian Blackbird', occurrence: 0.99 },
    { name: 'Columba palumbus_Common Wood-Pigeon', occurrence: 0.98 },
    { name: 'Parus major_Great Tit', occurrence: 0.84 },
    { name: 'Erithacus rubecula_European Robin', occurrence: 0.8 },
    { name: 'Sitta europaea_Eurasian Nuthatch', occurrence: 0.5 },
  ],
};

const transportForCreate = () =>
  defaultTransport()
    .ok('POST', '/api/inference/match-audio', audioMatchJson())
    .ok('POST', '/api/inference/species-list', speciesAnswer)
    .ok('POST', '/api/tasks', taskJson());

const sentConfigs = (transport: ReturnType<typeof defaultTransport>) =>
  transport
    .callsTo('POST', '/api/tasks')
    .map((call) => (call.body as { config: InferenceConfig }).config);

/** Put text into a field at once (typing key by key is slow on a busy machine). */
async function paste(user: ReturnType<typeof userEvent.setup>, testId: string, text: string) {
  await user.click(screen.getByTestId(testId));
  await user.paste(text);
}

async function fillPaths(user: ReturnType<typeof userEvent.setup>) {
  await paste(user, 'inference-audio-dir', '/data/audio');
  await paste(user, 'inference-output-dir', '/data/out');
  await user.click(screen.getByText('Options'));
}

function Offer({ config, children }: { config: Record<string, unknown>; children: ReactNode }) {
  const { offer } = useFormPrefill();
  useEffect(() => {
    offer({ form: 'inference', config, name: 'Night run', source: 'task “Night run”' });
  }, [offer, config]);
  return children;
}

describe('Species filter section', () => {
  it('previews the species kept and sends the filter with the task', async () => {
    const user = userEvent.setup();
    const transport = transportForCreate();
    renderWithApp(<InferencePage />, { transport });
    await fillPaths(user);

    await user.click(screen.getByTestId('species-filter-toggle'));
    expect(screen.getByTestId('species-filter-preview')).toHaveTextContent(
      'Enter a latitude and longitude',
    );
    expect(screen.getByTestId('inference-create').parentElement).toHaveAttribute(
      'data-disabled-reason',
      'Fill in: Latitude, Longitude',
    );
    await paste(user, 'species-filter-latitude', '51.75');
    await paste(user, 'species-filter-longitude', '-1.25');
    await paste(user, 'species-filter-date', '2024-05-17');

    await waitFor(() =>
      expect(screen.getByTestId('species-filter-preview')).toHaveTextContent(
        '153 of 6,522 species kept (e.g. Eurasian Blackbird, Common Wood-Pigeon, Great Tit, ' +
          'European Robin, …)',
      ),
    );
    const asked = transport.callsTo('POST', '/api/inference/species-list');
    expect(asked.at(-1)?.body).toEqual({
      latitude: 51.75,
      longitude: -1.25,
      date: '2024-05-17',
      min_occurrence: 0.03,
    });

    await user.click(screen.getByTestId('inference-create'));
    await waitFor(() => expect(sentConfigs(transport)).toHaveLength(1));
    expect(sentConfigs(transport)[0]?.species_filter).toEqual({
      latitude: 51.75,
      longitude: -1.25,
      date: '2024-05-17',
      min_occurrence: 0.03,
    });
  });

  it('shows the server’s reason when the preview fails', async () => {
    const user = userEvent.setup();
    const transport = transportForCreate().on('POST', '/api/inference/species-list', {
      status: 409,
      body: {
        error: {
          code: 'EnvironmentMissing',
          message: 'The PyTorch environment is not installed yet.',
          details: {},
        },
      },
    });
    renderWithApp(<InferencePage />, { transport });
    await fillPaths(user);
    await user.click(screen.getByTestId('species-filter-toggle'));
    await paste(user, 'species-filter-latitude', '10');
    await paste(user, 'species-filter-longitude', '10');
    await waitFor(() =>
      expect(screen.getByTestId('species-filter-preview')).toHaveTextContent(
        'The PyTorch environment is not installed yet.',
      ),
    );
  });

  it('is hidden for other models, and their tasks never carry a filter', async () => {
    const user = userEvent.setup();
    const transport = transportForCreate();
    const loaded = inferenceConfigJson({
      model: 'Perch',
      audio_dir: '/data/audio',
      output_dir: '/data/out',
      species_filter: { latitude: 1, longitude: 2, date: null, min_occurrence: 0.1 },
    });
    renderWithApp(
      <Offer config={loaded}>
        <InferencePage />
      </Offer>,
      { transport },
    );
    await user.click(await screen.findByText('Options'));
    expect(screen.queryByTestId('species-filter-section')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('inference-create'));
    await waitFor(() => expect(sentConfigs(transport)).toHaveLength(1));
    expect(sentConfigs(transport)[0]?.species_filter).toBeNull();
  });
});

describe('Weights & Biases section', () => {
  it('is disabled with the reason until logged in', async () => {
    const user = userEvent.setup();
    renderWithApp(<InferencePage />, { transport: transportForCreate() });
    await fillPaths(user);
    await waitFor(() =>
      expect(screen.getByTestId('wandb-help')).toHaveTextContent(WANDB_LOGIN_HINT),
    );
    expect(screen.getByTestId('wandb-toggle')).toBeDisabled();
    expect(screen.getByTestId('wandb-toggle').closest('[data-disabled-reason]')).toHaveAttribute(
      'data-disabled-reason',
      WANDB_LOGIN_HINT,
    );
  });

  it('sends project, run name and notes (with the login’s entity) when logged in', async () => {
    const user = userEvent.setup();
    const transport = transportForCreate().ok('GET', '/api/wandb', {
      logged_in: true,
      entity: 'bird-lab',
    });
    renderWithApp(<InferencePage />, { transport });
    await fillPaths(user);
    await waitFor(() => expect(screen.getByTestId('wandb-toggle')).toBeEnabled());
    await user.click(screen.getByTestId('wandb-toggle'));
    expect(screen.getByTestId('inference-create').parentElement).toHaveAttribute(
      'data-disabled-reason',
      'Fill in: W&B project',
    );
    await paste(user, 'wandb-project', ' dippers ');
    await paste(user, 'wandb-run-name', 'night 1');
    await paste(user, 'wandb-notes', 'first pass');
    await user.click(screen.getByTestId('inference-create'));

    await waitFor(() => expect(sentConfigs(transport)).toHaveLength(1));
    expect(sentConfigs(transport)[0]?.wandb).toEqual({
      project: 'dippers',
      entity: 'bird-lab',
      run_name: 'night 1',
      notes: 'first pass',
    });
  });
});
