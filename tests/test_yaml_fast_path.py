"""libyaml composes YAML for speed; PyYAML's verdict and positions must not change."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.loading.yamlsource import _Builder, compose

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml"
)


def outcome(text: str, *, fast: bool) -> object:
    """Data, key and value positions of a document, or the kind of error it raises."""
    try:
        node = compose(text, fast=fast)
    except yaml.YAMLError as exc:
        return ("error", type(exc).__name__, str(exc))
    if node is None:
        return None
    builder = _Builder("x.yaml", 0)
    try:
        data = builder.build(node, (), 0)
    except Exception as exc:
        return ("build error", type(exc).__name__, str(exc))
    return repr(data), builder.keys, builder.values


def test_every_pack_and_example_reads_the_same_with_libyaml() -> None:
    files = sorted(ROOT.glob("rules/**/*.yaml")) + sorted(ROOT.glob("examples/**/*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert outcome(text, fast=True) == outcome(text, fast=False), path


SCALARS = st.sampled_from(
    ["plain", "'quoted'", '"dq \\u00e9"', "2026-11-25", "2026-11-25T07:00:00-05:00", "yes",
     "no", "~", "1e3", "0x1F", "café ☃", "😀 emoji", "|\n  block\n  text", ">\n  folded",
     "[a, b]", "{k: v}", "&a anchored", "*a", "!!str tagged", "- x", "a: b: c", "'unclosed",
     "\t tab", "\x07bell", "# comment", ""]
)  # fmt: skip
KEYS = st.sampled_from(["id", "text", "account", "a b", "'q'", "? complex", "dup", "dup", "é"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), KEYS, SCALARS), max_size=8))
def test_libyaml_and_pyyaml_agree_on_data_positions_and_errors(
    lines: list[tuple[int, str, str]],
) -> None:
    text = "".join(f"{'  ' * indent}{key}: {value}\n" for indent, key, value in lines)
    assert outcome(text, fast=True) == outcome(text, fast=False)
