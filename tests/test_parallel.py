"""Archives in chunks: --jobs N gives the findings of --jobs 1, in the same order, and
archives are streamed (never loaded whole)."""

from __future__ import annotations

import io
import json
import os
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factories import TODAY, official_account
from postlint import parallel
from postlint.api import lint_paths
from postlint.cli import main
from postlint.loading.archive import array_elements, array_records, iter_archive, iter_jsonl
from postlint.plugins import hookimpl
from postlint.progress import Progress
from postlint.rule import Rule

PEOPLE = {
    "administrator": "comms-director",
    "people": [
        {"id": "comms-director", "department": "Communications", "authorized": True,
         "training": {"completed": "2026-02-02"}},
        {"id": "dpw-liaison", "department": "Public Works", "authorized": True,
         "authorized_by": "comms-director", "authorized_until": "2027-06-30",
         "training": {"completed": "2026-04-15"}},
    ],
}  # fmt: skip


def record(i: int, **overrides: Any) -> dict[str, Any]:
    """A published post record; every 7th lacks its url (a finding), every 11th is a draft."""
    data: dict[str, Any] = {
        "id": f"p{i}", "account": "dpw-x", "author": "dpw-liaison", "status": "published",
        "via": "Hootsuite", "approved_by": "comms-director",
        "approved_at": "2026-11-20T06:40:00-05:00", "published_at": "2026-11-20T07:00:00-05:00",
        "url": f"https://x.com/SyracuseDPW/status/{1991234567890123456 + i}",
        "text": f"Leaf pickup on route {i} this week. Details: https://www.syr.gov/leaves",
    }  # fmt: skip
    if i % 7 == 0:
        del data["url"]
    if i % 11 == 0:
        data["status"] = "draft"
    data.update(overrides)
    return data


