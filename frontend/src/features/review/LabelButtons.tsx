import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonGroup from '@mui/material/ButtonGroup';
import { reviewLabelColors, reviewLabelText, type ReviewLabelName } from '@/theme/tokens';
import { BINARY_LABELS, LABEL_CAPTIONS } from './annotation-values';

/** Captions used when the buttons are narrower than this (small grid cards), in px. */
const NARROW_PX = 300;
const SHORT_CAPTIONS: Record<ReviewLabelName, string> = {
  yes: 'Yes',
  no: 'No',
  uncertain: '?',
  unlabeled: '–',
};

export interface LabelButtonsProps {
  value: ReviewLabelName;
  onChange: (label: ReviewLabelName) => void;
  size?: 'small' | 'medium';
  /** Prefix of each button's data-testid (`<prefix>-yes` …). */
  testIdPrefix?: string;
}

/**
 * Yes / No / Uncertain / Unlabeled as one button group; the active label is a solid fill. On narrow
 * cards (a container query) Uncertain and Unlabeled shrink to "?" and "–" (full names on hover).
 */
export function LabelButtons({ value, onChange, size = 'small', testIdPrefix }: LabelButtonsProps) {
  return (
    <Box sx={{ containerType: 'inline-size' }}>
      <ButtonGroup
        size={size}
        fullWidth
        aria-label="Label"
        sx={{ '& .MuiButtonGroup-grouped': { minWidth: 0 } }}
      >
        {BINARY_LABELS.map((label) => {
          const colour = reviewLabelColors[label];
          const active = label === value;
          return (
            <Button
              key={label}
              onClick={(event) => {
                event.currentTarget.blur();
                onChange(label);
              }}
              aria-pressed={active}
              aria-label={LABEL_CAPTIONS[label]}
              title={LABEL_CAPTIONS[label]}
              data-testid={testIdPrefix ? `${testIdPrefix}-${label}` : undefined}
              sx={{
                px: 0.5,
                minWidth: 0,
                borderColor: colour,
                color: active ? reviewLabelText[label] : 'text.primary',
                bgcolor: active ? colour : 'transparent',
                '&:hover': { bgcolor: active ? colour : `${colour}33`, borderColor: colour },
                '& .short': { display: 'none' },
                [`@container (max-width: ${NARROW_PX}px)`]: {
                  '& .full': { display: 'none' },
                  '& .short': { display: 'inline' },
                },
              }}
            >
              <span className="full">{LABEL_CAPTIONS[label]}</span>
              <span className="short">{SHORT_CAPTIONS[label]}</span>
            </Button>
          );
        })}
      </ButtonGroup>
    </Box>
  );
}
