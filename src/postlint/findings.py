"""A run's findings: held in memory up to a bound, past it in sorted runs on disk.

A run keeps every finding until its report is written (they are suppressed, sorted,
counted and compared with a baseline first), about 1.1 KB each in memory. An archive
where most posts have a finding (an export that records no approvals, say) would need a
gigabyte for a million posts. So past :data:`HELD` findings, those held are sorted,
written to a temporary file as one *run* and let go; reading the findings merges the
runs (``heapq.merge``, which keeps equal findings in the order they came), so they come
back in report order a few at a time, and memory stays flat in the findings too.

What a finding's target belongs to (account, department, month: the run's
``Report.targets``) goes into the run with the finding, and comes back with it:
:attr:`Findings.recent` holds it for the findings just read, for
:meth:`postlint.engine.Report.info`.

A run that never passes the bound never writes anything: the engine then keeps a plain
list, as it always has. The runs' folder is deleted with the findings; one left by a run
killed outright is deleted by the next run that needs a folder (:func:`sweep`).
"""

from __future__ import annotations

import itertools
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from postlint.violation import Violation

if TYPE_CHECKING:
    from postlint.engine import TargetInfo

#: Findings held in memory before they are written to disk (about 55 MB of them).
HELD = 50_000
#: Findings pickled together (the texts they share are written once a batch).
BATCH = 1000
#: Target descriptions of the findings read last, kept for ``Report.info``.
RECENT = 4096

Key = Callable[[Violation], Any]
T = TypeVar("T")
Pair = tuple[Violation, "TargetInfo | None"]


def report_order(v: Violation) -> Any:
    """The order of a report (:meth:`Violation.sort_key`)."""
    return v.sort_key()


class _Read(Sequence[Violation]):
    """A sequence of findings read in order each time it is iterated: compared, and
    indexed, by reading them all (a convenience for small runs and tests)."""

    @overload
    def __getitem__(self, index: int) -> Violation: ...

    @overload
    def __getitem__(self, index: slice) -> list[Violation]: ...

    def __getitem__(self, index: int | slice) -> Violation | list[Violation]:
        return list(self)[index]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # mutable


class _Runs:
    """Sorted runs in a folder of their own, deleted with the object."""

    _limit: int
    _runs: list[Path]
    _folder: Path | None

    def _write_run(self, items: Iterable[Any]) -> bool:
        """Write ``items`` (in order) as the next run, pickled a batch at a time;
        ``False`` when it cannot be written (the items then stay in memory)."""
        import pickle
        import weakref

        path = None
        try:
            if self._folder is None:
                self._folder, owned = _new_folder()
                weakref.finalize(self, _remove, self._folder, owned)
            path = self._folder / f"run-{len(self._runs)}.pickle"
            items = iter(items)
            with path.open("wb") as out:
                while batch := list(itertools.islice(items, BATCH)):
                    pickle.dump(batch, out, protocol=pickle.HIGHEST_PROTOCOL)
        except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
            # No room on disk, no temporary folder, a plugin's finding that cannot be
            # pickled: the items stay in memory, as they did before runs existed.
            if path is not None:
                path.unlink(missing_ok=True)
            self._limit = sys.maxsize
            reason = getattr(exc, "strerror", None) or type(exc).__name__
            sys.stderr.write(
                f"postlint: findings are kept in memory ({reason} writing them to disk)\n"
            )
            return False
        self._runs.append(path)
        return True


