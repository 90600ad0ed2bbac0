import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { TrainingPage } from '@/features/training/TrainingPage';
import { defaultTransport, renderWithApp } from '../../support/render';
import { labelSummary } from './fixtures';
import { fill, reasonOf } from './form-helpers';

/** The Training tab over a fake server that finds nothing in any label source. */
function renderPage() {
  const transport = defaultTransport().ok('POST', '/api/training/labels', labelSummary([]));
  return renderWithApp(<TrainingPage />, { transport });
}

/** The shared pieces of the training form: source-row frames, choice toggles, number fields. */
describe('Training form fields', () => {
  beforeEach(() => {
    window.location.hash = '#/training';
  });

  it('removes the source row whose button was clicked and numbers the rest again', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(screen.getByTestId('training-labels-add-csv'));
    await user.click(screen.getByTestId('training-labels-add-csv'));
    await user.click(screen.getByTestId('training-labels-add-raven'));
    await fill(user, 'training-labels-csv-0-path', '/data/a.csv');
    await fill(user, 'training-labels-csv-1-path', '/data/b.csv');
    await fill(user, 'training-labels-raven-0-path', '/data/site.txt');

    await user.click(screen.getByRole('button', { name: 'Remove annotation CSV 1' }));
    expect(screen.getByTestId('training-labels-csv-0-path')).toHaveValue('/data/b.csv');
    expect(screen.queryByTestId('training-labels-csv-1')).toBeNull();
    const left = screen.getByTestId('training-labels-csv-0');
    expect(within(left).getByLabelText('Annotation CSV 1')).toHaveValue('/data/b.csv');
    expect(reasonOf('training-create')).toContain('Raven table 1: recording');

    await user.click(screen.getByRole('button', { name: 'Remove Raven table 1' }));
    expect(screen.queryByTestId('training-labels-raven-0')).toBeNull();
    expect(reasonOf('training-create')).not.toContain('Raven table');
    expect(screen.getByTestId('training-labels-csv-0-path')).toHaveValue('/data/b.csv');
  });

  it('keeps the chosen button when it is clicked again and switches on another', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(screen.getByTestId('training-labels-add-csv'));
    expect(screen.getByTestId('training-labels-csv-0-class')).toBeInTheDocument();
    await user.click(screen.getByTestId('training-labels-csv-0-binary')); // chosen already
    expect(screen.getByTestId('training-labels-csv-0-binary')).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await user.click(screen.getByTestId('training-labels-csv-0-multiclass'));
    expect(screen.queryByTestId('training-labels-csv-0-class')).toBeNull();

    expect(screen.queryByTestId('training-hidden-sizes')).toBeNull();
    await user.click(screen.getByTestId('training-head-mlp'));
    expect(screen.getByTestId('training-hidden-sizes')).toHaveValue('256');
    await user.click(screen.getByTestId('training-head-mlp'));
    expect(screen.getByTestId('training-hidden-sizes')).toBeInTheDocument();
    expect(screen.getByText(/A small classifier on BirdNET 2.4 embeddings/)).toBeInTheDocument();
    await user.click(screen.getByTestId('training-model-cnn'));
    expect(screen.getByText(/Fine-tunes an OpenSoundscape CNN/)).toBeInTheDocument();
    expect(screen.getByTestId('training-clip-duration')).toHaveValue('3');
  });

  it('flags a number field by its name in the list of what is missing', async () => {
    const user = userEvent.setup();
    renderPage();
    for (const testId of ['training-batch-size', 'training-seed', 'training-target-precision']) {
      expect(screen.getByTestId(testId)).toHaveAttribute('aria-invalid', 'false');
    }
    await fill(user, 'training-batch-size', '');
    await fill(user, 'training-seed', '0.5');
    expect(screen.getByTestId('training-batch-size')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('training-seed')).toHaveAttribute('aria-invalid', 'true');
    expect(reasonOf('training-create')).toContain('Batch size, Seed');

    // The patience field's label is not its name in the list: "Early-stopping patience".
    await user.click(screen.getByTestId('training-early-stopping'));
    await fill(user, 'training-patience', '0');
    expect(screen.getByTestId('training-patience')).toHaveAttribute('aria-invalid', 'true');
    expect(reasonOf('training-create')).toContain('Early-stopping patience');
    await fill(user, 'training-patience', '50');
    expect(screen.getByTestId('training-patience')).toHaveAttribute('aria-invalid', 'false');
    expect(reasonOf('training-create')).not.toContain('patience');

    // Steps and epochs share one slot: each keeps its own value.
    await fill(user, 'training-steps', '800');
    await user.click(screen.getByTestId('training-unit-epochs'));
    expect(screen.getByTestId('training-epochs')).toHaveValue('10');
    await user.click(screen.getByTestId('training-unit-steps'));
    expect(screen.getByTestId('training-steps')).toHaveValue('800');
  });
});
