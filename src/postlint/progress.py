"""A one-line progress bar for long bulk runs, on stderr and only when it is a terminal.

Never written to machine output: findings go to stdout or a file, the bar to stderr,
and not at all when stderr is redirected (CI logs, pre-commit, pipes). It appears
after half a second, so short runs never flicker, and is erased when the run ends.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TextIO

_WIDTH = 24


class Progress:
    """Progress over a known number of bytes (the archives' and post files' sizes), with
    posts per second."""

    def __init__(
        self,
        total: int,
        *,
        stream: TextIO | None = None,
        enabled: bool = True,
        delay: float = 0.5,
        interval: float = 0.1,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.enabled = enabled and total > 0 and _is_terminal(self.stream)
        self.delay = delay
        self.interval = interval
        self.done = 0
        self.posts = 0
        self._started = time.monotonic()
        self._drawn_at = 0.0
        self._shown = False

    def advance(self, size: int, posts: int) -> None:
        """Count ``size`` more bytes and ``posts`` more posts; redraw now and then."""
        self.done += size
        self.posts += posts
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._started < self.delay or now - self._drawn_at < self.interval:
            return
        self._drawn_at = now
        self._draw(now)

    def line(self, now: float) -> str:
        """The bar as text: ``[#####-----]  45%  12,345 posts  23,456 posts/s``."""
        share = min(1.0, self.done / self.total) if self.total else 1.0
        filled = int(share * _WIDTH)
        rate = self.posts / max(now - self._started, 1e-9)
        return (
            f"postlint [{'#' * filled}{'-' * (_WIDTH - filled)}] {share:4.0%}"
            f"  {self.posts:,} posts  {rate:,.0f} posts/s"
        )

    def _draw(self, now: float) -> None:
        self.stream.write("\r" + self.line(now))
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        """Erase the bar (the terminal is left as it was)."""
        if self._shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._shown = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False
