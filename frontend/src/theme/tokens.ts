/**
 * Design tokens: every colour, font, weight, size, spacing and radius the renderer uses lives here.
 * `theme.ts` turns them into MUI themes; components read them through the theme, never hard-code.
 */

/** The customer's accent palette (SPEC §2). */
export const palette = {
  offWhite: '#eae0d5',
  darkAccent1: '#395756',
  darkAccent2: '#4f5d75',
  mediumAccent: '#c6ac8f',
  highlight: '#d36135',
} as const;

/** Surfaces and text per colour mode. */
export const surfaces = {
  light: {
    background: '#f6f1eb',
    paper: '#fffdfa',
    nav: palette.darkAccent1,
    navText: palette.offWhite,
    text: '#22302f',
    textSecondary: '#5b6565',
  },
  dark: {
    background: '#171c1f',
    paper: '#212a2e',
    nav: '#1f2d2d',
    navText: palette.offWhite,
    text: palette.offWhite,
    textSecondary: '#b7ada2',
  },
} as const;

/** Every task status the server reports (ARCHITECTURE.md, Task JSON). */
export type TaskStatusName =
  'unstarted' | 'queued' | 'running' | 'completed' | 'failed' | 'canceled';

/** Colour of each task status, used by chips, progress bars, toasts and the task indicator. */
export const statusColors: Record<TaskStatusName, string> = {
  unstarted: '#8a8f93',
  queued: palette.darkAccent2,
  running: palette.darkAccent1,
  completed: '#2e7d4f',
  failed: palette.highlight,
  canceled: palette.mediumAccent,
};

/** Review labels (SPEC §6): Yes green, No red, Uncertain yellow, Unlabeled grey. */
export type ReviewLabelName = 'yes' | 'no' | 'uncertain' | 'unlabeled';

/** Colour of each review label: solid fill of the active button and the clip card outline. */
export const reviewLabelColors: Record<ReviewLabelName, string> = {
  yes: '#2e8b57',
  no: '#c8412b',
  uncertain: '#e0b21c',
  unlabeled: '#8a8f93',
};

/** Text drawn on a solid review-label fill. */
export const reviewLabelText: Record<ReviewLabelName, string> = {
  yes: '#ffffff',
  no: '#ffffff',
  uncertain: '#22302f',
  unlabeled: '#ffffff',
};

/** Review tab defaults: playhead and reference frequency line. */
export const reviewDefaults = {
  playheadColor: palette.highlight,
  referenceLineColor: '#00b3ff',
  /** Width of the Review settings panel in px. */
  settingsPanelWidthPx: 300,
} as const;

/** Colour used for "running" on dark backgrounds, where dark accent 1 would disappear. */
export const runningOnDark = '#5fa3a0';

export const fonts = {
  body: '"Inter", "Segoe UI", "Helvetica Neue", Arial, sans-serif',
  mono: '"JetBrains Mono", "SFMono-Regular", Menlo, Consolas, monospace',
} as const;

export const fontWeights = { regular: 400, medium: 500, bold: 650 } as const;

/** Font sizes in rem. */
export const fontSizes = { xs: 0.75, sm: 0.875, md: 1, lg: 1.25, xl: 1.6 } as const;

/** MUI spacing unit in px; `theme.spacing(n)` = n × this. */
export const spacingUnitPx = 8;

export const radii = { sm: 6, md: 10, lg: 16 } as const;

export const layout = {
  /** Width of the left navigation bar in px. */
  navWidthPx: 72,
  /** Maximum width of page content in px. */
  contentMaxWidthPx: 1100,
} as const;

/** How long transition toasts stay before hiding themselves; failures stay until dismissed. */
export const toastAutoHideMs = 8000;
