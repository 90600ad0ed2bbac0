/**
 * react-select styled from the MUI theme (so from the design tokens), in light and dark mode: the
 * control looks like a small outlined MUI text field, chips like MUI chips, the menu like a Paper.
 */
import { alpha, type Theme } from '@mui/material/styles';
import type { GroupBase, StylesConfig } from 'react-select';
import { fontSizes, radii } from './tokens';

/** Height of a small MUI text field in px, matched by the select's control. */
const CONTROL_MIN_HEIGHT_PX = 40;

/**
 * react-select `styles` for the current theme.
 * @param theme - The MUI theme (`useTheme()`).
 * @param error - Draw the control in the error colour.
 */
export function reactSelectStyles<Option, IsMulti extends boolean = true>(
  theme: Theme,
  error = false,
): StylesConfig<Option, IsMulti, GroupBase<Option>> {
  const { palette } = theme;
  const border = palette.mode === 'dark' ? 'rgba(255,255,255,0.23)' : 'rgba(0,0,0,0.23)';
  return {
    control: (base, state) => ({
      ...base,
      minHeight: CONTROL_MIN_HEIGHT_PX,
      backgroundColor: 'transparent',
      borderRadius: theme.shape.borderRadius,
      borderColor: error ? palette.error.main : state.isFocused ? palette.primary.main : border,
      boxShadow: state.isFocused ? `0 0 0 1px ${palette.primary.main}` : 'none',
      '&:hover': { borderColor: state.isFocused ? palette.primary.main : palette.text.primary },
    }),
    valueContainer: (base) => ({ ...base, padding: theme.spacing(0.25, 1) }),
    input: (base) => ({ ...base, color: palette.text.primary }),
    placeholder: (base) => ({ ...base, color: palette.text.secondary }),
    singleValue: (base) => ({ ...base, color: palette.text.primary }),
    multiValue: (base) => ({
      ...base,
      backgroundColor: alpha(palette.primary.main, palette.mode === 'dark' ? 0.28 : 0.14),
      borderRadius: radii.lg,
    }),
    multiValueLabel: (base) => ({
      ...base,
      color: palette.text.primary,
      fontSize: `${fontSizes.xs}rem`,
      padding: theme.spacing(0.25, 0.5, 0.25, 1),
    }),
    multiValueRemove: (base) => ({
      ...base,
      color: palette.text.secondary,
      borderRadius: radii.lg,
      ':hover': { backgroundColor: alpha(palette.error.main, 0.2), color: palette.error.main },
    }),
    indicatorSeparator: (base) => ({ ...base, backgroundColor: border }),
    dropdownIndicator: (base) => ({ ...base, color: palette.text.secondary }),
    clearIndicator: (base) => ({ ...base, color: palette.text.secondary }),
    menu: (base) => ({
      ...base,
      backgroundColor: palette.background.paper,
      border: `1px solid ${border}`,
      borderRadius: radii.sm,
      boxShadow: theme.shadows[4],
      zIndex: theme.zIndex.modal,
    }),
    menuPortal: (base) => ({ ...base, zIndex: theme.zIndex.modal }),
    option: (base, state) => ({
      ...base,
      fontSize: `${fontSizes.sm}rem`,
      color: palette.text.primary,
      backgroundColor: state.isSelected
        ? alpha(palette.primary.main, 0.3)
        : state.isFocused
          ? alpha(palette.primary.main, 0.12)
          : 'transparent',
      ':active': { backgroundColor: alpha(palette.primary.main, 0.3) },
    }),
    noOptionsMessage: (base) => ({ ...base, color: palette.text.secondary }),
    loadingMessage: (base) => ({ ...base, color: palette.text.secondary }),
  };
}
