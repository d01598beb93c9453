"""``confidential-keywords``: a post carries a confidentiality marking (SMP-4b)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from postlint.context import LintContext
from postlint.errors import ConfigError
from postlint.models import Post
from postlint.origin import Location
from postlint.packs import error_location, policy_dir, read_pack_file
from postlint.rule import Rule
from postlint.text.keywords import Group, KeywordMatcher, ZoneHit, pack_groups
from postlint.text.zones import post_zones
from postlint.violation import Violation

#: The built-in pack of the active policy: ``rules/<policy>/confidential.yaml``.
PACK = "confidential"

#: Where the run's matcher is kept in ``LintContext.cache``.
_MATCHER = "confidential-keywords:matcher"

_ZONE_NAMES = {
    "text": "the text",
    "alt": "the alt text",
    "captions": "the captions",
    "credit": "the media credit",
    "quotes": "a quote",
}


class ConfidentialKeywords(Rule):
    """What it checks
    The post text, media alt text, text captions, media credits and quoted words for a
    confidentiality marking from the active keyword packs: "confidential" used as a
    marking, "internal use only", "for official use only", "not for release", "do not
    distribute", "embargoed until", "privileged and confidential", "attorney-client
    privilege", "attorney work product", "pre-decisional", "law enforcement
    sensitive", "controlled unclassified information", executive-session material, and
    the banners CUI, FOUO, LES, SBU, NOFORN, PHI. Matching sees through case, fullwidth
    and look-alike letters, zero-width characters, leetspeak and spaced-out letters
    ("c o n f i d e n t i a l"). The finding points at the marking and quotes it.

    Short acronyms count only as markings: in capitals and in banner form ("CUI//SP-
    PRVCY", "(FOUO)", or opening a line). Prose does not trip it: "we are privileged
    to welcome", "the Secretary of State", "our confidentiality policy", "top secret
    recipe", "calls are confidential", "a confidential informant".

    Why
    SMP-4b: employees may not post confidential information, on any account. A marked
    document, or its words, in a post is the clearest sign of it.

    Fails
    ```markdown
    INTERNAL USE ONLY - draft parks budget: the new pool is cut.
    ```
    ```markdown
    Attached: the c0nf1d3nt1al memo on the Fire Dept. budget.
    ```

    Passes
    ```markdown
    We are privileged to welcome the Secretary of State to Syracuse.
    ```
    ```markdown
    The City's draft budget is now public: https://www.syr.gov/budget
    ```

    Configure
    Terms live in `rules/<policy>/confidential.yaml` (its header documents the format:
    any/all/none groups, zones, match types word/phrase/prefix/pattern, forms
    any/upper/banner, context words `near`/`unless`, exceptions, and an outcome per
    pack: `error` blocks, `warning` flags for review). A department adds its own pack
    with `packs: [packs/dpw-keywords.yaml]` in `postlint.yaml` (paths relative to it)
    or from a plugin's `postlint_packs` hook. A pack with `rule:` naming another rule
    is not read by this one.
    """

    slug = "confidential-keywords"
    summary = "Post carries a confidentiality marking (confidential, internal use only, CUI…)"
    severity = "error"
    target = "post"
    clauses = ("SMP-4b",)
    scope = frozenset({"official", "personal"})

    def check(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        built = ctx.cache.get(_MATCHER)
        if built is None:
            built = ctx.cached(_MATCHER, lambda: build_matcher(ctx))
        matcher, problems = built
        if not (problems or target.media or target.quotes):
            # Most posts have only their text, and most texts no term at all: they are
            # done here, without a generator to run.
            text = target.text
            if not text or not matcher.could_match(text):
                return iter(())
            return self._findings(target, matcher, (("text", "text", text),), problems)
        return self._findings(target, matcher, post_zones(target), problems)

    def _findings(
        self,
        post: Post,
        matcher: KeywordMatcher,
        zones: Iterable[tuple[str, str, str]],
        problems: list[Problem],
    ) -> Iterator[Violation]:
        for problem, named_at in problems:
            yield self.config_error(problem, where=named_at)
        for hit in matcher.scan_zones(zones):
            yield self._finding(post, hit)

    def _finding(self, post: Post, hit: ZoneHit) -> Violation:
        match = hit.match
        group = match.group
        marking = match.found.strip()
        what = (group.message or "confidentiality marking '{marking}'").replace(
            "{marking}", marking
        )
        found = self.violation(
            post,
            f"{what} in {_ZONE_NAMES.get(hit.zone, hit.zone)}: confidential material may not"
            " be posted (SMP-4b); remove it, or remove the marking once the content is"
            " cleared for release",
            field=hit.field,
            span=match.span,
        )
        if group.outcome != found.severity:
            found = found.model_copy(update={"severity": group.outcome})
        return found


#: A pack that cannot be used, and where the configuration names it (if it does).
Problem = tuple[str, Location | None]


def build_matcher(ctx: LintContext) -> tuple[KeywordMatcher, list[Problem]]:
    """The matcher of the built-in pack and every department pack, and pack problems.

    A department pack that cannot be used is reported (``config-error``) and left out;
    the others still run. Each pack is compiled once: a large pack is costly to read.
    A problem points at its line in the pack; when it has none (the file is missing),
    at the pack's entry in the configuration.
    """
    builtin: tuple[str, Any] | None = None
    problems: list[Problem] = []
    builtin_path: Path | None = None
    try:
        builtin_path = policy_dir(ctx.config.policy) / f"{PACK}.yaml"
        builtin = (f"{ctx.config.policy}/{PACK}", ctx.pack(PACK))
    except ConfigError as exc:
        problems.append(_problem(exc, builtin_path, None))
    # Each department pack with where it was named: its entry in `packs:` of the
    # configuration file (a plugin's packs are named in no file).
    config, origin = ctx.config, ctx.config.origin
    paths: list[tuple[Path, Location | None]] = []
    for i, given in enumerate(config.packs):
        resolved = config.resolve(given)
        if resolved is not None:
            paths.append((resolved, origin.locate(f"packs[{i}]") if origin else None))
    for hooked in ctx.extra_packs.values():
        paths.extend((Path(p), None) for p in hooked)
    departments: list[Group] = []
    for path, named_at in paths:
        try:
            data = read_pack_file(path)
            if isinstance(data, dict) and data.get("rule", ConfidentialKeywords.slug) != (
                ConfidentialKeywords.slug
            ):
                continue
            groups = pack_groups(str(path), data)  # each pack is checked on its own
        except ConfigError as exc:
            problems.append(_problem(exc, path, named_at))
            continue
        departments.extend(groups)
    try:
        first = pack_groups(*builtin) if builtin is not None else []
    except ConfigError as exc:
        return KeywordMatcher([]), [*problems, _problem(exc, builtin_path, None)]
    return KeywordMatcher([*first, *departments]), problems


def _problem(exc: ConfigError, path: Path | None, named_at: Location | None) -> Problem:
    """A pack's problem, placed at its line in the pack when it has one."""
    if exc.path is None and path is not None:
        exc.path = str(path)  # the keyword reader names the pack, not its file
    where = error_location(exc)
    if where is None:  # a missing file has no line: the configuration names it
        return str(exc), named_at
    message = exc.message if str(path) in exc.message else f"{path}: {exc.message}"
    if named_at is not None:
        message += f" (the pack is named at {named_at})"
    return message, where
