import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import { useTheme, type Theme } from '@mui/material/styles';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { LearningCurve } from '@/api/loop-schemas';
import { PLOT, plotGeometry, type PlotSeries } from './learning-curve';

/** Classes drawn by default; with more, the per-class lines start hidden (the mean stays). */
const MAX_CLASSES_SHOWN_BY_DEFAULT = 8;

/**
 * Theme colours the class lines cycle through, each adapting to light and dark mode; repeats are
 * dropped (some modes share a colour between two palette roles). The mean uses the primary colour.
 */
function classColors(theme: Theme): string[] {
  const p = theme.palette;
  const roles = [p.error.main, p.success.main, p.warning.main, p.secondary.main, p.info.main];
  return [...new Set(roles)];
}

/** Every second cycle of colours is dashed, so a colour is never reused for two solid lines. */
function dashFor(index: number, colorCount: number): string | undefined {
  return Math.floor(index / colorCount) % 2 === 1 ? '6 4' : undefined;
}

interface Props {
  curve: LearningCurve;
  /** Classes in the order of the latest round. */
  classes: string[];
}

/**
 * The learning curve: held-out average precision against labels used, the mean over classes (thick)
 * and one line per class, drawn as SVG in the theme's colours.
 */
export function LearningCurvePlot({ curve, classes }: Props) {
  const theme = useTheme();
  const [perClass, setPerClass] = useState(classes.length <= MAX_CLASSES_SHOWN_BY_DEFAULT);
  const geometry = plotGeometry(curve, perClass ? classes : []);
  const colors = classColors(theme);
  const axis = theme.palette.text.secondary;
  const grid = theme.palette.divider;
  const colorOf = (series: PlotSeries) =>
    series.isMean ? theme.palette.primary.main : colors[series.classIndex % colors.length];

  if (curve.mean.length === 0 && Object.keys(curve.per_class).length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="loop-curve-empty">
        The learning curve appears once a round has a held-out average precision.
      </Typography>
    );
  }

  return (
    <Box data-testid="loop-curve">
      <Box
        component="svg"
        viewBox={`0 0 ${PLOT.width} ${PLOT.height}`}
        role="img"
        aria-label="Learning curve: held-out average precision against labels used"
        sx={{ width: '100%', maxWidth: PLOT.width, height: 'auto', display: 'block' }}
      >
        {geometry.yTicks.map((tick) => (
          <g key={`y${tick.label}`}>
            <line
              x1={PLOT.left}
              x2={PLOT.width - PLOT.right}
              y1={tick.y}
              y2={tick.y}
              stroke={grid}
            />
            <text x={PLOT.left - 6} y={tick.y + 4} textAnchor="end" fontSize={11} fill={axis}>
              {tick.label}
            </text>
          </g>
        ))}
        {geometry.xTicks.map((tick) => (
          <text
            key={`x${tick.label}`}
            x={tick.x}
            y={PLOT.height - PLOT.bottom + 16}
            textAnchor="middle"
            fontSize={11}
            fill={axis}
          >
            {tick.label}
          </text>
        ))}
        <text x={PLOT.width / 2} y={PLOT.height - 4} textAnchor="middle" fontSize={12} fill={axis}>
          Labels used
        </text>
        <text
          transform={`translate(12 ${PLOT.height / 2}) rotate(-90)`}
          textAnchor="middle"
          fontSize={12}
          fill={axis}
        >
          Held-out AP
        </text>
        {geometry.series.map((series) => {
          const color = colorOf(series);
          return (
            <g key={series.name} data-testid="loop-curve-series" data-name={series.name}>
              <path
                d={series.path}
                fill="none"
                stroke={color}
                strokeWidth={series.isMean ? 3 : 1.5}
                strokeDasharray={
                  series.isMean ? undefined : dashFor(series.classIndex, colors.length)
                }
              />
              {series.points.map(({ x, y, point }) => (
                <circle
                  key={`${point.round}-${point.n_labels}`}
                  cx={x}
                  cy={y}
                  r={series.isMean ? 4 : 3}
                  fill={color}
                >
                  <title>
                    {`${series.name}, round ${point.round ?? '?'}: AP ${point.value.toFixed(3)} ` +
                      `with ${point.n_labels.toLocaleString('en-US')} labels`}
                  </title>
                </circle>
              ))}
            </g>
          );
        })}
      </Box>
      <Stack direction="row" sx={{ flexWrap: 'wrap', columnGap: 2, rowGap: 0.5, mt: 0.5 }}>
        {geometry.series.map((series) => (
          <Stack key={series.name} direction="row" spacing={0.75} sx={{ alignItems: 'center' }}>
            <Box
              sx={{
                width: 16,
                height: series.isMean ? 4 : 2,
                bgcolor: colorOf(series),
              }}
            />
            <Typography variant="caption">{series.name}</Typography>
          </Stack>
        ))}
        {classes.length > 0 && (
          <FormControlLabel
            sx={{ ml: 'auto' }}
            control={
              <Switch
                size="small"
                checked={perClass}
                onChange={(event) => setPerClass(event.target.checked)}
                slotProps={{ input: { 'aria-label': 'Show each class' } }}
              />
            }
            label={<Typography variant="caption">Each class</Typography>}
          />
        )}
      </Stack>
    </Box>
  );
}
