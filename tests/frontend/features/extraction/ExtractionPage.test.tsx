import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { ExtractionPage } from '@/features/extraction/ExtractionPage';
import { useFormPrefill } from '@/stores/formPrefill';
import { taskJson } from '../../support/factories';
import { defaultTransport, renderWithApp } from '../../support/render';
import { GREAT_TIT, PETREL, ROBIN, scanJson, summaryJson } from './fixtures';

/** Shows the pending prefill so tests can see what "Open in Review" left for the Review tab. */
function PrefillProbe() {
  const { pending } = useFormPrefill();
  return <pre data-testid="prefill-probe">{pending ? JSON.stringify(pending) : ''}</pre>;
}

function transportWithScan() {
  return defaultTransport().ok('POST', '/api/extraction/scan', scanJson());
}

/** Type into a field at once (paste), as typing char by char re-renders the whole form each time. */
async function fill(user: ReturnType<typeof userEvent.setup>, testId: string, text: string) {
  const field = screen.getByTestId(testId);
  await user.clear(field);
  await user.click(field);
  await user.paste(text);
}

/** Pick the predictions folder and wait for the scan's classes to reach the select. */
async function pickScannedFolder(user: ReturnType<typeof userEvent.setup>) {
  await fill(user, 'extraction-predictions-dir', '/data/jobs/inference_1');
  await waitFor(
    () => expect(screen.getByTestId('extraction-classes-all')).toHaveTextContent('Select all (3)'),
    { timeout: 5000 },
  );
}

const reasonOf = (button: HTMLElement) =>
  button.parentElement?.getAttribute('data-disabled-reason') ?? null;

