"""Reporters turn a :class:`~postlint.engine.Report` into text for people or machines.

Each format is a module with ``render(report, options) -> str``; they are imported only
when used, so the formats cost nothing to a run that does not ask for them. Plugins add
formats through the ``postlint_reporters`` hook.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from postlint.errors import UsageError

if TYPE_CHECKING:
    from postlint.engine import Report

FORMATS = {
    "text": "postlint.reporting.text",
    "json": "postlint.reporting.json",
    "sarif": "postlint.reporting.sarif",
    "junit": "postlint.reporting.junit",
    "github": "postlint.reporting.github",
    "html": "postlint.reporting.html",
    "template": "postlint.reporting.template",
}


def reporter(fmt: str, extra: Mapping[str, Any] | None = None) -> Callable[..., str]:
    """The render function of format ``fmt``."""
    if extra and fmt in extra:
        return extra[fmt]  # type: ignore[no-any-return]
    module = FORMATS.get(fmt)
    if module is None:
        known = ", ".join(sorted({*FORMATS, *(extra or {})} - {"template"}))
        raise UsageError(f"unknown output format {fmt!r}; choose one of: {known}")
    try:
        return importlib.import_module(module).render  # type: ignore[no-any-return]
    except ModuleNotFoundError:
        raise UsageError(f"output format {fmt!r} is not available in this version") from None


def render(fmt: str, report: Report, options: Mapping[str, Any] | None = None) -> str:
    """``report`` in format ``fmt``."""
    return reporter(fmt)(report, dict(options or {}))


def stream(fmt: str, report: Report, options: Mapping[str, Any] | None = None) -> Iterable[str]:
    """``report`` in format ``fmt`` as pieces to write in turn.

    Formats with an ``iter_render`` (all but html) yield a finding at a
    time, so a large report is never held as one string; the others give their whole
    output as one piece.
    """
    module = FORMATS.get(fmt)
    if module is not None:
        try:
            streaming = getattr(importlib.import_module(module), "iter_render", None)
        except ModuleNotFoundError:
            streaming = None
        if streaming is not None:
            return streaming(report, dict(options or {}))  # type: ignore[no-any-return]
    return [render(fmt, report, options)]
