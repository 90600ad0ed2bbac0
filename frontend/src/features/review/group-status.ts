/**
 * Classifier-guided listening (SPEC §6): clips share a group (e.g. site × date) and each group gets
 * a status from its clips' labels, so the reviewer can listen only to groups still undecided.
 */
import type { ReviewLabelName } from '@/theme/tokens';

export type GroupStatus =
  'unverified_candidate' | 'verified_detection' | 'verified_non_detection' | 'no_candidate';

export const GROUP_STATUS_CAPTIONS: Record<GroupStatus, string> = {
  unverified_candidate: 'Unverified candidate',
  verified_detection: 'Verified detection',
  verified_non_detection: 'Verified non-detection',
  no_candidate: 'No candidate',
};

/**
 * Status of one group from its clips' labels.
 * Verified detection: ≥1 yes. Verified non-detection: all no. Unverified candidate: ≥1 clip, no yes,
 * ≥1 unlabeled/uncertain. No candidate: no clips.
 * @param labels - Card labels of the group's clips.
 */
export function groupStatus(labels: readonly ReviewLabelName[]): GroupStatus {
  if (labels.length === 0) return 'no_candidate';
  if (labels.includes('yes')) return 'verified_detection';
  if (labels.every((label) => label === 'no')) return 'verified_non_detection';
  return 'unverified_candidate';
}

/**
 * Status of every group.
 * @param groups - Group of each clip (null = no group; such clips are left out).
 * @param labels - Card label of each clip, same order.
 */
export function groupStatuses(
  groups: readonly (string | null)[],
  labels: readonly ReviewLabelName[],
): Map<string, GroupStatus> {
  const byGroup = new Map<string, ReviewLabelName[]>();
  groups.forEach((group, position) => {
    if (group === null) return;
    const list = byGroup.get(group) ?? [];
    list.push(labels[position] ?? 'unlabeled');
    byGroup.set(group, list);
  });
  return new Map([...byGroup].map(([group, list]) => [group, groupStatus(list)]));
}

/**
 * Clip positions to show: all clips in file order, or (guided) only clips of unverified groups,
 * ordered by group then file order.
 * @param groups - Group of each clip.
 * @param statuses - From `groupStatuses`.
 * @param unverifiedOnly - Guided listening on.
 */
export function visibleOrder(
  groups: readonly (string | null)[],
  statuses: Map<string, GroupStatus>,
  unverifiedOnly: boolean,
): number[] {
  const positions = groups.map((_, position) => position);
  if (!unverifiedOnly) return positions;
  const kept = positions.filter((position) => {
    const group = groups[position];
    return group !== null && group !== undefined && statuses.get(group) === 'unverified_candidate';
  });
  return kept.sort((a, b) => {
    const byGroup = (groups[a] ?? '').localeCompare(groups[b] ?? '', undefined, { numeric: true });
    return byGroup !== 0 ? byGroup : a - b;
  });
}
