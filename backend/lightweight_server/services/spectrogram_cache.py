"""A small least-recently-used cache of rendered bytes (spectrogram images, audio slices).

Bounded by the total size of the values, not their count, so a few large entries cannot grow the
server's memory without limit. Thread-safe: renders run in worker threads.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True)
class CachedBytes:
    """One cached response body with the headers that depend on its content."""

    body: bytes
    content_type: str
    headers: tuple[tuple[str, str], ...] = ()


class BytesLRUCache:
    """Least-recently-used cache whose total ``len(body)`` stays under ``max_bytes``."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, CachedBytes] = OrderedDict()
        self._size_bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @property
    def size_bytes(self) -> int:
        """Total size of the cached bodies."""
        return self._size_bytes

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: str) -> CachedBytes | None:
        """The cached entry (now the most recently used), or ``None``."""
        with self._lock:
            item = self._items.get(key)
            if item is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return item

    def put(self, key: str, item: CachedBytes) -> None:
        """Store ``item``; evicts the least recently used entries to stay under the bound.

        An item larger than the whole cache is not stored.
        """
        size = len(item.body)
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size_bytes -= len(old.body)
            self._items[key] = item
            self._size_bytes += size
            while self._size_bytes > self.max_bytes:
                _, evicted = self._items.popitem(last=False)
                self._size_bytes -= len(evicted.body)
