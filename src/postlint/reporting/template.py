"""``--template FILE``: the report rendered by a user's Jinja2 template.

The template runs in Jinja2's sandbox (it cannot reach Python internals) and sees plain
data only:

``violations``
    Active findings, each a record with the keys of the JSON output: ``rule``,
    ``severity``, ``message``, ``path``, ``line``, ``column``, ``end_line``,
    ``end_column``, ``clauses``, ``target`` (``kind``, ``id``), ``field``, ``fix``,
    ``suppressed``, ``fingerprint``; plus ``location`` (``path:line:col``) and, from
    the target, ``account``, ``department`` and ``month``.
``suppressed``
    Suppressed findings, the same records plus ``reason``.
``summary``
    Counts: ``files``, ``posts``, ``accounts``, ``violations``, ``errors``,
    ``warnings``, ``suppressed``, ``by_rule`` (slug → count), ``exit_code``.
``rules``
    Every rule of the run and every reserved slug that occurs: ``slug``, ``summary``,
    ``severity``, ``target``, ``clauses``, ``reserved``.
``today``
    The day judged (``YYYY-MM-DD``); ``tool``: ``name``, ``version``.

Output is autoescaped when the template's name ends in ``.html``, ``.htm``, ``.xml``
(before an optional ``.j2``/``.jinja``).

``violations`` and ``suppressed`` are read as the template walks them, a record at a
time, and the output is written as it is made: a template that loops over an archive's
findings holds one record, not all of them (one that sorts them, or groups them, holds
what it sorts). An error in the template still leaves no output file; the first
:data:`HELD_OUTPUT` characters are held back, so a small report is printed whole or not
at all.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from postlint import __version__
from postlint.engine import Report
from postlint.errors import UsageError
from postlint.reporting.descriptors import descriptors
from postlint.reporting.json import violation_record
from postlint.violation import Violation

if TYPE_CHECKING:
    import jinja2

_MARKUP = (".html", ".htm", ".xml", ".svg")
#: Characters of output held back before the first is written (an error in the
#: template before this point prints nothing).
HELD_OUTPUT = 1 << 20


def render(report: Report, options: dict[str, Any]) -> str:
    """The whole output as one string."""
    return "".join(iter_render(report, options))


def iter_render(report: Report, options: dict[str, Any]) -> Iterator[str]:
    """The output in pieces, as the template makes it (see the module docstring).

    The template is read and compiled before anything is yielded: a missing file or a
    syntax error is raised at once.
    """
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    name = options.get("template")
    if not name:
        raise UsageError("the template format needs a template: give --template FILE")
    path = Path(name)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
        raise UsageError(f"cannot read the template: {why}", path=str(path)) from None
    env = SandboxedEnvironment(
        autoescape=autoescape(path.name),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    try:
        template = env.from_string(source)
    except jinja2.TemplateError as exc:
        raise _usage_error(exc, path) from None
    return _pieces(template.generate(variables(report)), path)


def _pieces(made: Iterator[str], path: Path) -> Iterator[str]:
    """``made`` in pieces of a useful size, the first :data:`HELD_OUTPUT` characters
    held back; a template error is a :class:`UsageError` naming the file."""
    import jinja2

    held: list[str] = []
    size, limit = 0, HELD_OUTPUT
    try:
        for piece in made:
            held.append(piece)
            size += len(piece)
            if size >= limit:
                yield "".join(held)
                held, size, limit = [], 0, _PIECE
    except jinja2.TemplateError as exc:
        raise _usage_error(exc, path) from None
    if held:
        yield "".join(held)


def _usage_error(exc: jinja2.TemplateError, path: Path) -> UsageError:
    """A template's error as the user's to fix, naming the file (and the line of a
    syntax error). Undefined names, sandbox refusals: the message names the variable,
    never a value."""
    import jinja2

    if isinstance(exc, jinja2.TemplateSyntaxError):
        return UsageError(f"template syntax error: {exc.message}", path=str(path), line=exc.lineno)
    return UsageError(f"template error: {exc.message}", path=str(path))


#: Characters written at a time once the held part is out.
_PIECE = 1 << 16


def autoescape(filename: str) -> bool:
    """Whether output is escaped: for HTML and XML templates."""
    stem = filename.lower().removesuffix(".j2").removesuffix(".jinja").removesuffix(".jinja2")
    return stem.endswith(_MARKUP)


def variables(report: Report) -> dict[str, Any]:
    """What a template sees (plain data, documented in the module docstring)."""
    return {
        "violations": Records(report.active, lambda v: record(report, v)),
        "suppressed": Records(
            report.suppressed,
            lambda v: {**record(report, v), "reason": v.suppression_reason},
        ),
        "summary": report.summary(),
        "rules": [
            {
                "slug": d.slug,
                "summary": d.summary,
                "severity": d.severity,
                "target": d.target,
                "clauses": list(d.clauses),
                "reserved": d.reserved,
            }
            for d in descriptors(report)
        ],
        "today": report.today.isoformat() if report.today else None,
        "tool": {"name": "postlint", "version": __version__},
    }


def record(report: Report, v: Violation) -> dict[str, Any]:
    """A finding as a template sees it."""
    info = report.info(v)
    return {
        **violation_record(v),
        "location": v.location,
        "account": info.account,
        "department": info.department,
        "month": info.month,
    }


class Records(Sequence[dict[str, Any]]):
    """Findings as a template sees them, each record made as it is read.

    A sequence: ``length``, indexing, ``first`` and ``last`` work as on a list, and
    each loop over it reads the findings again (from disk, for a run that wrote them
    there).
    """

    def __init__(self, found: Sequence[Violation], make: Callable[[Violation], Any]) -> None:
        self._found = found
        self._make = make

    def __len__(self) -> int:
        return len(self._found)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        make = self._make
        for v in self._found:
            yield make(v)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            if isinstance(self._found, list):
                return [self._make(v) for v in self._found[index]]
            start, stop, step = index.indices(len(self))
            if step > 0:
                return list(itertools.islice(iter(self), start, stop, step))
            return list(self)[index]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("record index out of range")
        if isinstance(self._found, list):
            return self._make(self._found[index])  # type: ignore[no-any-return]
        # Findings read from disk: made as they are read, as when looping (a finding's
        # account and department are known just after it is read).
        return next(itertools.islice(iter(self), index, None))

    def __repr__(self) -> str:  # ``{{ violations }}`` prints as a list did
        return repr(list(self))

    __str__ = __repr__
