import Box from '@mui/material/Box';
import FormHelperText from '@mui/material/FormHelperText';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';

/** One button of a {@link ChoiceToggle}. */
export interface Choice<T extends string> {
  value: T;
  label: string;
  /** data-testid of the button. */
  testId: string;
}

interface Props<T extends string> {
  value: T;
  choices: readonly Choice<T>[];
  onChange: (value: T) => void;
  /** Accessible name of the group. */
  ariaLabel: string;
  color?: 'primary' | 'standard';
  /** Shown under the buttons (the group and the text are then wrapped in one box). */
  helperText?: string;
}

/**
 * A small row of buttons of which exactly one is chosen (clicking the chosen one keeps it). With
 * `helperText`, the explanation of the choice stands under the buttons.
 */
export function ChoiceToggle<T extends string>({
  value,
  choices,
  onChange,
  ariaLabel,
  color,
  helperText,
}: Props<T>) {
  const group = (
    <ToggleButtonGroup
      exclusive
      size="small"
      color={color}
      value={value}
      onChange={(_event, next: T | null) => next && onChange(next)}
      aria-label={ariaLabel}
    >
      {choices.map((choice) => (
        <ToggleButton key={choice.value} value={choice.value} data-testid={choice.testId}>
          {choice.label}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
  if (helperText === undefined) return group;
  return (
    <Box>
      {group}
      <FormHelperText>{helperText}</FormHelperText>
    </Box>
  );
}
