import { describe, expect, it } from 'vitest';
import { moveInGrid, pageCount, pageOf, pageRange } from '@/features/review/paging';
import {
  defaultReviewSettings,
  loadReviewSettings,
  STORAGE_KEY,
  storeReviewSettings,
} from '@/features/review/review-settings';

describe('review settings storage', () => {
  it('round-trips through localStorage and repairs bad stored values', () => {
    storeReviewSettings({ ...defaultReviewSettings, columns: 6, colormap: 'magma' });
    expect(loadReviewSettings()).toMatchObject({ columns: 6, colormap: 'magma' });
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ columns: 99, rows: 'x' }));
    expect(loadReviewSettings()).toMatchObject({ columns: 4, rows: 3 });
    window.localStorage.setItem(STORAGE_KEY, '{not json');
    expect(loadReviewSettings()).toEqual(defaultReviewSettings);
  });
});

describe('paging', () => {
  it('counts pages and keeps arrow moves on the page', () => {
    expect(pageCount(41, 12)).toBe(4);
    expect(pageCount(0, 12)).toBe(1);
    expect(pageOf(13, 12)).toBe(1);
    expect(pageRange(3, 12, 41)).toEqual([36, 41]);
    expect(moveInGrid(12, 4, { columns: 0, rows: 1 }, [12, 24])).toBe(16);
    expect(moveInGrid(12, 4, { columns: -1, rows: 0 }, [12, 24])).toBe(12);
  });
});
