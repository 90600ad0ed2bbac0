import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { InferencePage } from '@/features/inference/InferencePage';
import { audioMatchJson } from '../../support/inference';
import { defaultTransport, renderWithApp } from '../../support/render';

const MATCH = '/api/inference/match-audio';
const matchTransport = () => defaultTransport().ok('POST', MATCH, audioMatchJson());
const lastMatchBody = (transport: ReturnType<typeof defaultTransport>) =>
  transport.callsTo('POST', MATCH).at(-1)?.body;

describe('Inference audio source', () => {
  it('shows the match count once typing stops, with a sample and problems', async () => {
    const user = userEvent.setup();
    const transport = defaultTransport().ok(
      'POST',
      MATCH,
      audioMatchJson({ problems: ['/data/audio/locked: permission denied'] }),
    );
    renderWithApp(<InferencePage />, { transport });
    expect(screen.getByTestId('inference-match-count')).toHaveTextContent(/Choose audio/);

    await user.type(screen.getByTestId('inference-audio-dir'), '/data/audio');
    await waitFor(() =>
      expect(screen.getByTestId('inference-match-count')).toHaveTextContent(
        '312 files match (4.1 GB) — e.g. a.wav, b.wav, c.flac',
      ),
    );
    // One request for the whole path: typing is debounced.
    expect(transport.callsTo('POST', MATCH)).toHaveLength(1);
    expect(lastMatchBody(transport)).toEqual({
      audio_dir: '/data/audio',
      recursive: true,
      extensions: ['.wav', '.flac', '.mp3', '.ogg'],
      audio_files: [],
      audio_globs: [],
      audio_list_file: null,
    });
    expect(screen.getByTestId('inference-match-problems')).toHaveTextContent(
      '/data/audio/locked: permission denied',
    );

    await user.click(screen.getByTestId('inference-match-sample-toggle'));
    expect(screen.getByTestId('inference-match-sample')).toHaveTextContent(
      '/data/audio/site2/c.flac',
    );

    await user.click(screen.getByTestId('inference-recursive'));
    await user.clear(screen.getByTestId('inference-extensions'));
    await user.type(screen.getByTestId('inference-extensions'), 'wav, .FLAC');
    await waitFor(() =>
      expect(lastMatchBody(transport)).toMatchObject({
        recursive: false,
        extensions: ['.wav', '.FLAC'],
      }),
    );
  });

  it('sends only the picked source: files, glob patterns, then a list file', async () => {
    const user = userEvent.setup();
    const transport = matchTransport();
    renderWithApp(<InferencePage />, { transport });
    await user.type(screen.getByTestId('inference-audio-dir'), '/ignored');

    await user.click(screen.getByTestId('inference-source-files'));
    await user.type(screen.getByTestId('inference-audio-files'), '/a/1.wav{Enter}/b/2.flac');
    await waitFor(() =>
      expect(lastMatchBody(transport)).toMatchObject({
        audio_dir: null,
        audio_files: ['/a/1.wav', '/b/2.flac'],
        audio_globs: [],
        audio_list_file: null,
      }),
    );

    await user.click(screen.getByTestId('inference-source-globs'));
    await user.type(screen.getByTestId('inference-audio-globs'), '/data/**/*.wav');
    // Glob matches are filtered by extension too, so the extensions stay in view.
    expect(screen.getByTestId('inference-extensions')).toHaveValue('.wav, .flac, .mp3, .ogg');
    await user.click(screen.getByText('Options'));
    expect(screen.getByTestId('inference-split-by-subfolder')).toBeDisabled();
    await waitFor(() =>
      expect(lastMatchBody(transport)).toMatchObject({
        audio_dir: null,
        audio_files: [],
        audio_globs: ['/data/**/*.wav'],
        audio_list_file: null,
      }),
    );

    await user.click(screen.getByTestId('inference-source-list'));
    expect(screen.getByTestId('inference-create').parentElement).toHaveAttribute(
      'data-disabled-reason',
      'Fill in: List file, Output folder',
    );
    await user.type(screen.getByTestId('inference-audio-list-file'), '/lists/night.txt');
    await waitFor(() =>
      expect(lastMatchBody(transport)).toEqual({
        audio_dir: null,
        recursive: true,
        extensions: ['.wav', '.flac', '.mp3', '.ogg'],
        audio_files: [],
        audio_globs: [],
        audio_list_file: '/lists/night.txt',
      }),
    );

    // Back to the folder: what was typed there is still there.
    await user.click(screen.getByTestId('inference-source-folder'));
    expect(screen.getByTestId('inference-audio-dir')).toHaveValue('/ignored');
  });

  it('shows a refused path inline', async () => {
    const user = userEvent.setup();
    const transport = defaultTransport().on('POST', MATCH, {
      status: 403,
      body: {
        error: {
          code: 'PathNotAllowed',
          message: '/etc is outside the folders this server may read',
          details: {},
        },
      },
    });
    renderWithApp(<InferencePage />, { transport });
    await user.type(screen.getByTestId('inference-audio-dir'), '/etc');
    await waitFor(() =>
      expect(screen.getByTestId('inference-match-count')).toHaveTextContent(
        '/etc is outside the folders this server may read',
      ),
    );
    expect(screen.getByTestId('inference-match-count')).toHaveClass('MuiAlert-root');
  });

  it('says when nothing matches and when the count is a lower bound', async () => {
    const user = userEvent.setup();
    const transport = defaultTransport().on('POST', MATCH, (body) => ({
      status: 200,
      body: (body as { audio_dir: string }).audio_dir.endsWith('empty')
        ? audioMatchJson({ count: 0, total_bytes: 0, sample: [] })
        : audioMatchJson({ count: 10000, truncated: true }),
    }));
    renderWithApp(<InferencePage />, { transport });
    await user.type(screen.getByTestId('inference-audio-dir'), '/empty');
    await waitFor(() =>
      expect(screen.getByTestId('inference-match-count')).toHaveTextContent(
        'No audio files match.',
      ),
    );
    await user.clear(screen.getByTestId('inference-audio-dir'));
    await user.type(screen.getByTestId('inference-audio-dir'), '/big');
    await waitFor(() =>
      expect(screen.getByTestId('inference-match-count')).toHaveTextContent(
        /^At least 10000 files match/,
      ),
    );
  });
});
