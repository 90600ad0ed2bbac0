import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { PathField } from '@/components/PathField';
import { defaultTransport, renderWithApp } from '../support/render';

function Field() {
  const [value, setValue] = useState('');
  return <PathField label="Audio folder" value={value} onChange={setValue} testId="path-input" />;
}

const listing = (path: string | null, parent: string | null, entries: object[]) => ({
  path,
  parent,
  roots: ['/', '/home/ana'],
  entries,
});

describe('PathField', () => {
  it('browses the server file system in a browser and fills the chosen folder', async () => {
    const user = userEvent.setup();
    const transport = defaultTransport()
      .ok('GET', '/api/files', listing(null, null, []))
      .ok(
        'GET',
        '/api/files?path=%2Fhome%2Fana',
        listing('/home/ana', '/home', [
          {
            name: 'recordings',
            path: '/home/ana/recordings',
            is_dir: true,
            size: null,
          },
          {
            name: 'notes.txt',
            path: '/home/ana/notes.txt',
            is_dir: false,
            size: 2048,
          },
        ]),
      )
      .ok(
        'GET',
        '/api/files?path=%2Fhome%2Fana%2Frecordings',
        listing('/home/ana/recordings', '/home/ana', []),
      );
    renderWithApp(<Field />, { transport });

    await user.click(screen.getByRole('button', { name: 'Browse for Audio folder' }));
    const dialog = await screen.findByTestId('file-browser');
    const roots = await within(dialog).findAllByTestId('file-browser-entry');
    expect(roots.map((r) => r.textContent)).toEqual(['/', '/home/ana']);

    await user.click(roots[1] as HTMLElement);
    await within(dialog).findByText('recordings');
    expect(within(dialog).getByText('2.0 KB')).toBeInTheDocument();
    await user.click(within(dialog).getByText('recordings'));
    await waitFor(() =>
      expect(within(dialog).getByTestId('file-browser-path')).toHaveValue('/home/ana/recordings'),
    );
    await user.click(within(dialog).getByTestId('file-browser-select'));

    await waitFor(() => expect(screen.queryByTestId('file-browser')).toBeNull());
    expect(screen.getByTestId('path-input')).toHaveValue('/home/ana/recordings');
  });

  it('uses the native folder dialog in Electron', async () => {
    const user = userEvent.setup();
    const dialogs = {
      openFolder: vi.fn(async () => '/Volumes/SD/AudioMoth'),
      openFile: vi.fn(async () => null),
      openFiles: vi.fn(async () => []),
      saveFile: vi.fn(async () => null),
      showFolder: vi.fn(async () => undefined),
    };
    renderWithApp(<Field />, { dialogs });
    await user.click(screen.getByRole('button', { name: 'Browse for Audio folder' }));
    await waitFor(() =>
      expect(screen.getByTestId('path-input')).toHaveValue('/Volumes/SD/AudioMoth'),
    );
    expect(dialogs.openFolder).toHaveBeenCalledWith({
      title: 'Audio folder',
      defaultPath: undefined,
      filters: undefined,
    });
    expect(screen.queryByTestId('file-browser')).toBeNull();
  });
});
