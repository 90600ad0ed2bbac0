import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ModelDownloadCard } from '@/features/settings/ModelDownloadCard';
import { WandbCard } from '@/features/settings/WandbCard';
import { defaults, taskJson } from '../../support/factories';
import { defaultTransport, renderWithApp } from '../../support/render';

const KEY = '0123456789abcdef0123456789abcdef01234567';

describe('WandbCard', () => {
  it('logs in with the pasted key and entity, then forgets the key field', async () => {
    const user = userEvent.setup();
    const transport = defaultTransport().ok('POST', '/api/wandb/login', {
      logged_in: true,
      entity: 'bird-lab',
    });
    renderWithApp(<WandbCard />, { transport });
    expect(await screen.findByTestId('wandb-status')).toHaveTextContent('not logged in');
    expect(screen.getByTestId('wandb-login')).toBeDisabled();
    expect(screen.getByTestId('wandb-api-key')).toHaveAttribute('type', 'password');

    await user.click(screen.getByTestId('wandb-api-key'));
    await user.paste(` ${KEY} `);
    await user.click(screen.getByTestId('wandb-entity-input'));
    await user.paste('bird-lab');
    await user.click(screen.getByTestId('wandb-login'));

    await waitFor(() => expect(transport.callsTo('POST', '/api/wandb/login')).toHaveLength(1));
    expect(transport.callsTo('POST', '/api/wandb/login')[0]?.body).toEqual({
      api_key: KEY,
      entity: 'bird-lab',
    });
    expect(await screen.findByTestId('wandb-status')).toHaveTextContent('logged in');
    expect(screen.getByTestId('wandb-entity')).toHaveTextContent('Default entity: bird-lab');
    expect(screen.queryByTestId('wandb-api-key')).not.toBeInTheDocument();
  });

  it('shows the server’s message for a malformed key', async () => {
    const user = userEvent.setup();
    const message = 'That does not look like a W&B API key (40 or more letters and digits).';
    const transport = defaultTransport().on('POST', '/api/wandb/login', {
      status: 400,
      body: { error: { code: 'InvalidRequest', message, details: {} } },
    });
    renderWithApp(<WandbCard />, { transport });
    await user.click(await screen.findByTestId('wandb-api-key'));
    await user.paste('short');
    await user.click(screen.getByTestId('wandb-login'));
    expect(await screen.findByTestId('wandb-error')).toHaveTextContent(message);
    expect(screen.getByTestId('wandb-status')).toHaveTextContent('not logged in');
  });

  it('logs out', async () => {
    const user = userEvent.setup();
    const transport = defaultTransport()
      .ok('GET', '/api/wandb', { logged_in: true, entity: null })
      .ok('POST', '/api/wandb/logout', { logged_in: false, entity: null });
    renderWithApp(<WandbCard />, { transport });
    await user.click(await screen.findByTestId('wandb-logout'));
    await waitFor(() => expect(transport.callsTo('POST', '/api/wandb/logout')).toHaveLength(1));
    expect(await screen.findByTestId('wandb-api-key')).toBeVisible();
    expect(screen.getByTestId('wandb-status')).toHaveTextContent('not logged in');
  });
});

describe('ModelDownloadCard', () => {
  it('starts a download task for the chosen models and shows how it ended', async () => {
    const user = userEvent.setup();
    const failed = taskJson({
      kind: 'download_models',
      status: 'failed',
      error:
        '1 of 2 models could not be downloaded. Ready: Perch. HawkEars: this computer is offline.',
    });
    let created = false;
    const transport = defaultTransport()
      .on('POST', '/api/models/download', () => {
        created = true;
        return { status: 201, body: taskJson({ kind: 'download_models', status: 'queued' }) };
      })
      .on('GET', '/api/tasks', () => ({ status: 200, body: { tasks: created ? [failed] : [] } }))
      .ok('GET', '/api/models', {
        environment_ready: true,
        models: [
          defaults.models.models[0], // BirdNET: ships with the app, not offered
          ...['Perch', 'HawkEars', 'BirdSetConvNeXT'].map((name) => ({
            ...defaults.models.models[1],
            name,
            missing_packages: name === 'BirdSetConvNeXT' ? ['transformers'] : [],
          })),
        ],
      });
    renderWithApp(<ModelDownloadCard />, { transport });
    // the list comes from the model catalog; a model whose packages are missing cannot be chosen
    expect(await screen.findByTestId('download-model-BirdSetConvNeXT')).toBeDisabled();
    expect(screen.queryByTestId('download-model-BirdNET')).not.toBeInTheDocument();
    const download = screen.getByTestId('download-models');
    expect(download).toBeDisabled();
    expect(download.parentElement).toHaveAttribute(
      'data-disabled-reason',
      'Choose at least one model',
    );

    await user.click(screen.getByTestId('download-model-Perch'));
    await user.click(screen.getByTestId('download-model-HawkEars'));
    await user.click(download);

    await waitFor(() => expect(transport.callsTo('POST', '/api/models/download')).toHaveLength(1));
    expect(transport.callsTo('POST', '/api/models/download')[0]?.body).toEqual({
      models: ['Perch', 'HawkEars'],
    });
    expect(await screen.findByTestId('download-error')).toHaveTextContent(
      'HawkEars: this computer is offline',
    );
    expect(screen.getByTestId('download-status')).toHaveTextContent('failed');
  });
});
