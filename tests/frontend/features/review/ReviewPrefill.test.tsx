import { screen, waitFor } from '@testing-library/react';
import { useEffect } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { ReviewPage } from '@/features/review/ReviewPage';
import { useFormPrefill } from '@/stores/formPrefill';
import { renderWithApp } from '../../support/render';

function OfferReview() {
  const { offer } = useFormPrefill();
  useEffect(() => {
    offer({
      form: 'review',
      config: { annotation_csv: '/out/robin_annotation_task.csv', audio_root: '/out' },
      name: null,
      source: 'Extraction task',
    });
  }, [offer]);
  return null;
}

beforeEach(() => {
  window.location.hash = '#/review';
});

describe('Review prefill', () => {
  it('takes the annotation CSV and root audio folder another tab left for it', async () => {
    renderWithApp(
      <>
        <OfferReview />
        <ReviewPage />
      </>,
    );
    await waitFor(() =>
      expect(screen.getByTestId('review-csv')).toHaveValue('/out/robin_annotation_task.csv'),
    );
    expect(screen.getByTestId('review-audio-root')).toHaveValue('/out');
    expect(screen.getByTestId('review-load')).toBeEnabled();
  });
});