class Findings(_Runs, _Read):
    """Findings in ``key`` order (report order by default), equal ones as they came.

    ``targets`` is the run's map of target descriptions: the entries of the posts whose
    findings are written to disk move into the run with them (an account's, a file's
    stay where they are).
    """

    def __init__(
        self,
        key: Key = report_order,
        targets: MutableMapping[tuple[str, str], TargetInfo] | None = None,
        held: int | None = None,
    ) -> None:
        self._key = key
        self._targets = targets if targets is not None else {}
        self._limit = HELD if held is None else max(held, 1)
        self._held: list[Violation] = []
        self._infos: list[TargetInfo | None] = []
        self._sorted = True
        self._runs: list[Path] = []
        self._counts: Counter[tuple[str, str, bool]] = Counter()
        self._folder: Path | None = None
        #: The target descriptions of the findings read last, by ``(kind, id)``.
        self.recent: dict[tuple[str, str], TargetInfo] = {}

    # ------------------------------------------------------------------ adding

    def append(self, v: Violation, info: TargetInfo | None = None) -> None:
        """Add ``v`` (with the description of its target, when the run's map does not
        hold it); :meth:`settle` sends them to disk."""
        self._held.append(v)
        self._infos.append(info)
        self._sorted = False
        self._counts[(v.rule, v.severity, v.suppressed)] += 1  # known without reading

    def extend(self, items: Iterable[Violation]) -> None:
        for v in items:
            self.append(v)

    def settle(self) -> None:
        """Write the findings held to disk if there are too many. Called where no
        finding to come needs a description the run's map holds now: between chunks of
        posts (a post's findings come together, its description after them), or when
        every finding comes with its own."""
        if len(self._held) >= self._limit:
            self._spill()

    @property
    def spilled(self) -> bool:
        """Whether some findings are on disk."""
        return bool(self._runs)

    def held(self) -> list[Violation]:
        """The findings (only while none is on disk): in the order they came, or in
        order once read."""
        if self._runs:
            raise ValueError("findings are on disk; read them in order instead")
        return list(self._held)

    # ----------------------------------------------------------------- reading

    def __len__(self) -> int:
        return sum(self._counts.values())

    def __iter__(self) -> Iterator[Violation]:
        recent = self.recent
        for v, info in self.pairs():
            if info is not None:
                if len(recent) >= RECENT:
                    recent.clear()
                recent[(v.target.kind, v.target.id)] = info
            yield v

    def pairs(self) -> Iterator[Pair]:
        """Each finding in order with the description of its target (``None``: none
        is known)."""
        held = self._held_pairs()
        if not self._runs:
            yield from held
            return
        import heapq

        key = self._key
        streams = [_read_run(path) for path in self._runs]
        yield from heapq.merge(*streams, held, key=lambda pair: key(pair[0]))

    def remade(self, pairs: Iterable[Pair]) -> Findings:
        """A store like this one (its order, the run's map) holding ``pairs``: findings
        read from here, changed or left out (suppressions, a baseline), each with its
        target's description."""
        made = Findings(self._key, self._targets, self._limit)
        for v, info in pairs:
            made.append(v, info)
            made.settle()
        return made

    def __repr__(self) -> str:
        return f"Findings(count={len(self)}, runs={len(self._runs)})"

    def counts(self) -> Counter[tuple[str, str, bool]]:
        """How many findings of each (rule, severity, suppressed), counted as they came."""
        return Counter(self._counts)

    def select(self, suppressed: bool) -> Selection:
        """The findings that are (or are not) suppressed, read from here as needed."""
        return Selection(self, suppressed)

    # ------------------------------------------------------------------ runs

    def _held_pairs(self) -> Iterator[Pair]:
        """The findings held, in order, with their targets' descriptions (given, or
        from the run's map)."""
        self._sort_held()
        targets = self._targets
        for v, info in zip(self._held, self._infos, strict=True):
            yield v, info if info is not None else targets.get((v.target.kind, v.target.id))

    def _sort_held(self) -> None:
        if self._sorted:
            return
        key = self._key
        held = self._held
        order = sorted(range(len(held)), key=lambda i: key(held[i]))
        self._held = [held[i] for i in order]
        self._infos = [self._infos[i] for i in order]
        self._sorted = True

    def _spill(self) -> None:
        if not self._write_run(self._held_pairs()):
            return
        # A post's description now travels with its findings (an account's and a
        # file's stay in the map, for the outputs that read them by file).
        for v in self._held:
            if v.target.kind == "post":
                self._targets.pop((v.target.kind, v.target.id), None)
        self._held, self._infos = [], []


# ------------------------------------------------------------------ the folder
#
# A run's folder is deleted with its findings, or at exit. A run killed outright
# (SIGKILL, the out-of-memory killer, a power cut) cannot delete it, so each folder holds
# a lock its process keeps while it lives: the operating system lets the lock go when the
# process ends, however it ends. The next run that needs a folder deletes the folders
# whose lock it can take.

#: The folders' names start with this, in the temporary folder.
FOLDER_PREFIX = "postlint-findings-"
#: The file whose lock the folder's process holds.
_LOCK = "owner.lock"
#: A folder without a lock file (made by a version before the locks, or by a process
#: killed between making the folder and its lock) is deleted once this old.
_UNLOCKED_AGE = 24 * 3600


