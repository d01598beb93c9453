"""postlint: the City of Syracuse social media policy as code.

Build a :class:`Post` or :class:`Account` (or pass a dict), call :func:`lint` or a
:class:`Linter`, get a list of :class:`Violation`::

    import postlint
    violations = postlint.lint(post, accounts=[account], today=date(2026, 11, 25))

Names are imported on first use, so ``import postlint`` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Post": "postlint.models",
    "Media": "postlint.models",
    "Quote": "postlint.models",
    "ChangeLogEntry": "postlint.models",
    "Account": "postlint.models",
    "Person": "postlint.models",
    "Roster": "postlint.models",
    "Consent": "postlint.models",
    "ConsentRegister": "postlint.models",
    "Config": "postlint.config",
    "CitySettings": "postlint.config",
    "Violation": "postlint.violation",
    "Fix": "postlint.violation",
    "Edit": "postlint.violation",
    "Rule": "postlint.rule",
    "LintContext": "postlint.context",
    "Linter": "postlint.engine",
    "Report": "postlint.engine",
    "hookimpl": "postlint.plugins",
    "PostlintError": "postlint.errors",
    "InputError": "postlint.errors",
    "ConfigError": "postlint.errors",
    "lint": "postlint.api",
    "lint_paths": "postlint.api",
    "load_config": "postlint.api",
}

__all__ = [
    "Account",
    "ChangeLogEntry",
    "CitySettings",
    "Config",
    "ConfigError",
    "Consent",
    "ConsentRegister",
    "Edit",
    "Fix",
    "InputError",
    "LintContext",
    "Linter",
    "Media",
    "Person",
    "Post",
    "PostlintError",
    "Quote",
    "Report",
    "Roster",
    "Rule",
    "Violation",
    "__version__",
    "hookimpl",
    "lint",
    "lint_paths",
    "load_config",
]

if TYPE_CHECKING:
    from postlint.api import lint, lint_paths, load_config
    from postlint.config import CitySettings, Config
    from postlint.context import LintContext
    from postlint.engine import Linter, Report
    from postlint.errors import ConfigError, InputError, PostlintError
    from postlint.models import (
        Account,
        ChangeLogEntry,
        Consent,
        ConsentRegister,
        Media,
        Person,
        Post,
        Quote,
        Roster,
    )
    from postlint.plugins import hookimpl
    from postlint.rule import Rule
    from postlint.violation import Edit, Fix, Violation


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'postlint' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
