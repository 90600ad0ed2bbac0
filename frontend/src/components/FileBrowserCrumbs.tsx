import Breadcrumbs from '@mui/material/Breadcrumbs';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { pathCrumbs } from '@/lib/path-crumbs';

/** Breadcrumbs of the current folder; each step opens that folder, "Places" opens the roots. */
export function FileBrowserCrumbs({
  path,
  onGo,
}: {
  path: string | null;
  onGo: (path: string | null) => void;
}) {
  const crumbs = path ? pathCrumbs(path) : [];
  return (
    <Breadcrumbs separator="›" maxItems={8} sx={{ mb: 1, '& ol': { flexWrap: 'wrap' } }}>
      <Link component="button" type="button" underline="hover" onClick={() => onGo(null)}>
        Places
      </Link>
      {crumbs.map((crumb, index) =>
        index === crumbs.length - 1 ? (
          <Typography key={crumb.path} color="text.primary">
            {crumb.label}
          </Typography>
        ) : (
          <Link
            key={crumb.path}
            component="button"
            type="button"
            underline="hover"
            onClick={() => onGo(crumb.path)}
          >
            {crumb.label}
          </Link>
        ),
      )}
    </Breadcrumbs>
  );
}
