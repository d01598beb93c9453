"""Writing a report, a baseline or a statement to a file named on the command line.

A report is written as it is made (a finding at a time), so a run that stops half way
must not leave half a report where CI picks up the last good one: the pieces go to a
temporary file beside the target, which replaces it only once complete. A path that
cannot be written is the user's to fix, and is said so, with the reason.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from postlint.errors import UsageError


def write_output(path: Path, pieces: Iterable[str]) -> None:
    """Write ``pieces`` (text, in order) to ``path``, whole or not at all (through a
    symbolic link, to the file it names: the link stays; a device or a pipe is written
    to as it is)."""
    if path.exists() and not path.is_file() and not path.is_dir():
        # A device, a pipe or a socket (``-o /dev/stdout``): written as it is, never
        # replaced (a rename onto /dev/null would put a file in its place).
        try:
            with path.open("w", encoding="utf-8") as out:
                out.writelines(pieces)
        except BrokenPipeError:  # the reader went away (``| head``): as for stdout
            raise
        except OSError as exc:
            raise UsageError(f"{path}: cannot be written ({_why(exc, path.parent)})") from None
        return
    if path.is_dir():
        raise UsageError(f"{path}: is a folder; name a file for the output")
    try:
        replace_file(path, pieces)
    except OSError as exc:
        folder = (path.resolve() if path.is_symlink() else path).parent
        raise UsageError(f"{path}: cannot be written ({_why(exc, folder)})") from None


def replace_file(
    path: Path, pieces: Iterable[str], *, newline: str | None = None, sync: bool = False
) -> None:
    """Replace ``path``'s content with ``pieces``: a temporary file in the same folder,
    renamed into place once complete (through a symbolic link, the file it names).

    The file keeps its mode (a new one gets the mode ``open`` gives); ``newline`` is as
    for ``open`` (``""``: written exactly), and ``sync`` reaches the disk before the
    rename. ``OSError`` is the caller's to word; no temporary file is left behind.
    """
    if path.is_symlink():
        path = path.resolve()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as out:
            out.writelines(pieces)
            if sync:
                out.flush()
                os.fsync(out.fileno())
        os.chmod(tmp, _mode(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode(path: Path) -> int:
    """The mode the file keeps (if it exists) or gets (as ``open`` would make it)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _why(exc: OSError, folder: Path) -> str:
    if isinstance(exc, FileNotFoundError) and not folder.is_dir():
        return f"the folder {folder} does not exist"
    return exc.strerror or type(exc).__name__
