"""Shortcuts in reading YAML give what the long way gives: same data, same verdicts."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.errors import InputError
from postlint.loading import depth
from postlint.loading.yamlsource import _Builder, compose, load_yaml_text

ROOT = Path(__file__).resolve().parent.parent

SCALARS = st.sampled_from(
    ["plain", "'quoted'", '"dq \\u00e9"', "2026-11-25", "2026-11-25T07:00:00-05:00", "yes",
     "no", "~", "null", "1e3", "0x1F", "12", "-3.5", ".inf", "café ☃", "|\n  block\n  text",
     ">\n  folded", "[a, '1', 2]", "{k: v, n: 3}", "&a anchored", "*a", "!!str 12",
     "!!int '7'", "- x", "'it''s'", "'unclosed", "# comment", "", "'[not, a, list]'"]
)  # fmt: skip
KEYS = st.sampled_from(["id", "text", "account", "a b", "'q'", "12", "true", "dup", "dup"])
DOCS = st.lists(st.tuples(st.integers(0, 2), KEYS, SCALARS), max_size=8).map(
    lambda lines: "".join(f"{'  ' * indent}{key}: {value}\n" for indent, key, value in lines)
)


def _scalars(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.ScalarNode):
        return [node]
    items = node.value if isinstance(node, yaml.SequenceNode) else []
    if isinstance(node, yaml.MappingNode):
        items = [part for pair in node.value for part in pair]
    return [scalar for item in items for scalar in _scalars(item)]


@settings(max_examples=300, deadline=None)
@given(DOCS)
def test_a_scalar_reads_as_pyyamls_constructor_builds_it(text: str) -> None:
    try:
        node = compose(text)
    except yaml.YAMLError:
        return
    if node is None:
        return
    builder = _Builder("x.yaml", 0)
    constructor = yaml.SafeLoader("")
    for scalar in _scalars(node):
        try:
            expected = constructor.construct_object(scalar, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError, TypeError):
            continue
        got = builder.scalar(scalar)
        assert (type(got), got) == (type(expected), expected)


def _read(text: str, *, positions: bool) -> object:
    try:
        doc = load_yaml_text(text, "x.yaml", positions=positions)
    except InputError as exc:
        return ("error", exc.message, exc.line)
    return repr(doc.data)


@settings(max_examples=300, deadline=None)
@given(DOCS)
def test_reading_without_positions_gives_the_same_data_and_errors(text: str) -> None:
    assert _read(text, positions=False) == _read(text, positions=True)


def test_every_pack_reads_the_same_without_positions() -> None:
    packs = sorted(ROOT.glob("rules/**/*.yaml"))
    assert packs
    for path in packs:
        text = path.read_text(encoding="utf-8")
        fast = load_yaml_text(text, str(path), positions=False)
        assert fast.data == load_yaml_text(text, str(path)).data, path
        assert not fast.keys and not fast.values


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="[]{}ab ,:-'\"#\\", max_size=40), st.integers(0, 120))
def test_flow_depth_shortcut_counts_as_the_full_scan(line: str, level: int) -> None:
    assert depth._flow_depth(line, level) == depth._scanned_depth(line, level)
