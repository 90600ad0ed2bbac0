import { describe, expect, it } from 'vitest';
import { pathCrumbs } from '@/lib/path-crumbs';

describe('pathCrumbs', () => {
  it('splits POSIX paths from the root', () => {
    expect(pathCrumbs('/home/ana/audio')).toEqual([
      { label: '/', path: '/' },
      { label: 'home', path: '/home' },
      { label: 'ana', path: '/home/ana' },
      { label: 'audio', path: '/home/ana/audio' },
    ]);
    expect(pathCrumbs('/')).toEqual([{ label: '/', path: '/' }]);
  });

  it('splits Windows drive paths', () => {
    expect(pathCrumbs('C:\\Users\\ana')).toEqual([
      { label: 'C:', path: 'C:\\' },
      { label: 'Users', path: 'C:\\Users' },
      { label: 'ana', path: 'C:\\Users\\ana' },
    ]);
  });
});
