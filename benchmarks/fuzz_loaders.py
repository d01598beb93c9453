"""Coverage-guided fuzzing of the loaders with atheris (not part of the test suite).

    python benchmarks/fuzz_loaders.py --seconds 60          # loaders only
    python benchmarks/fuzz_loaders.py --seconds 60 --rules  # and lint what loads

Each input is read as one kind of content file, chosen by its first byte: a Markdown
post, a YAML post, an account, the roster, the consent register, the configuration, a
JSON Lines archive or a JSON array archive. The only acceptable outcomes are a record
or an :class:`~postlint.errors.InputError`; anything else — an exception escaping, an
input taking longer than ``--slow`` seconds — is a finding that atheris reports with
the input that caused it (saved as ``crash-…`` in the working folder).

Needs ``pip install atheris`` (Linux/macOS wheels for CPython 3.8–3.12).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import atheris

with atheris.instrument_imports(include=["postlint", "yaml"]):
    import yaml  # noqa: F401  (instrumented: PyYAML's pure-Python scanner and parser)

    from postlint.errors import InputError
    from postlint.loading.archive import iter_archive
    from postlint.loading.files import (
        InputErrors,
        decode,
        load_account,
        load_consents,
        load_post,
        load_roster,
    )
    from postlint.loading.repo import load_config
    from postlint.models import Account, Post
    from postlint.origin import ContentFile

KINDS = ("post.md", "post.yaml", "account.yaml", "people.yaml", "consents.yaml",
         "postlint.yaml", "archive.jsonl", "archive.json")  # fmt: skip

SEEDS = {
    "post.md": b"---\naccount: dpw-x\nauthor: dpw-liaison\nstatus: published\n"
    b"published_at: 2026-11-20T07:00:00-05:00\nmedia:\n  - file: a.jpg\n    alt: Plow\n"
    b"    consent: [CR-1]\nquotes:\n  - {speaker: Mayor, consent: CR-2}\n---\nSnow tonight.\n",
    "post.yaml": b"account: dpw-x\ntext: |\n  Leaf pickup\n  starts Monday.\nlinks: [a, b]\n"
    b"edits:\n  - {at: 2026-11-21T08:00:00-05:00, by: x, summary: typo}\n",
    "account.yaml": b"id: dpw-x\nkind: official\nsecurity:\n  mfa: true\n  recovery_account:"
    b" {handle: r, privileged: false}\nbackups: {last: 2026-11-22}\nadmins: [a, b]\n"
    b"a: &x {b: 1}\nenablement:\n  <<: *x\n",
    "people.yaml": b"administrator: a\npeople:\n  - {id: a, authorized: true,"
    b" training: {completed: 2026-02-02}}\n",
    "consents.yaml": b"consents:\n  - {id: CR-1, subject: crew, kind: photo, scope: [x]}\n",
    "postlint.yaml": b"roster: people.yaml\ncity: {timezone: America/New_York}\n"
    b"severity: {x: warning}\nper-file-ignores: {'posts/*': [a]}\n",
    "archive.jsonl": b'{"account": "dpw-x", "text": "hi"}\n{"account": 1}\nnot json\n',
    "archive.json": b'[\n {"account": "dpw-x", "text": "hi"},\n {"account": "x", "text": 5}\n]\n',
}

_folder = Path(tempfile.mkdtemp(prefix="postlint-fuzz-"))
_linter: Any = None
_slow = 2.0
_lint = False


def load(kind: str, raw: bytes) -> list[Any]:
    """The records (or input errors) of ``raw`` read as a ``kind`` file."""
    path = _folder / kind
    if kind.startswith("archive"):
        path.write_bytes(raw)
        return list(iter_archive(path, kind))
    if kind == "postlint.yaml":
        path.write_bytes(raw)
        config, problems = load_config(path)
        return [config, *problems]
    text = decode(raw, kind)
    if kind.startswith("post"):
        return [load_post(path, kind, text)]
    if kind == "account.yaml":
        return [load_account(path, kind, text)]
    if kind == "people.yaml":
        return [load_roster(kind, text)]
    return [load_consents(kind, text)]


def one_input(data: bytes) -> None:
    """The fuzz target: any exception but an input error is a finding."""
    if not data:
        return
    kind = KINDS[data[0] % len(KINDS)]
    started = time.monotonic()
    try:
        records = load(kind, data[1:])
    except (InputError, InputErrors):
        records = []
    if _lint:
        targets: list[Any] = [ContentFile(kind, data[1:].decode("utf-8", "replace"))]
        for record in records:
            if isinstance(record, Post):  # on a known account, so that the rules run
                targets.append(record.model_copy(update={"account": "dpw-x"}))
            elif isinstance(record, Account):
                targets.append(record)
        for target in targets:
            failed = [v.message for v in _linter.check(target) if v.rule == "internal-error"]
            if failed:
                raise AssertionError(f"a rule failed on a {kind}: {failed}")
    elapsed = time.monotonic() - started
    if elapsed > _slow:
        raise AssertionError(f"a {kind} took {elapsed:.1f} s to load (bound {_slow} s)")


def _seed_corpus() -> Path:
    corpus = _folder / "corpus"
    corpus.mkdir(exist_ok=True)
    for kind, seed in SEEDS.items():
        (corpus / kind).write_bytes(bytes([KINDS.index(kind)]) + seed)
    return corpus


def main() -> None:
    global _linter, _slow, _lint
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="how long to fuzz")
    parser.add_argument("--slow", type=float, default=2.0, help="seconds one input may take")
    parser.add_argument("--rules", action="store_true", help="also lint what loads")
    parser.add_argument("--max-len", type=int, default=4096, help="largest input in bytes")
    args, rest = parser.parse_known_args()
    _slow, _lint = args.slow, args.rules
    if _lint:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
        from factories import linter

        _linter = linter()
    libfuzzer = [
        sys.argv[0],
        f"-max_total_time={args.seconds}",
        f"-max_len={args.max_len}",
        "-print_final_stats=1",
        f"-artifact_prefix={os.getcwd()}/",
        *rest,
        str(_seed_corpus()),
    ]
    atheris.Setup(libfuzzer, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
