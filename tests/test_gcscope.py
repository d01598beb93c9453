"""A run sets its findings aside from the cycle collector, and hands them back after."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from postlint import gcscope


@pytest.fixture(autouse=True)
def _clean_collector() -> Iterator[None]:
    """Each test starts with nothing frozen, and leaves nothing frozen."""
    gc.unfreeze()
    yield
    gc.unfreeze()


class Node:
    """An object in a cycle: only the cycle collector can free it."""

    def __init__(self) -> None:
        self.me = self


def test_keep_freezes_what_is_alive_and_the_scope_hands_it_back() -> None:
    with gcscope.set_aside():
        gcscope.keep()
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_nested_scopes_unfreeze_once_at_the_outermost_end() -> None:
    with gcscope.set_aside():
        with gcscope.set_aside():
            gcscope.keep()
        assert gc.get_freeze_count() > 0  # the inner scope's end hands nothing back
    assert gc.get_freeze_count() == 0


def test_keep_outside_a_scope_does_nothing() -> None:
    gcscope.keep()
    assert gc.get_freeze_count() == 0


def test_objects_frozen_by_the_process_itself_stay_frozen() -> None:
    """A pre-fork server froze its own objects: a run neither adds to them nor thaws them."""
    gc.freeze()
    frozen = gc.get_freeze_count()
    with gcscope.set_aside():
        Node()
        gcscope.keep()
    assert gc.get_freeze_count() == frozen


def test_nothing_is_frozen_while_the_collector_is_off() -> None:
    gc.disable()
    try:
        with gcscope.set_aside():
            gcscope.keep()
            assert gc.get_freeze_count() == 0
    finally:
        gc.enable()


def test_garbage_in_a_cycle_set_aside_is_freed_after_the_scope() -> None:
    node = Node()
    freed = weakref.ref(node)
    with gcscope.set_aside():
        gcscope.keep()
        del node
        gc.collect()
        assert freed() is not None  # frozen: the collector does not see it
    gc.collect()
    assert freed() is None
