"""Keep every path the server reads or writes inside the allowed root folders."""

from __future__ import annotations

from pathlib import Path

from backend.lightweight_server.errors import InvalidRequest, PathNotAllowed


class PathGuard:
    """Resolves user-supplied paths and refuses those outside ``roots``."""

    def __init__(self, roots: list[Path]) -> None:
        self.roots = [Path(r).resolve() for r in roots]

    def check(self, raw: str | Path, what: str = "path") -> Path:
        """Return the resolved absolute path, or raise ``PathNotAllowed``/``InvalidRequest``."""
        if raw is None or str(raw).strip() == "":
            raise InvalidRequest(f"The {what} is empty: choose a file or folder.")
        path = Path(str(raw)).expanduser()
        if not path.is_absolute():
            raise InvalidRequest(f"The {what} '{raw}' is not an absolute path: use the full path.")
        resolved = path.resolve()
        if not any(resolved == root or resolved.is_relative_to(root) for root in self.roots):
            allowed = ", ".join(str(r) for r in self.roots)
            raise PathNotAllowed(
                f"The {what} '{resolved}' is outside the folders this server may use ({allowed}). "
                "Choose a path inside one of them, or restart the server with --root for that "
                "folder.",
                {"path": str(resolved), "allowed_roots": [str(r) for r in self.roots]},
            )
        return resolved
