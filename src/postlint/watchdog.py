"""A time bound on the rules run over one target, cheap enough for a million posts.

One repeating interval timer is armed for a whole run (two system calls per run, not
per post). Starting a target costs one clock read and an attribute store; the timer's
handler, a few times a second, compares the clock with the target's deadline and
raises :class:`RuleTimeout` inside the rule that overran. Where no timer can be armed
(Windows, a thread other than the main one, a program that owns ``SIGALRM``) the
engine measures each rule after it returns and reports it, without interrupting it.

Limit: a signal is handled between Python bytecodes, so a rule stuck inside one long C
call (a backtracking ``re`` match) is stopped only when that call returns. Pack
patterns run on RE2 (linear time) for that reason.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

#: Seconds the rules may take on one post, account or file, unless configured.
DEFAULT_SECONDS = 4.0


class RuleTimeout(BaseException):
    """Raised inside a rule that overran its time bound.

    A ``BaseException``, so a rule's own ``except Exception`` cannot swallow it.
    """


class Watchdog:
    """Deadlines for targets, enforced by one interval timer while :meth:`watching`."""

    def __init__(self, seconds: float = DEFAULT_SECONDS) -> None:
        self.seconds = seconds
        self.deadline = 0.0  # 0: nothing is being timed
        self.armed = False

    @property
    def enabled(self) -> bool:
        """Whether a bound applies at all (``0`` seconds turns it off)."""
        return self.seconds > 0

    @contextmanager
    def watching(self) -> Iterator[None]:
        """Arm the timer for the duration of the block (nested blocks are free)."""
        if self.armed or not self.enabled or not _can_arm():
            yield
            return
        tick = min(0.5, self.seconds / 4)
        previous = signal.signal(signal.SIGALRM, self._on_alarm)
        signal.setitimer(signal.ITIMER_REAL, tick, tick)
        self.armed = True
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0, 0)
            signal.signal(signal.SIGALRM, previous)
            self.armed = False
            self.deadline = 0.0

    def start(self, used: float = 0.0) -> float:
        """Begin timing a target whose file already used ``used`` seconds; the start time."""
        now = time.monotonic()
        if self.armed:
            self.deadline = now + max(self.seconds - used, 0.001)
        return now

    def stop(self) -> None:
        """Nothing is timed any more: the handler will not raise."""
        self.deadline = 0.0

    def overran(self, started: float) -> bool:
        """Whether more than the bound has passed since ``started`` (unarmed runs)."""
        return self.enabled and time.monotonic() - started > self.seconds

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        deadline = self.deadline
        if deadline and time.monotonic() > deadline:
            self.deadline = 0.0
            raise RuleTimeout


def _can_arm() -> bool:
    """An interval timer is usable here and nobody else owns ``SIGALRM``."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        return False
    return signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
