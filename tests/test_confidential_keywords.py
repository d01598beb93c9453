"""``confidential-keywords``: markings found through evasion, prose left alone, packs."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factories as f
import postlint
from postlint.api import lint_paths
from postlint.errors import ConfigError
from postlint.rules.confidential_keywords import ConfidentialKeywords
from postlint.text.keywords import compile_packs
from postlint.text.normalize import words

RULE = "confidential-keywords"


def findings(text: str = "", linter: Any = None, **post: Any) -> list[postlint.Violation]:
    linter = linter or f.linter()
    return [v for v in linter.check(f.post(text=text, **post)) if v.rule == RULE]


@pytest.mark.parametrize(
    ("text", "marking", "written"),
    [
        ("INTERNAL USE ONLY - draft parks budget", "internal use only", "INTERNAL USE ONLY"),
        ("Attached: the confidential memo on the budget.", "confidential", "confidential"),
        ("CONFIDENTIAL: staffing plan", "confidential", "CONFIDENTIAL"),
        ("Confidential - Draft", "confidential", "Confidential"),
        ("Strictly confidential: the layoff list", "strictly confidential",
         "Strictly confidential"),
        ("For Official Use Only.", "for official use only", "For Official Use Only"),
        ("Draft – not for release until Monday", "draft not for release",
         "Draft – not for release"),
        ("Please do not distribute.", "do not distribute", "do not distribute"),
        ("EMBARGOED UNTIL 9 AM", "embargoed until", "EMBARGOED UNTIL"),
        ("Privileged and Confidential", "privileged and confidential",
         "Privileged and Confidential"),
        ("Protected by attorney-client privilege", "attorney client privilege",
         "attorney-client privilege"),
        ("ATTORNEY WORK PRODUCT", "attorney work product", "ATTORNEY WORK PRODUCT"),
        ("Pre-decisional draft of the plan", "pre decisional", "Pre-decisional"),
        ("Law Enforcement Sensitive", "law enforcement sensitive", "Law Enforcement Sensitive"),
        ("Controlled Unclassified Information", "controlled unclassified information",
         "Controlled Unclassified Information"),
        ("Minutes from executive session attached", "executive session", "executive session"),
        ("CUI//SP-PRVCY roster", "cui//sp", "CUI//SP"),
        ("(FOUO) snow routes", "fouo", "FOUO"),
        ("Roster below.\nLES\nnames…", "les", "LES"),
        ("SECRET//NOFORN", "secret//noforn", "SECRET//NOFORN"),
        ("HIPAA PHI: patient list", "hipaa phi", "HIPAA PHI"),
        # evasion
        ("ＩＮＴＥＲＮＡＬ ＵＳＥ ＯＮＬＹ", "internal use only", "ＩＮＴＥＲＮＡＬ ＵＳＥ ＯＮＬＹ"),
        ("СОNFIDENTIAL report", "confidential", "СОNFIDENTIAL"),
        ("con\u200bfiden\u00adtial memo", "confidential", "con\u200bfiden\u00adtial"),
        ("c o n f i d e n t i a l memo", "confidential", "c o n f i d e n t i a l"),
        ("C.O.N.F.I.D.E.N.T.I.A.L", "confidential", "C.O.N.F.I.D.E.N.T.I.A.L"),
        ("the c0nf1d3nt1al memo", "confidential", "c0nf1d3nt1al"),
        ("1nt3rn4l u$e 0nly", "internal use only", "1nt3rn4l u$e 0nly"),
        ("i n t e r n a l  u s e  o n l y", "internal use only",
         "i n t e r n a l  u s e  o n l y"),
        ("#InternalUseOnly", "internal use only", "InternalUseOnly"),
    ],
)  # fmt: skip
def test_marking_is_found_quoted_and_located(text: str, marking: str, written: str) -> None:
    found = findings(text)
    assert len(found) == 1, [v.message for v in found]
    v = found[0]
    assert f"'{marking}'" in v.message
    assert v.field == "text"
    assert v.span is not None
    assert text[v.span[0] : v.span[1]] == written
    assert v.severity == "error"
    assert v.clauses == ("SMP-4b",)


@pytest.mark.parametrize(
    "text",
    [
        "We are privileged to welcome the Secretary of State to Syracuse.",
        "Read our confidentiality policy: https://www.syr.gov/privacy",
        "Grandma's top secret recipe wins the chili cook-off!",
        "Calls to the tip line are free and confidential.",
        "Counseling is confidential and available 24/7.",
        "A confidential informant helped police recover the stolen bikes.",
        "Police ask anyone with information to call; tips are kept confidential.",
        "The non-confidential summary is posted online.",
        "Les Misérables opens at the Landmark Theatre tonight.",
        "Cui bono? Join the debate club.",
        "The cuisine at the Taste of Syracuse was amazing.",
        "The Common Council went into executive session at 3 pm.",
        "The Cuba embargo was debated on campus.",
        "This account is for official use only.",
        "Snow emergency from 7 PM tonight. Details: https://www.syr.gov/snow",
        "The internal auditor's report is public: https://www.syr.gov/audit",
        "The phi beta kappa chapter volunteers at the park.",
        "PHI BETA SIGMA chapter helps clean up Thornden Park.",
        "L.E.S. fans: the Lower East Side block party comes to Syracuse!",
        "LES MISERABLES tickets on sale now",
        "CUI BONO? A talk on civic trust at the library.",
        "Attorney-client privilege questions? The Law Department explains FOIL.",
        "The Common Council meets in executive session at 5 PM, then in public at 6.",
        "Job posting: Confidential Secretary to the Mayor.",
        "CONFIDENTIAL COUNSELING is available to City employees through the EAP.",
        "All calls to the hotline are strictly confidential.",
        "Reporters obtained a leaked confidential memo, the paper says.",
    ],
)
def test_prose_is_no_hit(text: str) -> None:
    assert findings(text) == []


def test_every_zone_of_a_post_is_read() -> None:
    found = findings(
        media=[
            {"file": "a.jpg", "alt": "Memo stamped CONFIDENTIAL on a desk"},
            {"file": "b.mp4", "type": "video", "captions": "This is internal use only."},
            {"file": "c.jpg", "source": "third-party", "credit": "Leaked: do not distribute"},
        ],
        quotes=[{"speaker": "Mayor's Office", "consent": "CR-2", "text": "Pre-decisional."}],
    )
    assert sorted(v.field or "" for v in found) == [
        "media[0].alt", "media[1].captions", "media[2].credit", "quotes[0].text",
    ]  # fmt: skip
    assert all("SMP-4b" in v.message for v in found)


def test_captions_given_as_a_file_are_not_read() -> None:
    assert findings(media=[{"file": "a.mp4", "type": "video", "captions": "cui.vtt"}]) == []


def test_applies_on_personal_accounts_too() -> None:
    found = findings("INTERNAL USE ONLY: the plow schedule", account="dpw-liaison-personal")
    assert len(found) == 1


# ------------------------------------------------------------------ pack format


def _pack(groups: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"groups": groups, **top}


def test_any_all_none_semantics() -> None:
    matcher = compile_packs(
        [("t", _pack({"g": {"any": ["budget cut"], "all": ["draft"], "none": ["approved"]}}))]
    )
    zones = [("text", "text", "The budget cut list, draft 2.")]
    assert [h.match.found for h in matcher.scan_zones(zones)] == ["budget cut"]
    assert matcher.scan_zones([("text", "text", "The budget cut list.")]) == []
    assert matcher.scan_zones([("text", "text", "Approved budget cut list, draft 2.")]) == []
    # `all` counts across the post's zones
    split = [("text", "text", "The budget cut list."), ("media[0].alt", "alt", "A draft memo")]
    assert [h.field for h in matcher.scan_zones(split)] == ["text"]


def test_match_types_forms_and_context_words() -> None:
    matcher = compile_packs([("t", _pack({
        "prefix": {"any": [{"term": "embargo", "match": "prefix"}]},
        "pattern": {"any": [{"pattern": r"case #\d{4}"}]},
        "upper": {"any": [{"term": "sbu", "form": "upper"}]},
        "near": {"any": [{"term": "plan", "near": ["staffing"], "unless": ["public"]}]},
    }))])  # fmt: skip
    found = {m.group.name for m in matcher.scan("EMBARGOED plan. case #1234. SBU")}
    assert found == {"prefix", "pattern", "upper"}
    assert {m.group.name for m in matcher.scan("the staffing plan")} == {"near"}
    assert matcher.scan("the public staffing plan, sbu") == []
    assert matcher.scan("embargo") != [] and matcher.scan("preembargo") == []


def test_words_need_word_boundaries() -> None:
    matcher = compile_packs([("t", _pack({"g": {"any": ["cui"]}}))])
    assert matcher.scan("cuisine") == []
    assert len(matcher.scan("a cui banner")) == 1


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"groups": {"g": {"any": ["x"], "match": "fuzzy"}}}, "match 'fuzzy'"),
        ({"groups": {"g": {"any": ["x"]}}, "outcome": "block"}, "outcome 'block'"),
        ({"groups": {"g": {"all": ["x"]}}}, "`any` lists no term"),
        ({"groups": {"g": {"any": ["x"], "anny": ["y"]}}}, "unknown key(s) ['anny']"),
        ({"groups": {"g": {"any": ["x"]}}, "zones": ["bio"]}, "unknown zone(s)"),
        ({"groups": {"g": {"any": [{"pattern": "(unclosed"}]}}}, "cannot be used"),
        ({"groups": {"g": {"any": ["x"], "window": "wide"}}}, "window 'wide'"),
        ({"groups": {"g": {"any": ["x"]}}, "zones": "text, alt"}, "unknown zone(s)"),
    ],
)
def test_a_broken_pack_says_what_is_wrong(data: dict[str, Any], says: str) -> None:
    with pytest.raises(ConfigError, match=None) as caught:
        compile_packs([("dept.yaml", data)])
    assert says in caught.value.message
    assert "dept.yaml" in caught.value.message


def test_department_pack_from_the_config_with_a_warning_outcome(tmp_path: Path) -> None:
    (tmp_path / "dpw.yaml").write_text(
        "outcome: warning\ngroups:\n  plow:\n    message: \"plow plan '{marking}'\"\n"
        "    any: [plow route draft]\n",
        encoding="utf-8",
    )
    config = postlint.Config(packs=["dpw.yaml"]).located(tmp_path, str(tmp_path / "x.yaml"))
    found = findings("See the PLOW ROUTE DRAFT.", linter=f.linter(config))
    assert [(v.severity, v.message.split(" in ")[0]) for v in found] == [
        ("warning", "plow plan 'plow route draft'")
    ]


def test_broken_department_pack_is_a_config_error_and_the_builtin_still_runs(
    tmp_path: Path,
) -> None:
    (tmp_path / "bad.yaml").write_text("groups: {g: {any: []}}\n", encoding="utf-8")
    config = postlint.Config(packs=["bad.yaml"]).located(tmp_path, str(tmp_path / "x.yaml"))
    found = f.linter(config).check(f.post(text="INTERNAL USE ONLY"))
    assert "confidential-keywords" in [v.rule for v in found]
    errors = [v for v in found if v.rule == "config-error"]
    assert any("bad.yaml" in v.message and "`any` lists no term" in v.message for v in errors)


def _repo_with_pack(root: Path, pack: str | None) -> Path:
    """A content repository whose configuration names ``packs/dept.yaml`` on line 3
    (written with ``pack`` as its text, or left absent)."""
    (root / "packs").mkdir(parents=True)
    if pack is not None:
        (root / "packs" / "dept.yaml").write_text(pack, encoding="utf-8")
    (root / "postlint.yaml").write_text(
        "policy: syracuse\npacks:\n  - packs/dept.yaml\n", encoding="utf-8"
    )
    (root / "accounts").mkdir()
    account = f.official_account().model_dump(mode="json", exclude_none=True)
    (root / "accounts" / "dpw-x.yaml").write_text(yaml.safe_dump(account), encoding="utf-8")
    (root / "posts").mkdir()
    (root / "posts" / "p.md").write_text(
        "---\naccount: dpw-x\nstatus: draft\n---\nLeaf pickup starts Monday.\n", encoding="utf-8"
    )
    return root


def _pack_errors(root: Path) -> list[postlint.Violation]:
    report = postlint.api.lint_paths([root], today=f.TODAY, entry_point_plugins=False)
    return [v for v in report.violations if v.rule == "config-error" and "dept.yaml" in v.message]


@pytest.mark.parametrize(
    ("pack", "line", "column", "says"),
    [
        # A term four lines into the third group: the term's own line.
        (
            "groups:\n  a:\n    any: [alpha]\n  b:\n    any: [beta]\n  c:\n    any:\n"
            "      - gamma\n      - {term: delta, window: 99}\n",
            9,
            9,
            "window 99",
        ),
        ("groups:\n  a:\n    any: []\n", 3, 5, "`any` lists no term"),  # the key
        ("outcome: warning\ngroups:\n  a:\n    anny: [x]\n", 3, 3, "unknown key(s)"),
        ("outcome: fatal\ngroups: {a: {any: [x]}}\n", 1, 1, "outcome 'fatal'"),
        ("groups:\n  a:\n    any: [x\n", 3, 1, "malformed YAML"),
    ],
)
def test_a_broken_department_pack_points_at_the_line_in_the_pack(
    tmp_path: Path, pack: str, line: int, column: int, says: str
) -> None:
    root = _repo_with_pack(tmp_path, pack)
    [error] = _pack_errors(root)
    assert error.path is not None and error.path.endswith("dept.yaml")
    assert (error.line, error.column) == (line, column)
    assert says in error.message
    if "malformed" not in says:
        assert f"named at {root / 'postlint.yaml'}:3:5" in error.message


def test_a_missing_department_pack_points_at_its_entry_in_the_configuration(
    tmp_path: Path,
) -> None:
    root = _repo_with_pack(tmp_path, None)
    errors = _pack_errors(root)
    assert [(v.path, v.line, v.column) for v in errors] == [(str(root / "postlint.yaml"), 3, 5)]


def test_pack_from_a_plugin_hook(tmp_path: Path) -> None:
    pack = tmp_path / "police.yaml"
    pack.write_text("groups:\n  ops:\n    any: [tactical plan]\n", encoding="utf-8")

    class Plugin:
        @postlint.hookimpl
        def postlint_packs(self, policy: str) -> list[Path]:
            return [pack] if policy == "syracuse" else []

    found = findings("Our tactical plan for Saturday", linter=f.linter(plugins=[Plugin()]))
    assert len(found) == 1


def test_a_failing_pack_hook_is_reported_and_the_builtin_pack_still_runs() -> None:
    class Plugin:
        @postlint.hookimpl
        def postlint_packs(self, policy: str) -> list[Path]:
            raise RuntimeError("secret-path-123")

    found = f.linter(plugins=[Plugin()]).check(f.post(text="INTERNAL USE ONLY"))
    problems = [v for v in found if v.rule == "internal-error"]
    assert len(problems) == 1
    assert "postlint_packs raised RuntimeError" in problems[0].message
    assert "secret-path-123" not in problems[0].message
    assert RULE in [v.rule for v in found]


def test_ten_thousand_terms_compile_into_one_automaton() -> None:
    terms = [f"project code {i:05d}" for i in range(10_000)]
    matcher = compile_packs([("big", _pack({"g": {"any": terms}}))])
    assert matcher.size >= 10_000
    assert [m.found for m in matcher.scan("re: PROJECT CODE 09999, and 00001")] == [
        "project code 09999"
    ]


# ------------------------------------------------------------------ properties

ZERO_WIDTH = st.sampled_from(["\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad"])
CONFUSABLE = {"o": "о", "a": "а", "e": "е", "c": "с", "i": "і", "p": "р"}


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["internal use only", "do not distribute", "attorney work product",
                     "for official use only", "privileged and confidential"]),
    st.lists(st.tuples(st.integers(0, 40), ZERO_WIDTH), max_size=4),
    st.sets(st.integers(0, 40), max_size=6),
)  # fmt: skip
def test_zero_width_and_confusables_inside_a_marking_still_match(
    marking: str, inserts: list[tuple[int, str]], swaps: set[int]
) -> None:
    chars = [CONFUSABLE.get(c, c) if i in swaps else c for i, c in enumerate(marking)]
    for at, zw in sorted(inserts, reverse=True):
        chars.insert(min(at, len(chars)), zw)
    written = "".join(chars)
    text = f"Budget notes. {written} - thanks"
    found = findings(text)
    assert len(found) == 1
    span = found[0].span
    assert span is not None
    assert words(text[span[0] : span[1]]).text == marking


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(max_size=40),
    st.sampled_from(["internal use only", "do not distribute", "not for public release",
                     "law enforcement sensitive", "controlled unclassified information"]),
    st.text(max_size=40),
)  # fmt: skip
def test_spans_stay_inside_any_text_and_read_as_the_marking(
    before: str, marking: str, after: str
) -> None:
    text = f"{before}\n{marking.upper()}.\n{after}"
    found = findings(text)
    spans = [v.span for v in found if v.span is not None]
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert any(marking in words(text[s:e]).text for s, e in spans)


def test_hostile_input_stays_fast() -> None:
    import time

    text = "non confidential memo " * 2000 + "confidential memo " * 2000 + "1" * 5000 + "a"
    start = time.perf_counter()
    found = findings(text)
    assert len(found) == 2000
    assert time.perf_counter() - start < 5  # linear work; seconds would mean a regression


# ------------------------------------------------------------------ end to end


def test_example_repo_budget_draft(shared_dir: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(shared_dir / "examples" / "content-repo", repo)
    report = lint_paths([repo], today=dt.date(2026, 11, 25), entry_point_plugins=False)
    found = [v for v in report.violations if v.rule == RULE]
    assert [(Path(v.path or "").name, v.line, v.column) for v in found] == [
        ("2026-11-21-budget-draft.md", 17, 1)
    ]
    assert "'internal use only'" in found[0].message


def test_rule_metadata() -> None:
    assert ConfidentialKeywords.scope == frozenset({"official", "personal"})
    doc = ConfidentialKeywords.doc()
    for section in ("What it checks", "Why", "Fails", "Passes", "Configure"):
        assert section in doc


# ---------------------------------------------------------------- the cheap screen

_MARKINGS = ["internal use only", "confidential memo", "pre-decisional", "embargoed",
             "do not distribute", "CUI//SP-PRVCY", "attorney-client privilege", "FOUO"]  # fmt: skip


@given(
    before=st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60),
    after=st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60),
    marking=st.sampled_from(_MARKINGS),
    how=st.integers(0, 4),
)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_screen_never_hides_a_match(before: str, after: str, marking: str, how: int) -> None:
    """Plain-ASCII texts skip the normalised view only when no term can match."""
    ctx = f.context()
    list(ConfidentialKeywords().check(f.post(text="warm up"), ctx))
    matcher, _ = ctx.cache["confidential-keywords:matcher"]
    text = f"{before} {f.evade(marking, how)} {after}"
    screened = matcher.scan(text)
    screen, matcher._screen = matcher._screen, None
    try:
        assert screened == matcher.scan(text)
    finally:
        matcher._screen = screen
