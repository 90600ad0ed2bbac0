import { describe, expect, it } from 'vitest';
import { groupStatus, groupStatuses, visibleOrder } from '@/features/review/group-status';

describe('group statuses', () => {
  it('follows the four rules', () => {
    expect(groupStatus([])).toBe('no_candidate');
    expect(groupStatus(['no', 'yes', 'unlabeled'])).toBe('verified_detection');
    expect(groupStatus(['no', 'no'])).toBe('verified_non_detection');
    expect(groupStatus(['no', 'uncertain'])).toBe('unverified_candidate');
    expect(groupStatus(['unlabeled'])).toBe('unverified_candidate');
  });

  it('groups clips and orders only unverified groups, by group then file order', () => {
    const groups = ['siteB', 'siteA', 'siteB', 'siteC', null, 'siteA'];
    const labels = ['unlabeled', 'yes', 'no', 'no', 'unlabeled', 'unlabeled'] as const;
    const statuses = groupStatuses(groups, [...labels]);
    expect(Object.fromEntries(statuses)).toEqual({
      siteA: 'verified_detection',
      siteB: 'unverified_candidate',
      siteC: 'verified_non_detection',
    });
    expect(visibleOrder(groups, statuses, true)).toEqual([0, 2]);
    expect(visibleOrder(groups, statuses, false)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