describe('ExtractionPage', () => {
  beforeEach(() => {
    window.location.hash = '#/extraction';
  });

  it('explains the disabled buttons and enables them once the required fields are filled', async () => {
    const user = userEvent.setup();
    const transport = transportWithScan();
    renderWithApp(<ExtractionPage />, { transport });
    const create = screen.getByTestId('extraction-create');
    expect(create).toBeDisabled();
    expect(screen.getByTestId('extraction-create-run')).toBeDisabled();
    expect(reasonOf(create)).toBe('Fill in: Predictions folder, Classes, Output folder');

    await user.hover(create.parentElement as HTMLElement);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Fill in: Predictions folder, Classes, Output folder',
    );

    await pickScannedFolder(user);
    expect(reasonOf(create)).toBe('Fill in: Classes, Output folder');
    await user.click(screen.getByTestId('extraction-classes-all'));
    expect(reasonOf(create)).toBe('Fill in: Output folder');
    await fill(user, 'extraction-output-dir', '/data/ann');
    expect(create).toBeEnabled();
    expect(reasonOf(create)).toBeNull();

    // A strategy with a bad N and bad bins disable it again, saying why.
    await user.click(screen.getByTestId('extraction-strategy-score_bins-on'));
    await fill(user, 'extraction-score-bins', '[[0,120]]');
    expect(screen.getByText(/Bin 1 \[0, 120\] goes outside 0–100/)).toBeVisible();
    const n = screen.getByTestId('extraction-strategy-random-n');
    await user.clear(n);
    expect(reasonOf(create)).toBe('Fill in: Random N: N, Score bins');
    expect(create).toBeDisabled();
    expect(transport.callsTo('POST', '/api/extraction/scan')[0]?.body).toEqual({
      predictions_dir: '/data/jobs/inference_1',
    });
  });

  it('summarises the scan: files, rows, classes, problems and unparsed timestamps', async () => {
    const user = userEvent.setup();
    renderWithApp(<ExtractionPage />, { transport: transportWithScan() });
    expect(screen.getByTestId('extraction-scan')).toHaveTextContent(/Choose the folder/);
    await pickScannedFolder(user);
    expect(screen.getByTestId('extraction-scan-headline')).toHaveTextContent(
      '3 predictions files (1 dense, 2 sparse), 1,200 rows, 3 classes',
    );
    expect(screen.getByTestId('extraction-scan-timestamps')).toHaveTextContent(
      'Recording times read from 4 files (2021-04-15 to 2021-04-20); 2 files unparsed',
    );
    expect(screen.getByTestId('extraction-scan')).toHaveTextContent(
      'e.g. XC46092.wav, XC46093.wav',
    );
    expect(screen.getByTestId('extraction-scan-problems')).toHaveTextContent(
      'bad.csv is not a predictions file: no start_time column',
    );
  });

  it('shows the server error when the folder cannot be scanned and blocks creating', async () => {
    const user = userEvent.setup();
    const transport = defaultTransport().on('POST', '/api/extraction/scan', {
      status: 400,
      body: {
        error: {
          code: 'InvalidConfig',
          message: 'No such folder: /nope. Pick an existing folder.',
        },
      },
    });
    renderWithApp(<ExtractionPage />, { transport });
    await fill(user, 'extraction-predictions-dir', '/nope');
    expect(
      await screen.findByText(
        'No such folder: /nope. Pick an existing folder.',
        {},
        { timeout: 5000 },
      ),
    ).toBeVisible();
    expect(reasonOf(screen.getByTestId('extraction-create'))).toMatch(
      /^Fill in: Predictions folder \(no readable predictions found\)/,
    );
  });

  it('offers the scan classes in the select: search and pick, select all, clear', async () => {
    const user = userEvent.setup();
    renderWithApp(<ExtractionPage />, { transport: transportWithScan() });
    await pickScannedFolder(user);
    const select = screen.getByLabelText('Classes');
    await user.type(select, 'robin');
    const menu = document.querySelector('.dipper-select__menu') as HTMLElement;
    expect(
      within(menu)
        .getAllByText(/./)
        .map((el) => el.textContent),
    ).toEqual([ROBIN]);
    await user.keyboard('{Enter}');
    const chips = () =>
      [...document.querySelectorAll('.dipper-select__multi-value__label')].map(
        (el) => el.textContent,
      );
    expect(chips()).toEqual([ROBIN]);

    await user.click(screen.getByTestId('extraction-classes-all'));
    expect(chips()).toEqual([GREAT_TIT, PETREL, ROBIN]);
    expect(screen.getByTestId('extraction-classes-all')).toBeDisabled();
    expect(screen.getByTestId('extraction-estimate')).toHaveTextContent(
      'What you’ll get: 3 classes × 10 clips per stratum = up to 30 clips.',
    );

    await user.click(screen.getByTestId('extraction-classes-clear'));
    expect(chips()).toEqual([]);
    expect(screen.getByTestId('extraction-classes-clear')).toBeDisabled();
  });

  it('creates and runs the task, then shows its summary and opens the first CSV in Review', async () => {
    const user = userEvent.setup();
    const created = taskJson({ id: 'ext001', kind: 'extraction', name: 'Tits', status: 'queued' });
    const transport = transportWithScan()
      .on('POST', '/api/tasks', (body) => ({
        status: 201,
        body: { ...created, config: (body as { config: Record<string, unknown> }).config },
      }))
      .ok('GET', '/api/tasks/ext001', { ...created, status: 'completed' })
      .ok('POST', '/api/extraction/summary', summaryJson());
    renderWithApp(
      <>
        <ExtractionPage />
        <PrefillProbe />
      </>,
      { transport },
    );
    await pickScannedFolder(user);
    await user.click(screen.getByTestId('extraction-classes-all'));
    await user.click(screen.getByTestId('extraction-by-subfolder'));
    await user.click(screen.getByTestId('extraction-strategy-top-on'));
    await user.click(screen.getByTestId('extraction-export-clips'));
    await fill(user, 'extraction-output-dir', '/data/ann');
    await fill(user, 'extraction-name', 'Tits');
    expect(screen.getByTestId('extraction-estimate')).toHaveTextContent(
      '3 classes × 3 subfolders × 20 clips per stratum = up to 180 clips',
    );
    await user.click(screen.getByTestId('extraction-create-run'));

    await waitFor(() => expect(transport.callsTo('POST', '/api/tasks')).toHaveLength(1));
    const body = transport.callsTo('POST', '/api/tasks')[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ kind: 'extraction', name: 'Tits', start: true });
    expect(body.config).toMatchObject({
      predictions_dir: '/data/jobs/inference_1',
      classes: [GREAT_TIT, PETREL, ROBIN],
      stratify_by_subfolder: true,
      strategies: [
        { kind: 'random', n: 10 },
        { kind: 'top', n: 10 },
      ],
      export_clips: true,
      clip_duration_s: 5,
      output_dir: '/data/ann',
    });

    const panel = await screen.findByTestId('extraction-created');
    await waitFor(() => expect(panel).toHaveAttribute('data-status', 'completed'));
    expect(await within(panel).findByTestId('extraction-summary-headline')).toHaveTextContent(
      'Selected 5 of 6 requested · 2 classes',
    );
    expect(within(panel).getAllByTestId('extraction-summary-row')).toHaveLength(3);
    expect(within(panel).getByText('only 1 candidate')).toBeVisible();
    expect(transport.callsTo('POST', '/api/extraction/summary')[0]?.body).toEqual({
      task_id: 'ext001',
    });

    // Two annotation CSVs (binary): the button asks which one.
    await user.click(within(panel).getByTestId('open-in-review'));
    const items = await screen.findAllByTestId('open-in-review-csv');
    expect(items.map((item) => item.textContent)).toEqual([
      `${GREAT_TIT}_annotation_task_20250501-100000.csv`,
      `${PETREL}_annotation_task_20250501-100000.csv`,
    ]);
    await user.click(items[1] as HTMLElement);
    await waitFor(() => expect(window.location.hash).toBe('#/review'));
    expect(JSON.parse(screen.getByTestId('prefill-probe').textContent ?? '')).toEqual({
      form: 'review',
      config: {
        annotation_csv: `/data/ann/${PETREL}_annotation_task_20250501-100000.csv`,
        audio_root: '/data/ann',
      },
      name: null,
      source: 'extraction task “Tits”',
    });
  });

  it('offers the metadata CSV columns with their unique-value counts', async () => {
    const user = userEvent.setup();
    const transport = transportWithScan().ok('POST', '/api/extraction/metadata', {
      columns: [
        { name: 'habitat', unique_values: 3 },
        { name: 'site', unique_values: 1 },
      ],
      rows: 12,
      problems: [],
    });
    renderWithApp(<ExtractionPage />, { transport });
    await fill(user, 'extraction-metadata-csv', '/data/sites.csv');
    const select = await screen.findByLabelText('Metadata columns');
    await waitFor(
      () => expect(transport.callsTo('POST', '/api/extraction/metadata')).toHaveLength(1),
      { timeout: 5000 },
    );
    expect(reasonOf(screen.getByTestId('extraction-create'))).toContain('Metadata columns');
    await user.click(select);
    await screen.findByText('habitat (3 unique values)');
    expect(screen.getByText('site (1 unique value)')).toBeVisible();
    await user.click(screen.getByText('habitat (3 unique values)'));
    expect(reasonOf(screen.getByTestId('extraction-create'))).not.toContain('Metadata columns');
    expect(transport.callsTo('POST', '/api/extraction/metadata')[0]?.body).toEqual({
      csv_path: '/data/sites.csv',
    });
  });

  it('adds and deletes date-window rows', async () => {
    const user = userEvent.setup();
    renderWithApp(<ExtractionPage />);
    const table = screen.getByTestId('extraction-strata-windows');
    await user.click(within(table).getByTestId('extraction-strata-windows-add'));
    await user.click(within(table).getByTestId('extraction-strata-windows-add'));
    expect(within(table).getAllByTestId('extraction-strata-windows-row')).toHaveLength(2);
    expect(reasonOf(screen.getByTestId('extraction-create'))).toContain(
      'Stratum date window 1 (pick a start and an end), Stratum date window 2',
    );
    await user.click(
      within(table).getAllByTestId('extraction-strata-windows-delete')[0] as HTMLElement,
    );
    expect(within(table).getAllByTestId('extraction-strata-windows-row')).toHaveLength(1);
    expect(screen.getByTestId('extraction-estimate')).toHaveTextContent('1 date window ×');
  });
});
