"""The plugin manager: built-in rules and third-party plugins, registered alike."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pluggy

from postlint import hookspecs
from postlint.rule import Rule
from postlint.violation import RESERVED_SLUGS

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

ENTRY_POINT_GROUP = "postlint"
BUILTIN_PLUGINS = ("postlint.rules",)

hookimpl = pluggy.HookimplMarker("postlint")


@dataclass
class PluginProblem:
    """A plugin that could not be loaded or gave something unusable."""

    plugin: str
    message: str


@dataclass
class Plugins:
    """One plugin manager per linter: no global registry."""

    manager: pluggy.PluginManager
    problems: list[PluginProblem] = field(default_factory=list)

    def rules(self) -> list[Rule]:
        """Every rule from every plugin, in registration order, slugs unique."""
        rules: list[Rule] = []
        seen: dict[str, str] = {}
        caller = self.manager.hook.postlint_rules
        for impl in caller.get_hookimpls():
            name = self.manager.get_name(impl.plugin) or repr(impl.plugin)
            try:
                provided: Any = impl.function()
                items = list(provided or [])
            except Exception as exc:  # a plugin's failure must not end the run
                self.problems.append(PluginProblem(name, f"postlint_rules raised {_brief(exc)}"))
                continue
            for item in items:
                rule = _as_rule(item, name, self.problems)
                if rule is None:
                    continue
                if rule.slug in seen:
                    self.problems.append(
                        PluginProblem(
                            name, f"rule {rule.slug!r} is already provided by {seen[rule.slug]}"
                        )
                    )
                    continue
                seen[rule.slug] = name
                rules.append(rule)
        return rules

    def reporters(self) -> dict[str, Any]:
        """Output formats added by plugins."""
        found: dict[str, Any] = {}
        for impl in self.manager.hook.postlint_reporters.get_hookimpls():
            name = self.manager.get_name(impl.plugin) or repr(impl.plugin)
            try:
                given: Any = impl.function()
                found.update(given or {})
            except Exception as exc:
                self.problems.append(
                    PluginProblem(name, f"postlint_reporters raised {_brief(exc)}")
                )
        return found


def _as_rule(item: Any, plugin: str, problems: list[PluginProblem]) -> Rule | None:
    try:
        rule = item() if isinstance(item, type) and issubclass(item, Rule) else item
        if not isinstance(rule, Rule):
            # The type's name, not repr(): a garbage object's repr may be huge or raise.
            raise TypeError(f"a {type(item).__name__} is not a postlint Rule")
        type(rule).validate_metadata()
        if rule.slug in RESERVED_SLUGS:
            raise ValueError(f"slug {rule.slug!r} is reserved for postlint's own findings")
    except Exception as exc:
        problems.append(PluginProblem(plugin, f"unusable rule: {_brief(exc)}"))
        return None
    return rule


def _brief(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


def make_plugins(extra: Sequence[Any] = (), *, entry_point_plugins: bool = True) -> Plugins:
    """A plugin manager with the built-in rules, entry-point plugins and ``extra``."""
    pm = pluggy.PluginManager("postlint")
    pm.add_hookspecs(hookspecs)
    plugins = Plugins(pm)
    for module_name in BUILTIN_PLUGINS:
        pm.register(importlib.import_module(module_name), name=module_name)
    if entry_point_plugins:
        _load_entry_points(plugins)
    for plugin in extra:
        _register(plugins, plugin, _plugin_name(plugin))
    return plugins


def entry_points(*, group: str) -> list[EntryPoint]:
    """``importlib.metadata.entry_points(group=group)``, without parsing every installed
    distribution's entry points: one whose ``entry_points.txt`` does not name the group
    is skipped unparsed (the first distribution of a name wins, as there)."""
    from importlib.metadata import distributions

    header = f"[{group}]"  # a section ``group`` is always written so
    seen: set[str] = set()
    found: list[EntryPoint] = []
    for dist in distributions():
        name = getattr(dist, "_normalized_name", None) or dist.metadata["Name"]
        if name in seen:
            continue
        seen.add(name)
        text = dist.read_text("entry_points.txt")
        if text and header in text:
            found.extend(dist.entry_points.select(group=group))
    return found


def _load_entry_points(plugins: Plugins) -> None:
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        name = f"{ep.name} ({ep.value})"
        if plugins.manager.get_plugin(ep.name) is not None:
            continue
        try:
            plugin = ep.load()
        except BaseException as exc:  # an import can raise anything, even SystemExit
            if isinstance(exc, KeyboardInterrupt):
                raise
            plugins.problems.append(PluginProblem(name, f"failed to load: {_brief(exc)}"))
            continue
        _register(plugins, plugin, ep.name)


def _register(plugins: Plugins, plugin: Any, name: str) -> None:
    try:
        plugins.manager.register(plugin, name=name)
    except Exception as exc:
        plugins.problems.append(PluginProblem(name, f"cannot be registered: {_brief(exc)}"))


def _plugin_name(plugin: Any) -> str:
    if isinstance(plugin, ModuleType):
        return plugin.__name__
    return getattr(plugin, "__name__", None) or f"{type(plugin).__name__}@{id(plugin):x}"
