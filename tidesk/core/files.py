"""The one way tidesk writes a file: beside its destination first, flushed to the disk, then renamed into place.

A reader never sees half a file, and a power cut leaves either the old file or the new one. Unless asked to
replace, a file that appeared at the destination meanwhile is never overwritten (the rename is a hard link,
which fails when the name is taken). Finished files get the usual permissions for new files (the umask's),
not the owner-only ones a temporary file would have.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

from tidesk.core.errors import TideskError


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


NEW_FILE_MODE = 0o666 & ~_umask()


def fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (folders have no handle to flush on Windows; renames are durable there)."""
    if os.name != "posix":  # pragma: no cover
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def aside(path: Path, purpose: str = "part") -> Path:
    """A hidden name beside ``path`` for a file being made, unique to this attempt."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.{purpose}")


def place(temporary: Path, path: Path, *, replace: bool = False) -> None:
    """Put a finished, flushed ``temporary`` file at ``path`` and make the rename durable.

    Without ``replace`` a file already at ``path`` is left alone and a TideskError says so."""
    with contextlib.suppress(OSError):
        os.chmod(temporary, NEW_FILE_MODE)
    if replace:
        os.replace(temporary, path)
    else:
        try:
            os.link(temporary, path)  # fails if the name is taken, even by a file that appeared just now
        except FileExistsError as exc:
            temporary.unlink(missing_ok=True)
            raise TideskError(f"{path}: a file is already there, so it was left alone") from exc
        except OSError:  # a filesystem without hard links (FAT on a USB stick): check, then rename
            if path.exists():
                temporary.unlink(missing_ok=True)
                raise TideskError(f"{path}: a file is already there, so it was left alone") from None
            os.replace(temporary, path)
        else:
            temporary.unlink()
    fsync_dir(path.parent)


def rename(source: Path, target: Path) -> None:
    """Move a file to a new name in the same folder, never over a file already there (its mode is kept)."""
    try:
        os.link(source, target)
    except FileExistsError as exc:
        raise TideskError(f"{target}: a file is already there, so it was left alone") from exc
    except OSError:
        if target.exists():
            raise TideskError(f"{target}: a file is already there, so it was left alone") from None
        os.replace(source, target)
    else:
        source.unlink()


@contextlib.contextmanager
def writing(path: Path, *, replace: bool = False, purpose: str = "part") -> Iterator[Path]:
    """Give the block a temporary path beside ``path`` to write (by any means: SQLite, ReportLab, open());
    when the block ends, flush it and put it at ``path``. If the block fails, nothing is left behind."""
    path = Path(path)
    if not path.parent.is_dir():
        raise TideskError(f"{path.parent}: this folder does not exist")
    temporary = aside(path, purpose)
    try:
        yield temporary
        fsync_file(temporary)
        place(temporary, path, replace=replace)
    except BaseException:
        for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm"), Path(f"{temporary}-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        raise


SQLITE_HEADER = b"SQLite format 3\x00"


def _is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def check_output(path: Path, *, reads: tuple[Path, ...] = (), force: bool = False) -> bool:
    """The one rule for every file tidesk writes where a person chose: an output never destroys an input.

    Never over a workspace or a backup (any SQLite file), nor over a file the command reads; over any other
    existing file only when the person said so (``force``: the GUI's save dialog asks, the command line
    needs ``--force``). Returns whether a file is there to be replaced; raises TideskError otherwise."""
    path = Path(path)
    if path.is_dir():
        raise TideskError(f"{path}: this is a folder; give the file a name")
    if not path.exists() and not path.is_symlink():
        if not path.parent.is_dir():
            raise TideskError(f"{path.parent}: this folder does not exist")
        return False
    for source in reads:
        try:
            same = os.path.samefile(path, source)
        except OSError:
            same = False
        if same:
            raise TideskError(f"{path}: this is the file being read, so it cannot also be written")
    if _is_sqlite(path):
        raise TideskError(
            f"{path}: this is a workspace or a backup, which an export never replaces; choose another name"
        )
    if not path.is_file():
        raise TideskError(f"{path}: this is not an ordinary file, so it is left alone")
    if not force:
        raise TideskError(f"{path}: a file is already there; choose another name, or replace it with --force")
    return True


def write_bytes(path: Path, data: bytes, *, replace: bool = False) -> Path:
    with writing(path, replace=replace) as temporary, open(temporary, "xb") as out:
        out.write(data)
    return Path(path)


def write_text(path: Path, text: str, *, replace: bool = False) -> Path:
    """Text as UTF-8 with Unix line ends (form files are compared and read by people in any editor)."""
    return write_bytes(path, text.encode("utf-8"), replace=replace)


def copy_file(source: Path, path: Path, *, replace: bool = False) -> Path:
    with writing(path, replace=replace) as temporary:
        shutil.copyfile(source, temporary)
    return Path(path)
