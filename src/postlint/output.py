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
    shown = path
    if path.exists() and not path.is_file() and not path.is_dir():
        # A device, a pipe or a socket (``-o /dev/stdout``): written as it is, never
        # replaced (a rename onto /dev/null would put a file in its place).
        try:
            with path.open("w", encoding="utf-8") as out:
                out.writelines(pieces)
        except BrokenPipeError:  # the reader went away (``| head``): as for stdout
            raise
        except OSError as exc:
            raise UsageError(f"{shown}: cannot be written ({_why(exc, path.parent)})") from None
        return
    if path.is_symlink():
        path = path.resolve()
    folder = path.parent
    if path.is_dir():
        raise UsageError(f"{shown}: is a folder; name a file for the output")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(f"{shown}: cannot be written ({_why(exc, folder)})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.writelines(pieces)
        os.chmod(tmp, _mode(path))
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"{shown}: cannot be written ({_why(exc, folder)})") from None
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
