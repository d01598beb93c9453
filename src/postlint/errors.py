"""One exception family, for people: each message names the file and line."""

from __future__ import annotations


class PostlintError(Exception):
    """Base of every error postlint raises on purpose."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


class InputError(PostlintError):
    """A content file that cannot be read or validated."""


class ConfigError(PostlintError):
    """A configuration that cannot be used (unknown key, bad value, missing file).

    ``field`` is where in a YAML file the problem is (``("groups", "cui", "any", 2)``),
    when the code that found it knows; whoever knows the file turns it into a line.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        field: tuple[str | int, ...] | None = None,
    ):
        super().__init__(message, path=path, line=line)
        self.field = field


class PluginError(PostlintError):
    """A plugin that failed to load or returned something unusable."""


class UsageError(PostlintError):
    """A command line that cannot be carried out."""
