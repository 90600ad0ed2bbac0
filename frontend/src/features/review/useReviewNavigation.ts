/**
 * Where the reviewer is: grid or focus view, the visible clip order (all clips, or only clips of
 * unverified groups in guided listening), the active clip and the grid page. In guided listening the
 * order is refreshed on every move, so a group that became verified is skipped from then on.
 */
import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import type { ReviewLabelName } from '@/theme/tokens';
import { groupStatuses, visibleOrder } from './group-status';
import { moveInGrid } from './paging';
import type { ReviewView } from './shortcuts';

/** A label just given to a clip (its card label), used before the next render shows it. */
export interface AssumedLabel {
  position: number;
  label: ReviewLabelName;
}

interface Place {
  order: number[];
  /** Index into `order` of the active clip. */
  cursor: number;
  /** Index into `order` of the first clip of the grid page. */
  pageStart: number;
}

/** First index whose clip comes after `anchor` in (group, file order). */
function firstAfter(order: number[], anchor: number, rank: (p: number) => string): number {
  const key = rank(anchor);
  return order.findIndex((position) => rank(position) > key);
}

/**
 * @param groups - Group of each clip (null entries when the task has no group column).
 * @param labels - Current card label of each clip.
 * @param pageSize - Rows × columns.
 * @param columns - Grid columns (arrow keys).
 * @param onMove - Called on every page change and clip navigation (auto-save hooks in here).
 */
export function useReviewNavigation(
  groups: (string | null)[],
  labels: ReviewLabelName[],
  pageSize: number,
  columns: number,
  onMove: () => void,
) {
  const [view, setView] = useState<ReviewView>('grid');
  const [guided, setGuided] = useState(false);
  const [place, setPlace] = useReducer(
    (current: Place, update: (current: Place) => Place) => update(current),
    { order: [], cursor: 0, pageStart: 0 },
  );
  const statuses = useMemo(() => groupStatuses(groups, labels), [groups, labels]);
  const hasGroups = statuses.size > 0;

  // Rank keys sort clips by group, then file order (zero-padded so strings compare like numbers).
  const rank = useCallback(
    (position: number) =>
      `${guided ? (groups[position] ?? '') : ''}\u0000${String(position).padStart(9, '0')}`,
    [groups, guided],
  );
  /** The guided order now; `assumed` is a label set in this same event, not yet rendered. */
  const fresh = useCallback(
    (assumed?: AssumedLabel) => {
      if (!assumed) return visibleOrder(groups, statuses, guided && hasGroups);
      const next = labels.slice();
      next[assumed.position] = assumed.label;
      return visibleOrder(groups, groupStatuses(groups, next), guided && hasGroups);
    },
    [groups, labels, statuses, guided, hasGroups],
  );

  // New task or guided listening switched: start from the top of a new order.
  useEffect(() => {
    setPlace(() => ({ order: groups.map((_, position) => position), cursor: 0, pageStart: 0 }));
  }, [groups]);
  useEffect(() => {
    setPlace(() => ({ order: fresh(), cursor: 0, pageStart: 0 }));
    // Only when the switch flips, not on every label.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [guided]);

  // A new page size keeps the active clip on screen.
  useEffect(() => {
    setPlace((current) =>
      guided
        ? { ...current, pageStart: current.cursor }
        : { ...current, pageStart: current.cursor - (current.cursor % pageSize) },
    );
  }, [pageSize, guided]);

  const { order, cursor, pageStart } = place;
  const pageEnd = Math.min(order.length, pageStart + pageSize);
  const alignedStart = (index: number) => (guided ? index : index - (index % pageSize));

  const goClip = useCallback(
    (step: 1 | -1, assumed?: AssumedLabel) => {
      onMove();
      setPlace((current) => {
        const active = current.order[current.cursor];
        if (!guided || active === undefined) {
          const next = Math.max(0, Math.min(current.order.length - 1, current.cursor + step));
          const inPage = next >= current.pageStart && next < current.pageStart + pageSize;
          return {
            ...current,
            cursor: next,
            pageStart: inPage ? current.pageStart : alignedStart(next),
          };
        }
        const order = fresh(assumed);
        let next: number;
        if (step === 1) next = firstAfter(order, active, rank);
        else next = order.findLastIndex((position) => rank(position) < rank(active));
        if (next === -1) {
          const stay = order.indexOf(active);
          return { order, cursor: Math.max(0, stay), pageStart: Math.max(0, stay) };
        }
        return { order, cursor: next, pageStart: next };
      });
    },
    // alignedStart depends on guided/pageSize only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [guided, pageSize, fresh, rank, onMove],
  );

  const goPage = useCallback(
    (step: 1 | -1) => {
      onMove();
      setPlace((current) => {
        if (!guided) {
          const start = current.pageStart + step * pageSize;
          if (start < 0 || start >= current.order.length) return current;
          return { ...current, pageStart: start, cursor: start };
        }
        const order = fresh();
        const first = current.order[current.pageStart];
        const last =
          current.order[Math.min(current.order.length, current.pageStart + pageSize) - 1];
        if (first === undefined || last === undefined) return { order, cursor: 0, pageStart: 0 };
        if (step === 1) {
          const next = firstAfter(order, last, rank);
          return next === -1 ? current : { order, cursor: next, pageStart: next };
        }
        const before = order.findLastIndex((position) => rank(position) < rank(first));
        if (before === -1) return current;
        const start = Math.max(0, before - pageSize + 1);
        return { order, cursor: start, pageStart: start };
      });
    },
    [guided, pageSize, fresh, rank, onMove],
  );

  return {
    view,
    /** Switch view; focus opens on the active clip, grid on its page. */
    setView: useCallback(
      (next: ReviewView) => {
        onMove();
        setView(next);
      },
      [onMove],
    ),
    guided,
    setGuided,
    hasGroups,
    statuses,
    order,
    cursor,
    activePosition: order[cursor] ?? null,
    pagePositions: order.slice(pageStart, pageEnd),
    pageStart,
    pageNumber: Math.floor(pageStart / pageSize) + 1,
    pageTotal: Math.max(1, Math.ceil(order.length / pageSize)),
    /** Next clip; pass the label just given so guided listening can skip a newly verified group. */
    nextClip: useCallback((assumed?: AssumedLabel) => goClip(1, assumed), [goClip]),
    previousClip: useCallback(() => goClip(-1), [goClip]),
    nextPage: useCallback(() => goPage(1), [goPage]),
    previousPage: useCallback(() => goPage(-1), [goPage]),
    /** Make a clip (by position) active, e.g. on click. */
    select: useCallback((position: number) => {
      setPlace((current) => {
        const index = current.order.indexOf(position);
        return index === -1 ? current : { ...current, cursor: index };
      });
    }, []),
    /** Arrow keys in the grid. */
    move: useCallback(
      (step: { columns: number; rows: number }) =>
        setPlace((current) => ({
          ...current,
          cursor: moveInGrid(current.cursor, columns, step, [
            current.pageStart,
            Math.min(current.order.length, current.pageStart + pageSize),
          ]),
        })),
      [columns, pageSize],
    ),
  };
}

export type ReviewNavigation = ReturnType<typeof useReviewNavigation>;