def write_repo(root: Path, lines: list[str], *, roster: bool = True) -> Path:
    """A content repository with one official account and an archive of ``lines``."""
    (root / "accounts").mkdir(parents=True)
    (root / "archive").mkdir()
    (root / "postlint.yaml").write_text("policy: syracuse\n", encoding="utf-8")
    if roster:
        (root / "people.yaml").write_text(json.dumps(PEOPLE), encoding="utf-8")
    account = official_account().model_dump(mode="json", exclude_none=True)
    (root / "accounts" / "dpw-x.yaml").write_text(json.dumps(account), encoding="utf-8")
    (root / "archive" / "posts.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def mixed_lines(count: int) -> list[str]:
    """Records with findings, broken lines, unknown accounts and blank lines."""
    lines = []
    for i in range(count):
        if i % 50 == 13:
            lines.append('{"id": "broken", "account": ')  # not JSON
        elif i % 50 == 27:
            lines.append(json.dumps(record(i, account="nobody-x")))  # unknown account
        elif i % 50 == 31:
            lines.append(json.dumps(record(i, stauts="draft")))  # unknown field
        elif i % 50 == 40:
            lines.append("")
        else:
            lines.append(json.dumps(record(i)))
    return lines


def dumped(report: Any) -> list[dict[str, Any]]:
    return [v.model_dump() for v in report.violations]


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of a few records, so a small archive spreads over many chunks (and the
    first, linted before the pool starts, is split)."""
    monkeypatch.setattr(parallel, "CHUNK_BYTES", 2048)
    monkeypatch.setattr(parallel, "WARM_BYTES", 700)


@pytest.mark.usefixtures("small_chunks")
def test_jobs_2_gives_the_findings_of_jobs_1_in_the_same_order(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "repo", mixed_lines(600))
    one = lint_paths([repo], today=TODAY, jobs=1, entry_point_plugins=False)
    two = lint_paths([repo], today=TODAY, jobs=2, entry_point_plugins=False)
    assert dumped(two) == dumped(one)
    assert (two.posts, two.exit_code, two.targets) == (one.posts, one.exit_code, one.targets)
    rules = {v.rule for v in one.violations}
    assert {"incomplete-record", "input-error"} <= rules
    lines = [v.line for v in one.violations if v.rule == "input-error"]
    assert 14 in lines  # a broken record keeps its line number across chunks
    assert one.posts == 600 - 3 * 12  # minus broken, blank and invalid records


@pytest.mark.usefixtures("small_chunks")
def test_spawned_workers_give_the_findings_of_jobs_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Where fork is not offered (Windows), each worker starts a fresh interpreter and
    # builds its linter from the run's facts (linter_facts): the same findings.
    import multiprocessing

    repo = write_repo(tmp_path / "repo", mixed_lines(300))
    one = lint_paths([repo], today=TODAY, jobs=1, entry_point_plugins=False)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    two = lint_paths([repo], today=TODAY, jobs=2, entry_point_plugins=False)
    assert dumped(two) == dumped(one)
    assert (two.posts, two.exit_code, two.targets) == (one.posts, one.exit_code, one.targets)


@pytest.mark.usefixtures("small_chunks")
def test_a_configuration_finding_is_reported_once_whatever_the_jobs(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "repo", [json.dumps(record(i)) for i in range(300)], roster=False)
    one = lint_paths([repo], today=TODAY, jobs=1, entry_point_plugins=False)
    two = lint_paths([repo], today=TODAY, jobs=2, entry_point_plugins=False)
    configs = [v.message for v in two.violations if v.rule == "config-error"]
    assert configs, "a missing roster is a configuration finding"
    assert len(configs) == len(set(configs))
    assert dumped(two) == dumped(one)


def test_only_posts_with_findings_are_described(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "repo", [json.dumps(record(i)) for i in range(1, 200)])
    report = lint_paths([repo], today=TODAY, entry_point_plugins=False)
    with_findings = {v.target.id for v in report.violations if v.target.kind == "post"}
    described = {key[1] for key in report.targets if key[0] == "post"}
    assert described == with_findings
    assert report.posts == 199


def _archive_of(folder: Path, texts: list[str]) -> Path:
    """A JSON Lines archive in ``folder`` with one record for each text."""
    path = folder / "posts.jsonl"
    path.write_bytes("".join(json.dumps(record(i, text=t)) + "\n"
                             for i, t in enumerate(texts)).encode())  # fmt: skip
    return path


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(st.characters(codec="utf-8", exclude_characters="\n\r"), max_size=40),
             max_size=40),
    st.integers(1, 200),
    st.integers(1, 3),
    st.integers(1, 100),
)  # fmt: skip
def test_chunks_cover_the_archive_exactly_once_at_line_starts(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str], size: int, jobs: int, least: int
) -> None:
    path = _archive_of(tmp_path_factory.mktemp("a"), texts)
    with pytest.MonkeyPatch.context() as patch:  # the tail's smallest pieces
        patch.setattr(parallel, "WARM_BYTES", least)
        pieces = list(parallel.chunks([path], size, jobs))
    data = path.read_bytes()
    assert b"".join(data[c.start : c.end] for c in pieces) == data
    for chunk in pieces:
        assert chunk.first_line == data[: chunk.start].count(b"\n") + 1
    whole = [(p.id, p.origin.line) for p in iter_archive(path, "a")]  # type: ignore[union-attr]
    split = [
        (p.id, p.origin.line)  # type: ignore[union-attr]
        for c in pieces
        for p in iter_jsonl(path, "a", c.start, c.end, c.first_line)
    ]
    assert split == whole


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(st.characters(codec="utf-8", exclude_characters="\n\r"), max_size=40),
             min_size=1, max_size=40),
    st.integers(1, 400),
)  # fmt: skip
def test_the_warm_up_head_and_the_rest_cover_the_first_chunk(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str], size: int
) -> None:
    path = _archive_of(tmp_path_factory.mktemp("a"), texts)
    data = path.read_bytes()
    whole = parallel.Chunk(str(path), "a", 0, len(data), 1, len(data))
    head, rest = parallel._split(whole, size)
    pieces = [head] if rest is None else [head, rest]
    assert b"".join(data[c.start : c.end] for c in pieces) == data
    for chunk in pieces:
        assert chunk.first_line == data[: chunk.start].count(b"\n") + 1
        assert chunk.start == 0 or data[chunk.start - 1 : chunk.start] == b"\n"
        assert chunk.size == chunk.end - chunk.start  # type: ignore[operator]


def _array_of(folder: Path, elements: list[str], pretty: bool = False) -> Path:
    """A JSON-array archive in ``folder``: one element (as written) a line, or indented."""
    if pretty:
        elements = [e.replace(", ", ",\n    ") for e in elements]
    path = folder / "posts.json"
    path.write_text("[\n" + ",\n".join(elements) + "\n]\n", encoding="utf-8")
    return path


@pytest.mark.usefixtures("small_chunks")
@pytest.mark.parametrize("pretty", [False, True])
def test_a_json_array_is_shared_by_the_jobs_with_the_findings_of_one(
    tmp_path: Path, pretty: bool
) -> None:
    elements = [json.dumps(record(i)) for i in range(300)]
    elements[40] = '{"id": "broken", "text": }'  # not JSON: an error, then the next one
    elements[90] = "42"  # not a record
    elements[150] = json.dumps(record(150, account="nobody-x"))
    elements.append("")  # a trailing comma, tolerated
    repo = write_repo(tmp_path / "repo", [])
    (repo / "archive" / "posts.jsonl").unlink()
    archive = _array_of(repo / "archive", elements, pretty)
    assert len(list(parallel.chunks([archive], jobs=2))) > 3  # shared, not one chunk

    one = lint_paths([repo], today=TODAY, jobs=1, entry_point_plugins=False)
    two = lint_paths([repo], today=TODAY, jobs=2, entry_point_plugins=False)
    assert dumped(two) == dumped(one)
    assert (two.posts, two.exit_code, two.targets) == (one.posts, one.exit_code, one.targets)
    errors = [v for v in one.violations if v.rule == "input-error"]
    assert len(errors) == 3 and one.posts == 298
    assert all(v.line and v.column for v in one.violations if v.rule == "incomplete-record")


def seen(records: Iterator[Any]) -> list[tuple[Any, ...]]:
    """What a reader gave: each post's id, line, column and text, or each error."""
    return [(r.id, r.origin.line, r.origin.record_column, r.text) if not isinstance(r, Exception)
            else (r.message, r.line) for r in records]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    st.integers(0, 10_000),
    st.sampled_from(["", "}", "]", "{", ",", '"', "oops", "\\", "\n{", "\xff", "[[[", "\x00"]),
    st.booleans(),
    st.integers(1, 400),
)  # fmt: skip
# Found by this property: a first range holding only a blank line said nothing, and the
# ranges after it left the verdict on the file to it, so the file's error was lost.
@example(at=0, junk="\n{", cut=False, size=1)
def test_a_broken_json_array_gives_the_same_records_and_errors_in_batches(
    tmp_path_factory: pytest.TempPathFactory, at: int, junk: str, cut: bool, size: int
) -> None:
    # Whatever breaks an array (junk spliced in, or the file cut short), the batches a
    # pool hands out give what reading it whole gives: the same posts, the same errors.
    folder = tmp_path_factory.mktemp("a")
    elements = [json.dumps(record(i, text=f"post {i} #tag{i % 3}")) for i in range(30)]
    data = _array_of(folder, elements, pretty=at % 2 == 0).read_bytes()
    at %= len(data)
    spliced = data[:at] if cut else data[:at] + junk.encode("utf-8", "surrogateescape") + data[at:]
    if junk == "\xff":
        spliced = spliced.replace("\xff".encode(), b"\xff")  # a byte that is not UTF-8
    path = folder / "posts.json"
    path.write_bytes(spliced)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parallel, "WARM_BYTES", 1)
        pieces = list(parallel.chunks([path], size, 2))
    pieces = [replace(c, shown="a") for c in pieces]
    whole = seen(iter_archive(path, "a"))
    batched = seen(r for c in pieces for r in _records_of(c))  # as lint_chunk reads them
    assert batched == whole


