"""Shared fixtures. ``shared_dir`` skips tests cleanly when ../shared is absent."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the checkout; the test is skipped when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (a fresh clone has none)")
    return SHARED


@pytest.fixture
def example_repo() -> Path:
    """The project's own example content repository."""
    return ROOT / "examples" / "content-repo"
