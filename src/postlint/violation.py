"""A finding: what broke which clause, where, and how to fix it.

Like the content models, these build their validators on first use (a clean run
builds none) and keep plain annotations (see :mod:`postlint.models`).
"""

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["error", "warning"]
TargetKind = Literal["post", "account", "file"]

#: Slugs of findings that are not policy rules; they cite no clause.
RESERVED_SLUGS = frozenset(
    {"input-error", "config-error", "internal-error", "invalid-suppression", "unused-suppression"}
)


class Target(BaseModel):
    """What a finding is about."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    kind: TargetKind = Field(description="post | account | file.")
    id: str = Field(description="The post or account id, or the file path.")


class Edit(BaseModel):
    """One change of a fix, on a field of the target.

    With ``start``/``end`` the characters ``[start, end)`` of the field's text are
    replaced by ``text``; without them ``text`` (YAML) becomes the field's whole value
    (a new key is added when the field is missing).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    field: str = Field(description="Field path, e.g. `text` or `edits`.")
    start: int | None = Field(None, description="Start of the replaced span.")
    end: int | None = Field(None, description="End of the replaced span (exclusive).")
    text: str = Field(description="Replacement text, or the new value as YAML.")


class Fix(BaseModel):
    """A fix a rule offers; applied by ``--fix`` only when ``safe``."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    description: str = Field(description="What the fix does, in a few words.")
    edits: tuple[Edit, ...] = Field(default=(), description="The changes.")
    safe: bool = Field(True, description="Safe to apply without review.")


class Violation(BaseModel):
    """One finding. Messages never carry secrets or personal-data values."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    rule: str = Field(description="Rule slug (or a reserved slug such as `input-error`).")
    severity: Severity = Field(description="error blocks; warning is shown and counted.")
    message: str = Field(description="What is wrong and what to do.")
    clauses: tuple[str, ...] = Field(default=(), description="Policy clause ids enforced.")
    target: Target = Field(description="The post, account or file judged.")
    field: str | None = Field(None, description="The field the finding is about.")
    span: tuple[int, int] | None = Field(
        None, description="Character span [start, end) inside the field's text."
    )
    path: str | None = Field(None, description="File the target was read from.")
    line: int | None = Field(None, description="1-based line.")
    column: int | None = Field(None, description="1-based column.")
    end_line: int | None = Field(None, description="Line where the finding ends.")
    end_column: int | None = Field(None, description="Column after the last character.")
    fix: Fix | None = Field(None, description="A fix the rule offers.")
    suppressed: bool = Field(False, description="Silenced by a suppression with a reason.")
    suppression_reason: str | None = Field(None, description="The suppression's reason.")

    @property
    def location(self) -> str:
        """``path:line:column`` (or the target when not read from a file)."""
        if self.path is None:
            return f"<{self.target.kind} {self.target.id}>"
        return f"{self.path}:{self.line or 1}:{self.column or 1}"

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        """Deterministic order: file, line, column, rule, target, message."""
        return (
            self.path or "",
            self.line or 0,
            self.column or 0,
            self.rule,
            self.target.id,
            self.message,
        )

    def fingerprint(self) -> str:
        """A stable identity that survives unrelated lines moving.

        Built from the rule, the target and the field (never a matched value: a hash
        of a short number is reversible), plus the message for findings without a
        field.
        """
        parts = [self.rule, self.target.kind, self.target.id, self.field or "", self.message]
        if self.field is not None:
            parts.pop()  # the message may quote a position-dependent detail
            if self.span is not None:
                parts.append(f"{self.span[1] - self.span[0]}")
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]
