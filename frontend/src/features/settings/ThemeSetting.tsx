import DarkModeIcon from '@mui/icons-material/DarkModeOutlined';
import LightModeIcon from '@mui/icons-material/LightModeOutlined';
import SettingsBrightnessIcon from '@mui/icons-material/SettingsBrightnessOutlined';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { useThemeMode, type ThemePreference } from '@/theme/ThemeModeProvider';
import { SettingRow } from './SettingRow';

/** Light / dark / system theme choice (stored in this browser). */
export function ThemeSetting() {
  const { preference, setPreference } = useThemeMode();
  return (
    <SettingRow title="Theme" description="Stored on this computer.">
      <ToggleButtonGroup
        exclusive
        size="small"
        value={preference}
        onChange={(_, value: ThemePreference | null) => value && setPreference(value)}
        aria-label="Theme"
      >
        <ToggleButton value="light" data-testid="settings-theme-light">
          <LightModeIcon fontSize="small" sx={{ mr: 0.5 }} /> Light
        </ToggleButton>
        <ToggleButton value="dark" data-testid="settings-theme-dark">
          <DarkModeIcon fontSize="small" sx={{ mr: 0.5 }} /> Dark
        </ToggleButton>
        <ToggleButton value="system" data-testid="settings-theme-system">
          <SettingsBrightnessIcon fontSize="small" sx={{ mr: 0.5 }} /> System
        </ToggleButton>
      </ToggleButtonGroup>
    </SettingRow>
  );
}
