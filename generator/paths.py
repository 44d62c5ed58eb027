"""Where the non-Python resources live: the one place that knows the repository layout.

`templates/` and `fonts/` sit at the top of the repository, next to the `generator` package, so
they are not package data. Each can be moved with an environment variable (useful for an
installed wheel or a test that needs a scratch copy):

    DISPUTE_TEMPLATES_DIR=/opt/dispute/templates
    DISPUTE_FONTS_DIR=/opt/dispute/fonts

Nothing is cached: the variables are read on every call, so a test can change them.
`write_atomically` lives here too: it is the one way the writers put a file on disk.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from generator.errors import DisputeError

TEMPLATES_ENV = "DISPUTE_TEMPLATES_DIR"
FONTS_ENV = "DISPUTE_FONTS_DIR"

# generator/paths.py -> generator/ -> repository root
_REPO_ROOT = Path(__file__).resolve().parent.parent


class ResourceDirNotFound(DisputeError, FileNotFoundError):
    """A resource directory is missing; the message names the path and how it was chosen.

    A DisputeError, so the CLI prints it on one line (a mistyped $DISPUTE_FONTS_DIR is the
    user's to fix)."""


def templates_dir() -> Path:
    return _resolve(TEMPLATES_ENV, _REPO_ROOT / "templates", "templates")


def fonts_dir() -> Path:
    return _resolve(FONTS_ENV, _REPO_ROOT / "fonts", "fonts")


def _resolve(env_var: str, default: Path, what: str) -> Path:
    override = os.environ.get(env_var)
    if override:
        path, origin = Path(override).expanduser(), f"${env_var}"
    else:
        path, origin = default, f"the default next to the generator package (set ${env_var} to move it)"
    if not path.is_dir():
        raise ResourceDirNotFound(f"{what} directory not found: {path} (from {origin})")
    # Absolute and symlink-free, so containment checks (the PDF URL fetcher) compare like with like.
    return path.resolve()


def write_atomically(out: Path, data: bytes) -> None:
    """Write `data` to `out` so a reader never sees a half-written file (PDF and DOCX writers).

    The temporary file sits in the same directory, so `os.replace` is a rename on one filesystem.
    """
    fd, tmp_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600; give the letter the mode any other new file would get.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it; put it straight back
    os.umask(mask)
    return mask