def _new_folder() -> tuple[Path, Any]:
    """A new folder for runs, and its held lock (``None`` where locks are unknown);
    abandoned folders are deleted first, once per process."""
    import tempfile

    _sweep_once(Path(tempfile.gettempdir()))
    folder = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))
    try:
        return folder, _lock(folder / _LOCK, create=True)
    except OSError:  # no lock: the folder is still deleted with the findings
        return folder, None


def _remove(folder: Path, owned: Any) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    if owned is not None:
        owned.close()


def _lock(path: Path, *, create: bool) -> Any:
    """``path`` opened with its lock taken; ``None`` where file locks are unknown
    (Windows). ``BlockingIOError`` when another process holds it."""
    try:
        import fcntl
    except ImportError:
        return None
    flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | (os.O_CREAT if create else 0)
    fd = os.open(path, flags, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


_swept: list[Path] = []


def _sweep_once(temporary: Path) -> None:
    if temporary not in _swept:
        _swept.append(temporary)
        sweep(temporary)


def sweep(temporary: Path) -> int:
    """Delete the folders in ``temporary`` left by runs that ended without deleting
    them (this user's only); the number deleted. A folder whose process still runs is
    left alone."""
    import shutil
    import time

    try:
        import fcntl  # noqa: F401  # without file locks, nothing can be known dead
    except ImportError:
        return 0
    uid = os.getuid()
    removed = 0
    try:
        entries = list(os.scandir(temporary))
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.startswith(FOLDER_PREFIX):
            continue
        try:
            if not entry.is_dir(follow_symlinks=False):
                continue
            info = entry.stat(follow_symlinks=False)
            if info.st_uid != uid:
                continue
            try:
                held = _lock(Path(entry.path) / _LOCK, create=False)
            except FileNotFoundError:
                if time.time() - info.st_mtime < _UNLOCKED_AGE:
                    continue  # being made now, perhaps
                held = None
            try:
                shutil.rmtree(entry.path, ignore_errors=True)
            finally:
                if held is not None:
                    held.close()
            removed += 1
        except OSError:  # locked by its live process (BlockingIOError), or unreadable
            continue
    return removed


class SortedRuns(_Runs, Generic[T]):
    """Items (tuples of plain values, say) read back in their natural order, past
    :data:`HELD` of them from sorted runs on disk, as :class:`Findings` keeps findings.

    Sorting is stable only as the items compare: give each a sequence number before
    any value that may not compare (``None``) to keep equal ones in the order they came.
    """

    def __init__(self, held: int | None = None) -> None:
        self._limit = HELD if held is None else max(held, 1)
        self._held: list[T] = []
        self._runs: list[Path] = []
        self._folder: Path | None = None
        self._count = 0

    def append(self, item: T) -> None:
        self._held.append(item)
        self._count += 1
        if len(self._held) >= self._limit:
            self._spill()

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[T]:
        self._held.sort()
        if not self._runs:
            return iter(self._held)
        import heapq

        return heapq.merge(*(_read_run(path) for path in self._runs), self._held)

    def _spill(self) -> None:
        self._held.sort()
        if self._write_run(self._held):
            self._held = []


def _read_run(path: Path) -> Iterator[Any]:
    """The items of one run (findings, or a baseline's entries), in its order, a batch
    at a time."""
    import pickle

    with path.open("rb") as stream:
        while True:
            try:
                batch = pickle.load(stream)
            except EOFError:
                return
            yield from batch


class Selection(_Read):
    """The suppressed (or the active) findings of a :class:`Findings`, in its order,
    read from it each time they are iterated; counted without reading them again."""

    def __init__(self, findings: Findings, suppressed: bool) -> None:
        self._findings = findings
        self._suppressed = suppressed

    def __iter__(self) -> Iterator[Violation]:
        wanted = self._suppressed
        return (v for v in self._findings if v.suppressed is wanted)

    def __len__(self) -> int:
        wanted = self._suppressed
        return sum(n for (_, _, suppressed), n in self._findings.counts().items()
                   if suppressed is wanted)  # fmt: skip

    def __repr__(self) -> str:
        return f"Selection(suppressed={self._suppressed}, count={len(self)})"