def _records_of(chunk: parallel.Chunk) -> Iterator[Any]:
    if chunk.elements is not None:
        return array_records(chunk.elements, chunk.shown)
    if chunk.end is None:
        return iter_archive(Path(chunk.path), chunk.shown)
    return iter_jsonl(Path(chunk.path), chunk.shown, chunk.start, chunk.end, chunk.first_line)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(st.characters(codec="utf-8", exclude_characters="\r"), max_size=30),
             max_size=30),
    st.booleans(),
    st.integers(1, 300),
    st.integers(1, 3),
)  # fmt: skip
def test_batches_of_a_json_array_give_its_records_in_order(
    tmp_path_factory: pytest.TempPathFactory,
    texts: list[str],
    pretty: bool,
    size: int,
    jobs: int,
) -> None:
    elements = [json.dumps(record(i, text=t)) for i, t in enumerate(texts)]
    path = _array_of(tmp_path_factory.mktemp("a"), elements, pretty)

    whole = seen(iter_archive(path, "a"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parallel, "WARM_BYTES", 1)
        pieces = list(parallel.chunks([path], size, max(jobs, 2)))
    batched = seen(r for c in pieces for r in array_records(c.elements or (), "a"))
    assert batched == whole
    assert sum(c.size for c in pieces) == path.stat().st_size  # the progress reaches the end
    # The warm-up head of a batch, and the rest: every element once, in order.
    batch = parallel.Chunk(str(path), "a", elements=tuple(array_elements(path, "a")))
    head, rest = parallel._split(batch, size)
    assert (head.elements or ()) + ((rest.elements or ()) if rest else ()) == batch.elements
    assert rest is None or len(head.elements or ()) < len(batch.elements or ())


def test_a_file_that_is_not_json_lines_gets_one_error_however_it_is_cut(
    tmp_path: Path,
) -> None:
    # Its first ranges hold fewer lines than it takes to decide (long lines): the file
    # decides, so a pool reports it as one process does, once.
    path = tmp_path / "posts.jsonl"
    path.write_text("".join(f"row {i}, " + "x" * 300 + "\n" for i in range(12)), "utf-8")
    whole = seen(iter_archive(path, "a"))
    assert len(whole) == 1 and "does not look like JSON Lines" in whole[0][0]
    pieces = [replace(c, shown="a") for c in parallel.chunks([path], 1000)]
    assert len(pieces) == 3  # four lines each
    assert seen(r for c in pieces for r in _records_of(c)) == whole


def test_the_last_stretch_is_cut_finer_for_several_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # So that the workers finish together: no worker left alone with a whole last chunk.
    monkeypatch.setattr(parallel, "WARM_BYTES", 500)
    first = _archive_of(tmp_path, [f"post {i}" for i in range(300)])
    second = first.with_name("more.jsonl")
    second.write_bytes(first.read_bytes()[:20_000])
    one = [c.size for c in parallel.chunks([first, second], 4096)]
    two = [c.size for c in parallel.chunks([first, second], 4096, jobs=2)]
    # One job: whole pieces (to line ends), but for the end of each archive.
    assert sum(1 for size in one if size < 4096) <= 2
    assert sum(two) == sum(one) and len(two) > len(one)
    # Two jobs: a piece shrinks only once the work left (the second archive included)
    # is under 2 × jobs pieces, down to the floor; the last pieces are the smallest.
    assert two[0] >= 4096 and two[-1] < 1000
    finer = [size for size in two if size < 4096]
    assert sum(finer) < 4 * 4096 + 4096 + 500  # that stretch, and the first archive's end
    assert all(size >= 500 for size in two[:-1])


def test_a_worker_passes_on_its_hashtag_verdicts_to_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Judging a tag is a split search: one worker's verdict spares the others the search,
    # and the findings are the ones a worker would make alone.
    from postlint.engine import Linter
    from postlint.loading.repo import load_workspace
    from postlint.rules import media_accessibility

    texts = ["Fall #leafpickup starts Monday #syracuse", "More #leafpickup news #snowplow"]
    repo = write_repo(tmp_path / "repo", [json.dumps(record(i, text=t)) for i, t in
                                          enumerate(texts, 1)])  # fmt: skip
    archive = repo / "archive" / "posts.jsonl"
    head, rest = parallel._split(next(parallel.chunks([archive])), 10)
    assert rest is not None

    def worker() -> Linter:  # what a pool's initializer sets up
        linter = Linter.for_workspace(load_workspace([repo]), today=TODAY,
                                      entry_point_plugins=False)  # fmt: skip
        parallel._init(linter)
        return linter

    judged: list[str] = []
    real = media_accessibility.camel_case
    monkeypatch.setattr(media_accessibility, "camel_case",
                        lambda tag, settings: judged.append(tag) or real(tag, settings))  # fmt: skip
    worker()
    first = parallel._work(head)
    assert sorted(judged) == ["#leafpickup", "#syracuse"]
    assert first.shared["media-accessibility:hashtags"]["leafpickup"] == "#LeafPickup"
    assert parallel._work(head).shared == {}  # each verdict is passed on once

    judged.clear()
    alone = worker()
    expected = [v.message for v in parallel.lint_chunk(alone, rest).findings]
    judged.clear()
    worker()
    second = parallel._work(rest, (first.shared,))
    assert judged == ["#snowplow"]  # #leafpickup came from the first worker
    assert [v.message for v in second.findings] == expected
    assert any("#LeafPickup" in message for message in expected)


def test_shared_caches_record_only_while_sharing_and_stay_bounded() -> None:
    from postlint.context import LintContext

    ctx = LintContext(today=TODAY)
    cache = ctx.shared("k", limit=3)
    cache["a"] = 1
    assert ctx.fresh_shared() == {}  # one process: nothing to hand on
    ctx.start_sharing()
    cache["b"] = 2
    assert ctx.fresh_shared() == {"k": {"b": 2}}
    assert ctx.fresh_shared() == {}
    ctx.add_shared({"k": {"c": 3}, "other": {"x": 0}})
    assert (cache["c"], ctx.shared("other")["x"]) == (3, 0)
    assert ctx.fresh_shared() == {}  # what came from elsewhere is not sent back
    cache["d"] = 4  # a fourth key: the cache starts again
    assert dict(cache) == {"d": 4}
    ctx.add_shared({"k": {str(i): i for i in range(3)}})
    assert len(cache) <= 3
    # Entries from another worker may come before the rule first asks: the bound is
    # still the rule's.
    ctx.add_shared({"early": {"a": 1, "b": 2}})
    early = ctx.shared("early", limit=2)
    assert dict(early) == {"a": 1, "b": 2}
    early["c"] = 3
    assert dict(early) == {"c": 3}


def test_the_archive_is_read_as_it_is_linted_not_loaded_whole(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_text(json.dumps(record(1)) + "\n", encoding="utf-8")
    records = iter_archive(path, "posts.jsonl")
    assert next(records).id == "p1"  # type: ignore[union-attr]
    with path.open("a", encoding="utf-8") as stream:  # written after reading began
        stream.write(json.dumps(record(2)) + "\n")
    assert next(records).id == "p2"  # type: ignore[union-attr]


def test_memory_stays_flat_in_the_archive_size(tmp_path: Path) -> None:
    def archive(count: int) -> Path:
        path = tmp_path / f"posts-{count}.jsonl"
        with path.open("w", encoding="utf-8") as stream:
            for i in range(1, count + 1):
                stream.write(json.dumps(record(i, text="x" * 1500)) + "\n")
        return path

    def peak(path: Path) -> int:
        tracemalloc.start()
        try:
            assert all(not isinstance(r, Exception) for r in iter_archive(path, path.name))
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak(archive(100))  # one-time costs (validators built on first use) out of the way
    # pydantic keeps a bounded cache of short JSON strings; everything else is let go.
    large = archive(4000)
    assert peak(large) < large.stat().st_size / 10


def test_progress_is_drawn_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    piped = io.StringIO()
    with Progress(100, stream=piped, delay=0, interval=0) as bar:
        bar.advance(50, 10)
    assert piped.getvalue() == ""

    tty = Terminal()
    with Progress(100, stream=tty, delay=0, interval=0) as bar:
        bar.advance(50, 10)
        assert " 50%" in tty.getvalue()
        assert "10 posts" in tty.getvalue()
    assert tty.getvalue().endswith("\r\x1b[2K")  # erased when the run ends

    quiet = Terminal()
    with Progress(100, stream=quiet, enabled=False, delay=0, interval=0) as bar:
        bar.advance(50, 10)
    assert quiet.getvalue() == ""


@pytest.mark.usefixtures("small_chunks")
def test_check_jobs_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = write_repo(tmp_path / "repo", mixed_lines(200))
    monkeypatch.chdir(repo)
    args = ["check", "--today", "2026-11-25", "--no-plugins", "--format", "json"]
    assert main([*args, "--jobs", "1"]) == 2  # input errors
    one = capsys.readouterr().out
    assert main([*args, "--jobs", "2"]) == 2
    assert capsys.readouterr().out == one
    assert main([*args, "--jobs", "-1"]) == 2
    assert "number of processes" in capsys.readouterr().err


class SlowOnOnePost(Rule):
    """Sleeps on the post with id ``slow`` (a stand-in for a rule that hangs)."""

    slug = "slow-on-one-post"
    summary = "Sleeps on one post"
    scope = frozenset({"official"})

    def check(self, target: Any, ctx: Any) -> Iterator[Any]:
        if target.id == "slow":
            time.sleep(5)
        return iter(())


class SlowPlugin:
    @hookimpl
    def postlint_rules(self) -> list[type[Rule]]:
        return [SlowOnOnePost]


@pytest.mark.usefixtures("small_chunks")
@pytest.mark.parametrize("jobs", [1, 2])
def test_the_time_bound_holds_in_workers(tmp_path: Path, jobs: int) -> None:
    lines = [json.dumps(record(i)) for i in range(1, 60)]
    lines[40] = json.dumps(record(41, id="slow"))
    repo = write_repo(tmp_path / "repo", lines)
    (repo / "postlint.yaml").write_text("policy: syracuse\nrule_timeout: 0.5\n", encoding="utf-8")
    started = time.monotonic()
    report = lint_paths(
        [repo], today=TODAY, jobs=jobs, plugins=[SlowPlugin()], entry_point_plugins=False
    )
    assert time.monotonic() - started < 4
    stopped = [v for v in report.violations if v.rule == "internal-error"]
    assert [(v.target.id, v.line) for v in stopped] == [("slow", 41)]
    assert "slow-on-one-post" in stopped[0].message


def test_compacted_findings_stay_equal_and_copies_do_not_leak_into_each_other() -> None:
    from postlint.violation import Target, Violation

    def finding(i: int) -> Violation:
        v = Violation(rule="incomplete-record", severity="error", message=f"m{i}",
                      target=Target(kind="post", id=f"p{i}"), field="url")  # fmt: skip
        return v.model_copy(update={"path": "a.jsonl", "line": i})

    compact = parallel.Compactor()
    first, second = compact.finding(finding(1)), compact.finding(finding(2))
    assert first == finding(1)
    assert first.model_fields_set is second.model_fields_set  # stored once
    changed = first.model_copy(update={"severity": "warning", "column": 3})
    assert "column" in changed.model_fields_set
    assert "column" not in second.model_fields_set
    assert first.model_dump(exclude_unset=True) == finding(1).model_dump(exclude_unset=True)
    # A message that repeats (the same tag in many posts) is held once.
    again = compact.finding(finding(1).model_copy(update={"line": 9}))
    assert again.message is first.message and again.path is first.path
    assert (again.message, again.line) == ("m1", 9)


FIELD_VALUES = {
    "id": st.one_of(st.text(max_size=8), st.integers(-5, 10**12), st.none()),
    "account": st.sampled_from(["dpw-x", 315, "", None]),
    "author": st.sampled_from(["dpw-liaison", 42, None, ["x"]]),
    "status": st.sampled_from(["draft", "scheduled", "published", "Published", 1]),
    "published_at": st.sampled_from(
        ["2026-11-20T07:00:00-05:00", "2026-11-20T07:00:00", "2026-11-20", "0001-01-01T00:00:00Z",
         "yesterday", 1764000000, None]
    ),
    "text": st.text(max_size=30),
    "links": st.lists(st.sampled_from(["https://www.syr.gov", 5, None]), max_size=2),
    "media": st.lists(st.fixed_dictionaries({}, optional={
        "alt": st.text(max_size=5), "people": st.sampled_from(["crew", ["a", "b"], 7]),
        "type": st.sampled_from(["image", "gif"])}), max_size=2),
    "suppress": st.lists(st.fixed_dictionaries({"rule": st.just("x")}, optional={
        "reason": st.text(max_size=5), "expires": st.sampled_from(["2027-01-01", "0005-01-01"])}),
        max_size=1),
    "api_key": st.text(max_size=5),
    "stauts": st.just("draft"),
}  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({}, optional=FIELD_VALUES), st.integers(1, 9))
def test_the_fast_path_reads_every_record_as_the_detailed_path_does(
    data: dict[str, Any], column: int
) -> None:
    # A JSON Lines line (bytes) and a JSON array's element (text, at a column) alike.
    from postlint.loading.archive import _jsonl_record, _record, array_records

    raw = json.dumps(data).encode()
    text = raw.decode()
    cases = [
        (_jsonl_record(raw, "a.jsonl", 3), _record(json.loads(raw), "a.jsonl", 3, raw)),
        (
            next(array_records([(text, 3, column)], "a.json")),
            _record(json.loads(text), "a.json", 3, text, column),
        ),
    ]
    for fast, detailed in cases:
        if isinstance(detailed, Exception):
            assert isinstance(fast, Exception)
            assert str(fast) == str(detailed)
        else:
            assert not isinstance(fast, Exception), str(fast)
            assert fast is not None
            assert fast.model_dump() == detailed.model_dump()
            assert fast.origin == detailed.origin


# ------------------------------------------------------------- post files in jobs

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "content-repo"


def content_repo(root: Path, copies: int) -> Path:
    """The example content repository with ``copies`` more post files: its own posts
    again under new names, a broken file, a file holding a secret, a post that
    suppresses a finding and a file that silences one with a comment."""
    import shutil

    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns("archive"))
    posts = sorted((root / "posts").iterdir())
    sources = [p.read_text(encoding="utf-8") for p in posts]
    for i in range(copies):
        source = posts[i % len(posts)]
        (root / "posts" / f"copy-{i:04d}{source.suffix}").write_text(
            sources[i % len(posts)], encoding="utf-8"
        )
    (root / "posts" / "copy-broken.md").write_text("---\naccount: [\n---\nx\n", encoding="utf-8")
    (root / "posts" / "copy-secret.yaml").write_text(
        "account: water-x\nstatus: draft\ntext: hi\npassword: Tr0ub4dor-and-3\n", encoding="utf-8"
    )
    (root / "posts" / "copy-suppressing.yaml").write_text(
        "account: water-x\nstatus: published\ntext: hello\n"
        "suppress:\n  - rule: incomplete-record\n    reason: the platform lost it\n",
        encoding="utf-8",
    )
    (root / "posts" / "copy-commented.yaml").write_text(
        "# postlint: disable-file=incomplete-record reason='migrated record'\n"
        "account: water-x\nstatus: published\ntext: hello\n",
        encoding="utf-8",
    )
    return root


