import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import { alpha, useTheme } from '@mui/material/styles';
import Tooltip from '@mui/material/Tooltip';
import type { ReactElement } from 'react';
import { navColors } from '@/theme/theme';

export interface NavItem {
  id: string;
  label: string;
  icon: ReactElement;
}

/** Icon buttons of the left navigation bar; each has a tooltip and `data-testid="nav-<id>"`. */
export function NavBar({
  items,
  current,
  onNavigate,
}: {
  items: NavItem[];
  current: string;
  onNavigate: (id: string) => void;
}) {
  const theme = useTheme();
  const colors = navColors(theme.palette.mode);
  return (
    <Box
      component="nav"
      aria-label="Main"
      sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}
    >
      {items.map((item) => {
        const active = item.id === current;
        return (
          <Tooltip key={item.id} title={item.label} placement="right">
            <IconButton
              aria-label={item.label}
              aria-current={active ? 'page' : undefined}
              data-testid={`nav-${item.id}`}
              onClick={() => onNavigate(item.id)}
              sx={{
                width: 48,
                height: 48,
                borderRadius: 2,
                color: colors.text,
                opacity: active ? 1 : 0.72,
                bgcolor: active ? alpha(colors.text, 0.18) : 'transparent',
                '&:hover': { bgcolor: alpha(colors.text, 0.12), opacity: 1 },
              }}
            >
              {item.icon}
            </IconButton>
          </Tooltip>
        );
      })}
    </Box>
  );
}
