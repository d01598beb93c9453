"""The time bound's timer: armed once, left as found, never taking over a host's alarm."""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from types import FrameType

import pytest

from postlint.watchdog import RuleTimeout, Watchdog

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timers")


def _spin(seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pass


def _stubborn_rule() -> None:
    """A rule that swallows every ``Exception`` and never ends."""
    while True:
        with contextlib.suppress(Exception):  # RuleTimeout is a BaseException: not caught
            _spin(0.01)


def test_a_rule_that_swallows_exceptions_is_still_stopped() -> None:
    watchdog = Watchdog(0.2)
    with watchdog.watching():
        watchdog.start()
        with pytest.raises(RuleTimeout):
            _stubborn_rule()


def test_timer_and_handler_are_left_as_found() -> None:
    before = signal.getsignal(signal.SIGALRM)
    watchdog = Watchdog(1)
    with watchdog.watching():
        assert watchdog.armed and signal.getitimer(signal.ITIMER_REAL)[1] > 0
        with watchdog.watching():  # nested: free, and the outer block keeps the timer
            pass
        assert watchdog.armed
    assert not watchdog.armed
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) == before


def test_nothing_is_raised_outside_a_target() -> None:
    watchdog = Watchdog(0.1)
    with watchdog.watching():
        watchdog.start()
        watchdog.stop()
        _spin(0.4)  # ticks happen; no target is timed, so nothing is raised


def test_a_host_that_owns_sigalrm_keeps_it() -> None:
    fired: list[int] = []

    def host(signum: int, frame: FrameType | None) -> None:
        fired.append(signum)

    previous = signal.signal(signal.SIGALRM, host)
    try:
        watchdog = Watchdog(0.1)
        with watchdog.watching():
            assert not watchdog.armed
            started = watchdog.start()
            _spin(0.2)
            assert watchdog.overran(started)  # measured instead
        assert signal.getsignal(signal.SIGALRM) is host
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_no_timer_outside_the_main_thread() -> None:
    armed: list[bool] = []

    def work() -> None:
        watchdog = Watchdog(0.1)
        with watchdog.watching():
            armed.append(watchdog.armed)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert armed == [False]


def test_zero_turns_the_bound_off() -> None:
    watchdog = Watchdog(0)
    with watchdog.watching():
        assert not watchdog.armed
        assert not watchdog.overran(watchdog.start() - 100)
