/** State of the server-side file browser: where it is, what is typed, what file is picked. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '@/api/ApiProvider';
import { queryKeys } from '@/hooks/query-keys';

/**
 * Browse the server's file system.
 * @param initialPath - Folder to open first (null → the roots).
 */
export function useFileBrowser(initialPath: string | null) {
  const api = useApi();
  const [path, setPath] = useState<string | null>(initialPath || null);
  const [typed, setTyped] = useState(initialPath ?? '');
  const [selectedFile, setSelectedFile] = useState<string | null>(null);
  const listing = useQuery({
    queryKey: queryKeys.files(path),
    queryFn: () => api.files.list(path),
  });

  const go = (next: string | null) => {
    setPath(next);
    setTyped(next ?? '');
    setSelectedFile(null);
  };

  return {
    path,
    typed,
    setTyped,
    selectedFile,
    setSelectedFile,
    listing,
    go,
    /** Open the typed path. */
    goTyped: () => go(typed.trim() || null),
    /** Up one level (to the roots from a root). */
    up: () => go(listing.data?.parent ?? null),
  };
}
