"""Where the non-Python resources live: the one place that knows the repository layout.

`templates/` and `fonts/` sit at the top of the repository, next to the `generator` package, so
they are not package data. Each can be moved with an environment variable (useful for an
installed wheel or a test that needs a scratch copy):

    DISPUTE_TEMPLATES_DIR=/opt/dispute/templates
    DISPUTE_FONTS_DIR=/opt/dispute/fonts

Nothing is cached: the variables are read on every call, so a test can change them.
The ways outputs reach the disk live here too: `write_atomically` for one file, and for the
outputs of a `generate` run `output_lock` (one run per output folder) and `publish` (all of a
run's files or none of them under their final names).
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from generator.catalogue import Message, message, os_reason
from generator.errors import DisputeError, OutputError

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
    origin: Message | str
    if override:
        path, origin = Path(override).expanduser(), f"${env_var}"
    else:
        path, origin = default, message("resource.default_origin", variable=env_var)
    if not path.is_dir():
        raise ResourceDirNotFound("resource.dir_missing", what=what, path=path, origin=origin)
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


LOCK_NAME = ".dispute-lock"  # inside the output folder, when its parent cannot be written
STAGING_PREFIX = ".dispute-tmp-"


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold the output folder for one run: a second run into it fails at once (OutputError)
    instead of mixing its files with ours. The lock file sits beside the folder (it may not
    exist yet) and is removed on release; parent folders made for it go too if left empty."""
    out_dir = _absolute(out_dir)  # "." has no name and no parent to put a lock beside
    made = _make_parents(out_dir.parent)
    try:
        fd, lock = _acquire(out_dir)
        try:
            _remove_staging(out_dir)  # whatever a killed run left, now that none can be running
            yield
        finally:
            lock.unlink(missing_ok=True)  # before closing: see _acquire for the reopen race
            os.close(fd)
    finally:
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                break  # not empty: the outputs are in it


def publish(out_dir: Path, files: Sequence[tuple[Path, bytes]]) -> None:
    """Write `files` (paths inside `out_dir`) into a hidden folder on the same filesystem, then
    move them into place, the last one last (the manifest, which marks a finished run). A failure
    (disk full, read-only) raises OutputError naming the file, and leaves nothing new under a
    final name: files it had replaced are put back. Call it holding `output_lock`."""
    if not files:
        return  # no folder either: a case with nothing to send leaves no trace
    base = _absolute(out_dir)
    finals = [_absolute(path) for path, _ in files]
    staging = _staging(base)
    try:
        for (path, data), final in zip(files, finals):
            _write_staged(staging / final.relative_to(base), data, path)
        if not base.exists() and staging.parent == base.parent:
            os.chmod(staging, 0o777 & ~_umask())  # mkdtemp made it 0700
            os.rename(staging, base)  # a new folder appears whole, or not at all
            return
        _move_into_place(staging, base, finals)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


def cannot_write(path: Path, exc: OSError) -> OutputError:
    """The one line for a failed write: what the user can do about it, not the errno."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return OutputError(path, "output.disk_full")
    if exc.errno == errno.EROFS:
        return OutputError(path, "output.read_only")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return OutputError(path, "output.permission_denied")
    return OutputError(path, "output.cannot_write", reason=os_reason(exc))


def _make_parents(folder: Path) -> list[Path]:
    """Create `folder` and its missing parents; returns the ones created, outermost first."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()][::-1]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        for made in reversed(missing):
            try:
                made.rmdir()
            except OSError:
                pass
        if isinstance(exc, (FileExistsError, NotADirectoryError)):
            raise OutputError(folder, "output.file_in_the_way") from None
        raise cannot_write(folder, exc) from None
    return missing


def _lock_paths(out_dir: Path) -> list[Path]:
    # Beside the folder first: the folder may not exist yet. Inside it only when the parent is
    # read-only, where the folder must already exist and every run falls back the same way.
    return [out_dir.parent / f".{out_dir.name}{LOCK_NAME}", out_dir / LOCK_NAME]


def _acquire(out_dir: Path) -> tuple[int, Path]:
    error: OSError | None = None
    for lock in _lock_paths(out_dir):
        while True:
            try:
                fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
            except OSError as exc:
                error = error or exc
                break
            if not _try_lock(fd):
                os.close(fd)
                raise OutputError(out_dir, "output.locked")
            try:
                if os.fstat(fd).st_ino == os.stat(lock).st_ino:
                    return fd, lock
            except FileNotFoundError:
                pass
            os.close(fd)  # the holder removed the file after we opened it: lock the one now there
    assert error is not None
    raise cannot_write(out_dir, error) from None


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _staging_places(out_dir: Path) -> list[tuple[Path, str]]:
    return [(out_dir.parent, f".{out_dir.name}{STAGING_PREFIX}"), (out_dir, STAGING_PREFIX)]


def _staging(out_dir: Path) -> Path:
    error: OSError | None = None
    for folder, prefix in _staging_places(out_dir):
        try:
            return Path(tempfile.mkdtemp(dir=folder, prefix=prefix))
        except OSError as exc:
            error = error or exc
    assert error is not None
    raise cannot_write(out_dir, error) from None


def _remove_staging(out_dir: Path) -> None:
    for folder, prefix in _staging_places(out_dir):
        if folder.is_dir():
            for stale in folder.iterdir():  # not glob: a folder name may hold [ or *
                if stale.name.startswith(prefix) and stale.is_dir():
                    shutil.rmtree(stale, ignore_errors=True)


def _write_staged(tmp: Path, data: bytes, final: Path) -> None:
    try:
        tmp.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise cannot_write(final, exc) from None


def _move_into_place(staging: Path, out_dir: Path, finals: Sequence[Path]) -> None:
    """Into an existing folder, one rename per file; the files replaced wait in the staging
    folder until the last rename, so that a failure can put every one of them back."""
    backups = staging / ".replaced"
    done: list[tuple[Path, Path | None]] = []  # (final, its backup)
    try:
        for final in finals:
            rel = final.relative_to(out_dir)
            backup = backups / rel if final.exists() else None
            if backup is not None:
                backup.parent.mkdir(parents=True, exist_ok=True)
                os.replace(final, backup)
            done.append((final, backup))
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / rel, final)
    except OSError as exc:
        for final, backup in reversed(done):
            if backup is not None and backup.exists():
                os.replace(backup, final)
            elif backup is None:
                final.unlink(missing_ok=True)
        raise cannot_write(final, exc) from None
