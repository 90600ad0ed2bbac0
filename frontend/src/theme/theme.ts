/** Builds the light and dark MUI themes from the design tokens. */
import { createTheme, type Theme } from '@mui/material/styles';
import {
  fontSizes,
  fontWeights,
  fonts,
  palette,
  radii,
  runningOnDark,
  spacingUnitPx,
  statusColors,
  surfaces,
  type TaskStatusName,
} from './tokens';

/** The colour modes the renderer can draw in. */
export type ColorMode = 'light' | 'dark';

/**
 * Create the MUI theme for one colour mode.
 * @param mode - `light` or `dark`.
 */
export function buildTheme(mode: ColorMode): Theme {
  const surface = surfaces[mode];
  const dark = mode === 'dark';
  return createTheme({
    palette: {
      mode,
      primary: { main: dark ? runningOnDark : palette.darkAccent1, contrastText: palette.offWhite },
      secondary: { main: dark ? palette.mediumAccent : palette.darkAccent2 },
      error: { main: palette.highlight },
      warning: { main: palette.mediumAccent },
      info: { main: dark ? '#8796b3' : palette.darkAccent2 },
      success: { main: statusColors.completed },
      background: { default: surface.background, paper: surface.paper },
      text: { primary: surface.text, secondary: surface.textSecondary },
    },
    spacing: spacingUnitPx,
    shape: { borderRadius: radii.md },
    typography: {
      fontFamily: fonts.body,
      fontSize: fontSizes.sm * 16,
      fontWeightRegular: fontWeights.regular,
      fontWeightMedium: fontWeights.medium,
      fontWeightBold: fontWeights.bold,
      h1: { fontSize: `${fontSizes.xl}rem`, fontWeight: fontWeights.bold },
      h2: { fontSize: `${fontSizes.lg}rem`, fontWeight: fontWeights.bold },
      h3: { fontSize: `${fontSizes.md}rem`, fontWeight: fontWeights.bold },
      button: { textTransform: 'none', fontWeight: fontWeights.medium },
    },
    components: {
      MuiCard: { defaultProps: { variant: 'outlined' } },
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiTooltip: { defaultProps: { arrow: true } },
    },
  });
}

/**
 * Colour of a task status in the given mode ("running" is lightened on dark backgrounds).
 * @param status - Task status word.
 * @param mode - Current colour mode.
 */
export function statusColor(status: TaskStatusName, mode: ColorMode): string {
  if (status === 'running' && mode === 'dark') return runningOnDark;
  return statusColors[status];
}

/** Colours of the navigation bar per mode. */
export function navColors(mode: ColorMode): { background: string; text: string } {
  return { background: surfaces[mode].nav, text: surfaces[mode].navText };
}

/** Monospace font stack for paths and logs. */
export const monoFont = fonts.mono;
