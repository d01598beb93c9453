"""What a rule is: metadata, a docstring that becomes its docs page, and a check.

A rule is a small object. Subclass :class:`Rule`, set the class attributes, write the
docstring with the sections *What it checks / Why / Fails / Passes / Configure*, and
implement :meth:`Rule.check` as a generator of findings made with :meth:`Rule.violation`.
Rules do no I/O and print nothing: everything they need comes from the target and the
:class:`~postlint.context.LintContext`.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from postlint.violation import Fix, Severity, Target, TargetKind, Violation

if TYPE_CHECKING:
    from postlint.context import LintContext
    from postlint.errors import ConfigError
    from postlint.origin import Location

AccountKind = Literal["official", "personal"]
_SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Rule:
    """Base class of every rule, built-in or from a plugin."""

    #: Stable kebab-case name: the public interface (config, suppressions, output).
    slug: ClassVar[str] = ""
    #: One line: what the rule finds.
    summary: ClassVar[str] = ""
    #: Default severity; the config's ``severity:`` overrides it.
    severity: ClassVar[Severity] = "error"
    #: What it judges: a post, an account, or a content file.
    target: ClassVar[TargetKind] = "post"
    #: Policy clause ids it enforces.
    clauses: ClassVar[tuple[str, ...]] = ()
    #: Whether it offers fixes.
    fixable: ClassVar[bool] = False
    #: Account kinds it applies to (posts: the kind of the post's account).
    scope: ClassVar[frozenset[AccountKind]] = frozenset({"official"})

    def check(self, target: Any, ctx: LintContext) -> Iterable[Violation]:
        """A finding for each way ``target`` breaks the rule.

        Any iterable will do: a generator that yields findings, or a list. A rule on a
        hot path returns an empty tuple when it has nothing to say, which saves making a
        generator for every post (see ``docs/performance.md``).
        """
        raise NotImplementedError
        yield  # pragma: no cover

    # ------------------------------------------------------------------ helpers

    def violation(
        self,
        target: Any,
        message: str,
        *,
        field: str | None = None,
        span: tuple[int, int] | None = None,
        fix: Fix | None = None,
    ) -> Violation:
        """A finding of this rule about ``target`` (a post, an account or a file path).

        A target read from a file is located here, at ``field`` (and ``span``), so the
        engine need not copy the finding to place it.
        """
        origin = None if isinstance(target, str) else getattr(target, "origin", None)
        where = None
        if origin is not None:
            try:
                where = origin.locate(field, span)
            except Exception:  # a broken position map: the engine reports it
                where = None
        located: dict[str, Any] = where._asdict() if where is not None else {}
        return Violation(
            rule=self.slug,
            severity=self.severity,
            message=message,
            clauses=self.clauses,
            target=target_of(target, self.target),
            field=field,
            span=span,
            fix=fix,
            **located,
        )

    def config_error(self, message: str, *, where: Location | None = None) -> Violation:
        """A finding that a fact this rule needs is missing from the configuration.

        The engine reports each distinct configuration finding once per run. ``where``
        is the place in the configuration that names the fact, when there is one.
        """
        return Violation(
            rule="config-error",
            severity="error",
            message=f"{self.slug}: {message}",
            target=Target(kind="file", id="<config>"),
            path=where.path if where is not None else None,
            line=where.line if where is not None else None,
            column=where.column if where is not None else None,
        )

    def config_problem(self, exc: ConfigError) -> Violation:
        """A ``config-error`` for ``exc``, placed at the line of the file it names (a
        threshold in a pack, say), or naming the file when no line is known."""
        from postlint.packs import error_location

        where = error_location(exc)
        return self.config_error(exc.message if where is not None else str(exc), where=where)

    @classmethod
    def doc(cls) -> str:
        """The rule's docs (its docstring, dedented)."""
        return inspect.cleandoc(cls.__doc__ or cls.summary)

    @classmethod
    def validate_metadata(cls) -> None:
        """Raise ``ValueError`` when the metadata is unusable."""
        if not _SLUG.match(cls.slug):
            raise ValueError(f"rule {cls.__name__}: slug {cls.slug!r} is not kebab-case")
        if cls.target not in ("post", "account", "file"):
            raise ValueError(f"rule {cls.slug}: target {cls.target!r} is not post/account/file")
        if cls.severity not in ("error", "warning"):
            raise ValueError(f"rule {cls.slug}: severity {cls.severity!r} is not error/warning")
        if not cls.summary:
            raise ValueError(f"rule {cls.slug}: no summary")


def target_of(obj: Any, kind: TargetKind) -> Target:
    """The :class:`Target` naming ``obj``."""
    if isinstance(obj, str):
        return Target(kind=kind, id=obj)
    if kind == "file":
        origin = getattr(obj, "origin", None)
        return Target(kind="file", id=origin.path if origin else str(getattr(obj, "id", "?")))
    return Target(kind=kind, id=str(getattr(obj, "id", "?")))