def test_jobs_share_the_post_files_of_a_content_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With many post files, --jobs N reads and lints them in the workers too, and the
    report is the one of --jobs 1: findings, suppressions, files, groups, exit code."""
    from postlint import api

    repo = content_repo(tmp_path / "repo", 90)
    monkeypatch.setattr(parallel, "FILES_PER_CHUNK", 7)
    monkeypatch.setattr(parallel, "WARM_BYTES", 3000)
    monkeypatch.setattr(api, "FILES_IN_CHUNKS", 10**6)  # the files one by one
    one = lint_paths([repo], today=TODAY, jobs=1, entry_point_plugins=False)
    monkeypatch.setattr(api, "FILES_IN_CHUNKS", 20)  # in chunks: here, then in workers
    chunked = lint_paths([repo], today=TODAY, jobs=1, entry_point_plugins=False)
    shared: list[Any] = []
    real = parallel._lint_files
    monkeypatch.setattr(parallel, "_lint_files", lambda *a: shared.append(1) or real(*a))
    two = lint_paths([repo], today=TODAY, jobs=2, entry_point_plugins=False)
    assert shared, "the parent lints the head of the files itself, the workers the rest"
    for other in (chunked, two):
        assert dumped(other) == dumped(one)
        assert (other.posts, other.files, other.exit_code) == (one.posts, one.files, one.exit_code)
        assert other.targets == one.targets and other.checked == one.checked
    rules = {v.rule for v in one.violations}
    assert {"input-error", "plaintext-secret", "incomplete-record"} <= rules
    assert any(v.suppressed and "lost it" in (v.suppression_reason or "") for v in one.violations)
    assert any(v.suppressed and "migrated" in (v.suppression_reason or "") for v in one.violations)


def test_file_chunks_hold_every_post_file_once_in_order(tmp_path: Path) -> None:
    paths = [tmp_path / f"p{i}.md" for i in range(11)]
    for i, path in enumerate(paths):
        path.write_text("x" * (i + 1), encoding="utf-8")
    pieces = list(parallel.file_chunks([*paths, tmp_path / "gone.md"], per_chunk=4))
    assert [len(c.files or ()) for c in pieces] == [4, 4, 4]
    assert [f for c in pieces for f, _ in c.files or ()] == [
        str(p) for p in [*paths, tmp_path / "gone.md"]
    ]
    assert [c.size for c in pieces] == [10, 26, 30]  # a file that is gone counts 0 bytes
    head, rest = parallel._split(pieces[1], 11)
    assert rest is not None and [len(head.files or ()), len(rest.files or ())] == [2, 2]
    assert (head.size, rest.size) == (11, 15) and rest.path == str(paths[6])
    head, rest = parallel._split(pieces[1], 0)  # one file at least
    assert rest is not None and [len(head.files or ()), len(rest.files or ())] == [1, 3]


#: The process that runs the tests: a worker is any other.
_PARENT = os.getpid()


def _dying_work(chunk: parallel.Chunk, shared: Any = ()) -> parallel.ChunkResult:
    """``parallel._work``, but a worker given a range past line 300 dies at once."""
    if os.getpid() != _PARENT and chunk.first_line > 300:
        os._exit(9)
    return _REAL_WORK(chunk, shared)


_REAL_WORK = parallel._work


@pytest.mark.usefixtures("small_chunks")
def test_a_worker_that_dies_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A worker killed mid-run (out of memory, say): what it had not finished is linted
    in the parent, and the report is the one of --jobs 1."""
    repo = write_repo(tmp_path / "repo", mixed_lines(600))
    one = lint_paths([repo], today=TODAY, jobs=1, entry_point_plugins=False)
    monkeypatch.setattr(parallel, "_work", _dying_work)
    two = lint_paths([repo], today=TODAY, jobs=2, entry_point_plugins=False)
    assert "a worker process stopped unexpectedly" in capsys.readouterr().err
    assert dumped(two) == dumped(one)
    assert (two.posts, two.exit_code, two.targets) == (one.posts, one.exit_code, one.targets)


@pytest.mark.usefixtures("small_chunks")
@pytest.mark.parametrize("jobs", [1, 2])
def test_findings_held_are_set_aside_from_the_collector_until_the_run_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """The findings of the chunks already linted are frozen (not scanned by every
    collection as the run goes on), and the run hands them back when it ends."""
    import gc

    repo = write_repo(tmp_path / "repo", mixed_lines(600))
    gc.unfreeze()
    seen: list[int] = []
    real = parallel.lint_chunks

    def watched(*args: Any) -> Iterator[parallel.ChunkResult]:
        for result in real(*args):
            seen.append(gc.get_freeze_count())  # as each result comes back
            yield result

    monkeypatch.setattr(parallel, "lint_chunks", watched)
    report = lint_paths([repo], today=TODAY, jobs=jobs, entry_point_plugins=False)
    assert report.violations
    assert len(seen) > 2 and seen[-1] > 0  # what the chunks before found is set aside
    assert gc.get_freeze_count() == 0
