/** Splitting server paths (POSIX or Windows) into breadcrumb steps. */

export interface Crumb {
  label: string;
  path: string;
}

function join(base: string, part: string, sep: string): string {
  return base.endsWith(sep) ? `${base}${part}` : `${base}${sep}${part}`;
}

/**
 * Breadcrumbs for an absolute path: each step's label and the path up to it.
 * @param path - e.g. `/home/ana/audio`, `C:\Users\ana` or `\\server\share`.
 */
export function pathCrumbs(path: string): Crumb[] {
  const unc = path.startsWith('\\\\');
  const drive = /^[A-Za-z]:([\\/]|$)/.test(path);
  const parts = path.split(/[\\/]+/).filter(Boolean);
  if (!unc && !drive) {
    const crumbs: Crumb[] = [{ label: '/', path: '/' }];
    let current = '/';
    for (const part of parts) {
      current = join(current, part, '/');
      crumbs.push({ label: part, path: current });
    }
    return crumbs;
  }
  const crumbs: Crumb[] = [];
  let current = '';
  for (const [index, part] of parts.entries()) {
    if (index === 0) current = unc ? `\\\\${part}` : `${part}\\`;
    else current = join(current, part, '\\');
    crumbs.push({ label: part, path: current });
  }
  return crumbs;
}
