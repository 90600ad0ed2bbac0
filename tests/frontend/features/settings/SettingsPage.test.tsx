import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SettingsPage } from '@/features/settings/SettingsPage';
import { defaults, taskJson } from '../../support/factories';
import { defaultTransport, renderWithApp } from '../../support/render';

describe('SettingsPage', () => {
  it('PUTs parallel_tasks when the switch is flipped', async () => {
    const user = userEvent.setup();
    const transport = defaultTransport().on('PUT', '/api/settings', (body) => ({
      status: 200,
      body,
    }));
    renderWithApp(<SettingsPage />, { transport });
    const toggle = screen.getByTestId('settings-parallel');
    await waitFor(() => expect(toggle).toBeEnabled());
    expect(toggle).not.toBeChecked();

    await user.click(toggle);
    await waitFor(() => expect(transport.callsTo('PUT', '/api/settings')).toHaveLength(1));
    expect(transport.callsTo('PUT', '/api/settings')[0]?.body).toEqual({
      parallel_tasks: true,
    });
    await waitFor(() => expect(toggle).toBeChecked());
  });

  it('shows version, store warnings and environment status', async () => {
    const transport = defaultTransport().ok('GET', '/api/health', {
      status: 'ok',
      version: '0.1.0',
      store_warnings: ['tasks.json was corrupt and was set aside'],
    });
    renderWithApp(<SettingsPage />, { transport });
    expect(await screen.findByText('Dipper server 0.1.0')).toBeVisible();
    expect(await screen.findByTestId('store-warnings')).toHaveTextContent('tasks.json was corrupt');
    expect(await screen.findByTestId('env-status')).toHaveTextContent('ready');
    expect(screen.queryByTestId('env-install')).toBeNull();
  });

  it('offers Install (a ~6 GB download) when the environment is missing', async () => {
    const user = userEvent.setup();
    const transport = defaultTransport()
      .ok('GET', '/api/environment', {
        ...defaults.environment,
        status: 'missing',
        python: null,
      })
      .ok('POST', '/api/environment/install', taskJson({ kind: 'install_env', status: 'queued' }));
    renderWithApp(<SettingsPage />, { transport });
    expect(await screen.findByTestId('env-status')).toHaveTextContent('missing');
    expect(screen.getByText(/about 6 GB/)).toBeVisible();
    await user.click(screen.getByTestId('env-install'));
    await waitFor(() =>
      expect(transport.callsTo('POST', '/api/environment/install')).toHaveLength(1),
    );
  });

  it('switches to dark mode and remembers it', async () => {
    const user = userEvent.setup();
    renderWithApp(<SettingsPage />);
    await user.click(screen.getByTestId('settings-theme-dark'));
    expect(screen.getByTestId('settings-theme-dark')).toHaveAttribute('aria-pressed', 'true');
    expect(window.localStorage.getItem('dipper.themeMode')).toBe('dark');
  });
});
