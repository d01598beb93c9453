"""Bulk archives in chunks: streamed in one process, or spread over a process pool.

The linter is a pure function of (post, context), so an archive splits into byte
ranges that end at line ends; each range is parsed and linted on its own and the
results are merged back in the archive's order. ``--jobs 1`` runs the very same
chunks in this process, so both give the same findings in the same order.

Memory stays flat in the archive's size: a chunk is read a line at a time, only
findings (and the few records that carry suppressions) come back, and at most
``2 × jobs`` chunks are in flight; past a bound, the findings go to disk
(:mod:`postlint.findings`).
"""

from __future__ import annotations

import itertools
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from postlint.errors import InputError
from postlint.gcscope import keep, set_aside

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from postlint.engine import Linter, TargetInfo
    from postlint.models import Post
    from postlint.origin import ContentFile
    from postlint.violation import Violation

#: Bytes of JSON Lines per chunk: a few thousand posts, enough to amortise the
#: hand-over to a worker, small enough to keep both cores busy to the end.
CHUNK_BYTES = 1 << 20


@dataclass(frozen=True)
class Chunk:
    """A piece of one archive: a line-aligned byte range of JSON Lines, a batch of a
    JSON array's elements, or the whole file."""

    path: str
    shown: str
    start: int = 0
    #: End offset (exclusive); ``None`` reads the whole archive (or ``elements``).
    end: int | None = None
    first_line: int = 1
    #: Bytes this chunk covers, for progress.
    size: int = 0
    #: Elements of a JSON array as written (text, line, column), or the errors where
    #: they are broken: read once by the parent, decoded and linted by a worker.
    elements: tuple[tuple[str, int, int] | InputError, ...] | None = None
    #: Post files (path, bytes), each read and linted whole, its file rules too.
    files: tuple[tuple[str, int], ...] | None = None


@dataclass
class ChunkResult:
    """What linting one chunk found."""

    findings: list[Violation] = field(default_factory=list)
    posts: int = 0
    #: Account, department and month of each post that has a finding.
    targets: dict[tuple[str, str], TargetInfo] = field(default_factory=dict)
    #: Posts that carry ``suppress:`` entries, for the run's suppression stage.
    suppressing: list[Post] = field(default_factory=list)
    size: int = 0
    #: What a worker stored in its shared caches for this chunk (the verdicts on the
    #: hashtags it met), passed on to the others: ``LintContext.fresh_shared``.
    shared: dict[str, dict[Any, Any]] = field(default_factory=dict)
    #: The post files read (a chunk of files): the run lists them, and reads their
    #: suppression comments.
    files: list[ContentFile] = field(default_factory=list)


def chunks(archives: Iterable[Path], size: int | None = None, jobs: int = 1) -> Iterator[Chunk]:
    """The chunks of every archive, in order.

    A JSON Lines archive is cut into line-aligned byte ranges. A JSON array is one chunk
    for one job; for more, this reads it (as lazily as the chunks are asked for) and
    hands out batches of its elements, since where its elements end is known only by
    reading it.

    For ``jobs`` above 1 the last stretch of the work is cut finer (each chunk at most
    a ``2 × jobs``-th of what is left, down to :data:`WARM_BYTES`): the workers then
    finish together, instead of one idling while another lints a whole last chunk.
    """
    from postlint.loading.archive import is_json_array
    from postlint.loading.files import display_path

    size = CHUNK_BYTES if size is None else size
    sized: list[tuple[Path, int, bool, bool]] = []
    for path in archives:
        try:
            array = is_json_array(path)
            total = path.stat().st_size
        except OSError:  # the reader reports why it cannot be read
            sized.append((path, 0, True, False))
            continue
        sized.append((path, total, array or size <= 0, array))
    left = sum(item[1] for item in sized)  # bytes of work from this archive on
    for path, total, whole, array in sized:
        shown = display_path(path)
        if array and jobs > 1 and size > 0:
            yield from _array_batches(path, shown, size, total, tail=(left, jobs))
        elif whole:
            yield Chunk(str(path), shown, size=total)
        else:
            yield from _line_ranges(path, shown, size, tail=(left, jobs))
        left -= total


#: Post files in a chunk: enough to amortise the hand-over (a file costs about 1 ms).
FILES_PER_CHUNK = 48


def file_chunks(paths: Iterable[Path], per_chunk: int = FILES_PER_CHUNK) -> Iterator[Chunk]:
    """Post files in chunks of ``per_chunk``, in order: each read and linted whole by
    whichever process gets it (for ``--jobs`` over a content repository)."""
    batch: list[tuple[str, int]] = []
    for path in paths:
        try:
            size = path.stat().st_size
        except OSError:  # the reader reports why it cannot be read
            size = 0
        batch.append((str(path), size))
        if len(batch) >= per_chunk:
            yield _files_chunk(batch)
            batch = []
    if batch:
        yield _files_chunk(batch)


