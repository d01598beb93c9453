"""The plugin API. Each hook's docstring is its documentation.

A plugin is a module (or object) with functions marked ``@postlint.hookimpl`` whose
names match the hooks below, registered through the ``postlint`` entry-point group::

    [project.entry-points.postlint]
    my_rules = "my_package.rules"

The built-in rules are registered the same way (``postlint.rules``), so they are the
best examples of the API.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from pathlib import Path

    from postlint.rule import Rule

hookspec = pluggy.HookspecMarker("postlint")


@hookspec
def postlint_rules() -> list[type[Rule] | Rule]:
    """Return the rules this plugin provides.

    Each item is a :class:`postlint.Rule` subclass (instantiated once per linter) or an
    instance. Slugs must be unique across all plugins; a plugin that reuses a slug is
    reported as an ``internal-error`` and its duplicate rule is not run.
    """
    raise NotImplementedError


@hookspec
def postlint_packs(policy: str) -> list[Path]:
    """Return extra YAML rule packs to load for ``policy`` (e.g. a department's keywords).

    Each path is a pack file in the same format as the built-in packs under ``rules/``.
    """
    raise NotImplementedError


@hookspec
def postlint_reporters() -> dict[str, Any]:
    """Return output formats this plugin adds: ``{name: callable(report, options) -> str}``.

    ``name`` becomes a value of ``--format``.
    """
    raise NotImplementedError
