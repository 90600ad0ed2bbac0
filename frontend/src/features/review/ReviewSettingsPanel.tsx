import CloseIcon from '@mui/icons-material/Close';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { NumberField } from '@/components/NumberField';
import { COLORMAPS, type SpectrogramColormap } from '@/api/review-schemas';
import { reviewDefaults } from '@/theme/tokens';
import type { ReviewSettings } from './review-settings';
import { isMacPlatform, shortcutTable } from './shortcuts';

export interface ReviewSettingsPanelProps {
  settings: ReviewSettings;
  onChange: (patch: Partial<ReviewSettings>) => void;
  onClose: () => void;
}

type NumberKey = {
  [K in keyof ReviewSettings]: ReviewSettings[K] extends number ? K : never;
}[keyof ReviewSettings];
type BooleanKey = {
  [K in keyof ReviewSettings]: ReviewSettings[K] extends boolean ? K : never;
}[keyof ReviewSettings];

/** A number setting; invalid or empty input keeps the last good value. */
function NumberSetting(props: {
  label: string;
  name: NumberKey;
  settings: ReviewSettings;
  onChange: ReviewSettingsPanelProps['onChange'];
  min?: number;
  max?: number;
  unit?: string;
}) {
  return (
    <NumberField
      label={props.label}
      unit={props.unit}
      value={props.settings[props.name]}
      testId={`review-setting-${props.name}`}
      onChange={(value) => {
        if (value === null || !Number.isFinite(value)) return;
        if (props.min !== undefined && value < props.min) return;
        if (props.max !== undefined && value > props.max) return;
        props.onChange({ [props.name]: value });
      }}
    />
  );
}

function Toggle(props: {
  label: string;
  name: BooleanKey;
  settings: ReviewSettings;
  onChange: ReviewSettingsPanelProps['onChange'];
}) {
  return (
    <FormControlLabel
      label={props.label}
      control={
        <Switch
          size="small"
          checked={props.settings[props.name]}
          onChange={(event) => props.onChange({ [props.name]: event.target.checked })}
          slotProps={{ input: { 'data-testid': `review-setting-${props.name}` } as object }}
        />
      }
    />
  );
}

/** Display, playback and keyboard settings, on the right side over the clips; kept between visits. */
export function ReviewSettingsPanel({ settings, onChange, onClose }: ReviewSettingsPanelProps) {
  const shared = { settings, onChange };
  return (
    <Paper
      elevation={8}
      data-testid="review-settings"
      sx={{
        position: 'fixed',
        top: 0,
        right: 0,
        height: '100vh',
        width: reviewDefaults.settingsPanelWidthPx,
        maxWidth: '100vw',
        overflowY: 'auto',
        zIndex: (theme) => theme.zIndex.drawer,
        p: 2,
        borderRadius: 0,
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
        <Typography variant="h3" sx={{ flex: 1 }}>
          Review settings
        </Typography>
        <IconButton
          onClick={onClose}
          aria-label="Close settings"
          data-testid="review-settings-close"
        >
          <CloseIcon />
        </IconButton>
      </Box>
      <Stack spacing={1.5}>
        <Typography variant="subtitle2">Layout</Typography>
        <Stack direction="row" spacing={1}>
          <NumberSetting label="Rows" name="rows" min={1} max={10} {...shared} />
          <NumberSetting label="Columns" name="columns" min={1} max={8} {...shared} />
        </Stack>
        <Toggle label="Comments" name="show_comments" {...shared} />
        <Toggle label="File name" name="show_file_name" {...shared} />
        <Toggle label="Score" name="show_score" {...shared} />
        <Divider />
        <Typography variant="subtitle2">Spectrogram</Typography>
        <NumberSetting
          label="Window length"
          unit="s"
          name="window_s"
          min={0.001}
          max={1}
          {...shared}
        />
        <Stack direction="row" spacing={1}>
          <NumberSetting label="Min frequency" unit="Hz" name="min_hz" min={0} {...shared} />
          <NumberField
            label="Max frequency"
            unit="Hz"
            emptyLabel="Nyquist"
            value={settings.max_hz}
            testId="review-setting-max_hz"
            onChange={(value) => {
              if (value === null) onChange({ max_hz: null });
              else if (Number.isFinite(value) && value > settings.min_hz)
                onChange({ max_hz: value });
            }}
          />
        </Stack>
        <Stack direction="row" spacing={1}>
          <NumberSetting label="Min dB" name="min_db" {...shared} />
          <NumberSetting label="Max dB" name="max_db" {...shared} />
        </Stack>
        <TextField
          select
          size="small"
          label="Colormap"
          value={settings.colormap}
          onChange={(event) => onChange({ colormap: event.target.value as SpectrogramColormap })}
        >
          {COLORMAPS.map((name) => (
            <MenuItem key={name} value={name}>
              {name}
            </MenuItem>
          ))}
        </TextField>
        <Toggle label="Reference frequency line" name="reference_line" {...shared} />
        {settings.reference_line && (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <NumberSetting label="Line at" unit="Hz" name="reference_hz" min={0} {...shared} />
            <TextField
              size="small"
              type="color"
              label="Colour"
              value={settings.reference_color}
              onChange={(event) => onChange({ reference_color: event.target.value })}
              sx={{ width: 90 }}
            />
          </Stack>
        )}
        <Divider />
        <Typography variant="subtitle2">Playback</Typography>
        <Toggle label="Auto-play in focus view" name="auto_play" {...shared} />
        <NumberSetting
          label="Context around the clip (focus view)"
          unit="s"
          name="focus_context_s"
          min={0}
          max={10}
          {...shared}
        />
        <Toggle label="Bandpass filter" name="bandpass" {...shared} />
        {settings.bandpass && (
          <Stack direction="row" spacing={1}>
            <NumberSetting label="Low" unit="Hz" name="bandpass_low_hz" min={0} {...shared} />
            <NumberSetting label="High" unit="Hz" name="bandpass_high_hz" min={1} {...shared} />
          </Stack>
        )}
        <Toggle label="Denoise playback" name="denoise" {...shared} />
        <Divider />
        <Typography variant="subtitle2">Saving and keys</Typography>
        <Toggle label="Auto-save" name="auto_save" {...shared} />
        <Toggle label="Keyboard shortcuts" name="shortcuts_enabled" {...shared} />
        {settings.shortcuts_enabled && (
          <Box component="table" sx={{ fontSize: '0.8rem', borderSpacing: '4px 2px' }}>
            <tbody>
              {shortcutTable(isMacPlatform()).map((row) => (
                <tr key={row.keys}>
                  <Box component="td" sx={{ fontWeight: 'bold', whiteSpace: 'nowrap' }}>
                    {row.keys}
                  </Box>
                  <td>{row.action}</td>
                </tr>
              ))}
            </tbody>
          </Box>
        )}
      </Stack>
    </Paper>
  );
}
