"""The built-in rules: a plugin like any other, registered with ``pm.register``.

Each module in this package holds one rule (a :class:`postlint.Rule` subclass); the
hook below finds them all, so adding a rule is adding a module.
"""

from __future__ import annotations

import importlib
import pkgutil

from postlint.plugins import hookimpl
from postlint.rule import Rule


@hookimpl
def postlint_rules() -> list[type[Rule]]:
    """Every rule defined in this package's modules, ordered by slug."""
    found: dict[str, type[Rule]] = {}
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for _, obj in sorted(vars(module).items()):  # by name: of two same slugs, the last
            if (
                isinstance(obj, type)
                and issubclass(obj, Rule)
                and obj.__module__ == module.__name__
                and obj.slug
            ):
                found[obj.slug] = obj
    return [found[slug] for slug in sorted(found)]
