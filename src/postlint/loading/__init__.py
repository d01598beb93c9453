"""Reading a content repository: configuration, YAML with positions, posts, archives."""

import re
import sys

#: The character class PyYAML's reader compiles when it is imported, and its complement.
_PRINTABLE_ONLY = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
_NOT_PRINTABLE = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"


def _seed_yaml_reader_pattern() -> None:
    """Spare PyYAML's import its slowest step: compiling ``Reader.NON_PRINTABLE``.

    ``re`` builds a character class by walking every code point of its ranges: for
    PyYAML's class of printable characters that is over a million steps in Python,
    about 5 ms of every cold start. The class of the few non-printable ranges matches
    the same characters and compiles in a tenth of that; it is put in ``re``'s cache
    under PyYAML's pattern, where ``re.compile`` finds it. Nothing happens when PyYAML
    is already imported or ``re`` keeps no such cache (another Python version).
    """
    cache = getattr(re, "_cache", None)
    if "yaml" in sys.modules or not isinstance(cache, dict):
        return
    cache.setdefault((str, _PRINTABLE_ONLY, 0), re.compile(_NOT_PRINTABLE))


_seed_yaml_reader_pattern()