def _files_chunk(batch: list[tuple[str, int]]) -> Chunk:
    """A chunk of post files (path, bytes), named by its first."""
    from postlint.loading.files import display_path

    first = batch[0][0]
    return Chunk(
        first, display_path(Path(first)), size=sum(n for _, n in batch), files=tuple(batch)
    )


def _piece(size: int, left: int, jobs: int) -> int:
    """The size of the next piece when ``left`` bytes of work remain: ``size``, but at
    most a ``2 × jobs``-th of what is left (not below :data:`WARM_BYTES`)."""
    if jobs <= 1:
        return size
    return min(size, max(left // (2 * jobs), WARM_BYTES))


def _element_size(element: tuple[str, int, int] | InputError) -> int:
    """The bytes an element of a JSON array counts for (its text and a separator)."""
    return 0 if isinstance(element, InputError) else len(element[0]) + 1


def _array_batches(
    path: Path, shown: str, size: int, total: int, tail: tuple[int, int]
) -> Iterator[Chunk]:
    """A JSON array's ``total`` bytes of elements in batches of about ``size`` bytes of
    text, cut finer at the end of the work as :func:`_line_ranges` cuts (``tail``: the
    bytes of work from this file's start, and the jobs)."""
    from postlint.loading.archive import array_elements

    left, jobs = tail
    batch: list[tuple[str, int, int] | InputError] = []
    held = sent = 0  # characters of element text in the batch, and handed out before it
    for element in array_elements(path, shown):
        batch.append(element)
        if isinstance(element, InputError):
            continue
        held += _element_size(element)
        if held >= _piece(size, left - sent - held, jobs):
            yield Chunk(str(path), shown, size=held, elements=tuple(batch))
            sent += held
            batch, held = [], 0
    # The last batch (maybe empty) brings the progress to the file's size.
    yield Chunk(str(path), shown, size=max(total - sent, 0), elements=tuple(batch))


def _line_ranges(
    path: Path,
    shown: str,
    size: int,
    start: int = 0,
    line: int = 1,
    tail: tuple[int, int] | None = None,
) -> Iterator[Chunk]:
    """Byte ranges of about ``size`` bytes from ``start`` (a line start, numbered
    ``line``), each extended to the next line end.

    With ``tail`` (the bytes of work from this file's start, and the jobs), each range
    is sized by :func:`_piece` from the work left.
    """
    with path.open("rb") as stream:
        stream.seek(start)
        while True:
            want = size if tail is None else _piece(size, tail[0] - start, tail[1])
            block = stream.read(want)
            if not block:
                return
            length, lines = len(block), block.count(b"\n")
            if not block.endswith(b"\n"):
                # To the end of the line, a piece at a time: a hostile archive's one
                # giant line is measured here, never held (the reader refuses it).
                while piece := stream.readline(want):
                    length += len(piece)
                    if piece.endswith(b"\n"):
                        lines += 1
                        break
            yield Chunk(str(path), shown, start, start + length, line, length)
            line += lines
            start += length


def lint_chunk(linter: Linter, chunk: Chunk) -> ChunkResult:
    """Parse and lint one chunk (in this process or in a worker)."""
    from postlint.api import target_info
    from postlint.engine import input_error
    from postlint.loading.archive import array_records, iter_archive, iter_jsonl

    if chunk.files is not None:
        return _lint_files(linter, chunk)
    path = Path(chunk.path)
    if chunk.elements is not None:
        records = array_records(chunk.elements, chunk.shown)
    elif chunk.end is None:
        records = iter_archive(path, chunk.shown)
    else:
        records = iter_jsonl(path, chunk.shown, chunk.start, chunk.end, chunk.first_line)
    result = ChunkResult(size=chunk.size)
    with linter.watching():  # the time bound per post (free when the run already has it)
        for item in records:
            if isinstance(item, InputError):
                result.findings.append(input_error(item.path, item.line, item.message))
                continue
            result.posts += 1
            found = linter.check_post(item)
            if found:
                result.findings.extend(found)
                result.targets[("post", item.id)] = target_info(linter, item)
            if item.suppress:
                result.suppressing.append(item)
    return result


def _lint_files(linter: Linter, chunk: Chunk) -> ChunkResult:
    """Read and lint a chunk's post files, as a run does them one by one: each post
    described, then its file's own rules (``plaintext-secret``)."""
    from postlint.api import lint_read_posts
    from postlint.loading.repo import read_post_file

    result = ChunkResult(size=chunk.size)
    with linter.watching():
        for path, _ in chunk.files or ():
            file, read = read_post_file(Path(path))
            result.posts += lint_read_posts(
                linter, read, result.targets, result.findings, result.suppressing
            )
            if file is not None:
                result.files.append(file)
                result.findings.extend(linter.check_file(file))
    return result


def lint_chunks(linter: Linter, work: Iterable[Chunk], jobs: int = 1) -> Iterator[ChunkResult]:
    """Results of every chunk in ``work``, in order; ``jobs`` processes when above 1."""
    if jobs <= 1:
        for chunk in work:
            yield lint_chunk(linter, chunk)
        return
    from concurrent.futures.process import BrokenProcessPool  # only a pool needs it

    chunks_left = iter(work)
    first = next(chunks_left, None)
    if first is None:
        return
    # The head of the first chunk runs here: it warms the linter (packs read, automata
    # built, models loaded on first use) before the fork, so workers inherit it ready.
    # A small head: while it runs, no worker does.
    head, rest = _split(first, WARM_BYTES)
    yield lint_chunk(linter, head)
    # Each worker would judge every recurring hashtag on its own (the dearest thing a
    # post can need: a split search of about 0.15 ms, over a thousand tags recurring
    # all through an archive). What the last results brought is handed to the next
    # chunks instead: each batch rides with 2 × jobs submissions, so every worker gets
    # it. Findings do not depend on it: a shared value is the one a worker would find.
    recent: deque[dict[str, dict[Any, Any]]] = deque(maxlen=2 * jobs)
    # What the parent holds now (the linter, and whatever the caller's process holds)
    # is set aside from garbage collection while the pool runs (``gcscope``): the
    # workers' collector does not touch (and so copy) the pages they inherit, and the
    # parent, which unpickles every result, does not scan it again and again.
    todo = itertools.chain([rest] if rest is not None else [], chunks_left)
    # Each chunk handed out, with its future once submitted, until its result is taken.
    pending: deque[list[Any]] = deque()
    broken: BaseException | None = None
    with set_aside():
        keep()  # before the fork
        with _pool(linter, jobs) as pool:
            try:
                for chunk in todo:
                    pending.append([chunk, None])
                    pending[-1][1] = pool.submit(_work, chunk, tuple(recent))
                    if len(pending) >= 2 * jobs:
                        yield _learn(pending[0][1].result(), recent)
                        pending.popleft()
                while pending:
                    yield pending[0][1].result()
                    pending.popleft()
            except BrokenProcessPool as exc:
                broken = exc
    if broken is None:
        return
    # A worker died (killed for memory, say): nothing it held is lost. What it and the
    # others had not finished is linted here, in order, as one process would.
    sys.stderr.write(
        "postlint: a worker process stopped unexpectedly; the rest of the run goes on in"
        " this process\n"
    )
    for chunk, future in pending:
        done = future is not None and future.done() and future.exception() is None
        yield future.result() if done else lint_chunk(linter, chunk)
    for chunk in todo:
        yield lint_chunk(linter, chunk)


def _learn(result: ChunkResult, recent: deque[dict[str, dict[Any, Any]]]) -> ChunkResult:
    if result.shared:
        recent.append(result.shared)
    return result


#: Bytes of the first chunk linted before the pool starts (a few hundred posts).
WARM_BYTES = 64 << 10


def _split(chunk: Chunk, size: int) -> tuple[Chunk, Chunk | None]:
    """The first ``size`` bytes of a byte range (to a line end) or of a batch of
    elements (to an element end), and the rest, if any."""
    if chunk.elements is not None:
        return _split_elements(chunk, size)
    if chunk.files is not None:
        return _split_files(chunk, size)
    if chunk.end is None or chunk.end - chunk.start <= size:
        return chunk, None
    ranges = _line_ranges(Path(chunk.path), chunk.shown, size, chunk.start, chunk.first_line)
    head, after = next(ranges), next(ranges, None)  # the next range knows its first line
    if after is None or after.start >= chunk.end:  # the chunk ends at a line end
        return chunk, None
    rest = Chunk(chunk.path, chunk.shown, after.start, chunk.end, after.first_line,
                 chunk.end - after.start)  # fmt: skip
    return head, rest


def _split_elements(chunk: Chunk, size: int) -> tuple[Chunk, Chunk | None]:
    elements = chunk.elements or ()
    count, held = _leading([_element_size(e) for e in elements], size)
    if count >= len(elements):
        return chunk, None
    return (
        replace(chunk, size=held, elements=elements[:count]),
        replace(chunk, size=max(chunk.size - held, 0), elements=elements[count:]),
    )


def _split_files(chunk: Chunk, size: int) -> tuple[Chunk, Chunk | None]:
    files = chunk.files or ()
    count, held = _leading([n for _, n in files], size)
    if count >= len(files):
        return chunk, None
    return replace(chunk, size=held, files=files[:count]), _files_chunk(list(files[count:]))


def _leading(sizes: list[int], size: int) -> tuple[int, int]:
    """How many of the first items hold ``size`` bytes (one at least, when there is
    one), and their bytes."""
    count = held = 0
    while count < len(sizes) and (count == 0 or held < size):
        held += sizes[count]
        count += 1
    return count, held


#: Distinct messages and paths the compactor remembers (a message repeats per tag or
#: term; an archive's path is one).
_MAX_TEXTS = 1 << 16


class Compactor:
    """Keeps a run's many findings small: equal bookkeeping is stored once.

    Each pydantic model carries the set of the fields it was given (about 1.2 KB for
    a located finding). Findings of one run share a handful of distinct sets, so
    each finding (and its target) is pointed at one shared copy; a copy made later
    (``model_copy``) copies the set before changing it, so sharing is safe. Equal
    messages (a tag's finding repeats in every post that uses it) and paths are held
    once too. Together with shared target descriptions this more than halves the memory
    a finding holds, which is what a million-post archive keeps until it is reported.
    """

    def __init__(self) -> None:
        self._sets: dict[frozenset[str], set[str]] = {}
        self._infos: dict[TargetInfo, TargetInfo] = {}
        self._texts: dict[str, str] = {}

    def finding(self, violation: Violation) -> Violation:
        """``violation``, its field sets (and its message and path, when another
        finding has the same) shared with the findings seen before."""
        self._share(violation)
        self._share(violation.target)
        fields = violation.__dict__
        for name in ("message", "path"):
            text = fields.get(name)
            if isinstance(text, str):
                if len(self._texts) >= _MAX_TEXTS:
                    self._texts.clear()  # keeps sharing the texts that come next
                fields[name] = self._texts.setdefault(text, text)
        return violation

    def info(self, info: TargetInfo) -> TargetInfo:
        """An equal target description seen before, or this one."""
        return self._infos.setdefault(info, info)

    def _share(self, model: Any) -> None:
        fields = getattr(model, "__pydantic_fields_set__", None)
        if not isinstance(fields, set):  # another pydantic: nothing to share
            return
        shared = self._sets.setdefault(frozenset(fields), fields)
        if shared is not fields:
            object.__setattr__(model, "__pydantic_fields_set__", shared)


def default_jobs() -> int:
    """The CPUs this process may use (``--jobs 0``)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


# ---------------------------------------------------------------- workers

_LINTER: Linter | None = None


def _pool(linter: Linter, jobs: int) -> ProcessPoolExecutor:
    """A pool whose workers each hold one linter, set up once by the initializer.

    With ``fork`` a worker inherits the parent's linter (plugins given in code
    included) without pickling it; elsewhere it builds one from the same facts.
    """
    import multiprocessing  # only runs with jobs > 1 pay for it
    from concurrent.futures import ProcessPoolExecutor

    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    payload: Any = linter if fork else linter_facts(linter)
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=_init, initargs=(payload,))


def linter_facts(linter: Linter) -> dict[str, Any]:
    """Picklable arguments that rebuild ``linter`` elsewhere: ``Linter(**facts)``.

    For spawned workers, and for Dask or Spark workers (see ``docs/scaling.md``).
    Plugins are found again from their entry points; plugin objects given in code are
    not carried over.
    """
    ctx = linter.context
    return {
        "config": linter.config,
        "roster": ctx.roster,
        "consents": ctx.consents,
        "accounts": list(ctx.accounts.values()),
        "today": ctx.today,
        "select": [rule.slug for rule in linter.rules],
    }


def _init(payload: Any) -> None:
    global _LINTER
    import signal

    from postlint.engine import Linter

    # Under fork the linter is inherited: its memory of the configuration findings
    # already reported keeps workers from repeating them (the merge drops repeats
    # among workers). Under spawn each worker builds its own from the same facts.
    if isinstance(payload, Linter):
        # A forked child inherits the parent's SIGALRM handler but not its interval
        # timer: let the worker arm its own, so the time bound holds there too.
        payload.watchdog.armed = False
        payload.watchdog.deadline = 0.0
        if hasattr(signal, "SIGALRM"):
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
    _LINTER = payload if isinstance(payload, Linter) else Linter(**payload)
    _LINTER.context.start_sharing()


def _work(chunk: Chunk, shared: tuple[dict[str, dict[Any, Any]], ...] = ()) -> ChunkResult:
    """Lint ``chunk`` in a worker, knowing what other workers ``shared`` (the shared
    cache entries of the last few results)."""
    assert _LINTER is not None, "the pool initializer sets the linter"
    context = _LINTER.context
    for entries in shared:
        context.add_shared(entries)
    result = lint_chunk(_LINTER, chunk)
    result.shared = context.fresh_shared()
    return result
