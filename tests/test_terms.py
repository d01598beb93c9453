"""Terms of Participation (SMP-3): real wordings, each missing element, the `terms` command."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factories as f
from postlint import Account
from postlint.cli import main
from postlint.commands.terms import render_statement
from postlint.config import CitySettings
from postlint.violation import Violation

# Written in the style of real government comment policies: varied wording for each of
# the four elements (3a acceptable posts, 3b moderation, 3c consequences, 3d contact).
REAL_STYLE = [
    "This page is moderated. Comments that contain obscene language, personal attacks, or"
    " links to commercial sites will be removed. Users who repeatedly post such content may"
    " be banned from this page. For questions about this policy contact the Office of"
    " Communications at 315-448-8005.",
    "The City of Syracuse welcomes your comments. Please keep them relevant to the topic of"
    " the post. We review all comments and reserve the right to delete any that are abusive,"
    " off-topic or contain spam. Violators may be blocked. Questions? Email socialmedia@syr.gov.",
    "Terms of Participation: You are welcome to share your thoughts here, provided they are"
    " respectful. Our staff monitors this page Monday through Friday. We reserve the right to"
    " hide or remove content that is threatening, discriminatory or defamatory, and to block"
    " repeat offenders. Contact: Communications Director, (315) 448-8005.",
    "Comment guidelines. Posts promoting products, political campaigns or illegal activity are"
    " prohibited. Staff moderate comments during business hours; inappropriate replies are"
    " hidden. Anyone who ignores these guidelines can lose commenting privileges. For policy"
    " questions, write to communications@syr.gov.",
    "We encourage open, respectful discussion. The following are not allowed: profanity,"
    " harassment, hate speech, and sharing others' personal information. Comments are screened"
    " by moderators before they appear. Repeat violators will be banned. Please direct"
    " questions regarding this policy to the Department of Public Works at dpw@syr.gov.",
    "Participation guidelines: Keep it civil and on topic. We may remove comments that violate"
    " these guidelines. Breaking the rules repeatedly will result in a ban. Questions about"
    " these guidelines can be sent to us by calling 311.",
    "Acceptable use: you may post questions and feedback about Parks programs. Do not post"
    " advertisements or personal information. We check comments regularly and delete spam."
    " Users who violate these terms may be reported to the platform and blocked. Questions?"
    " Contact the Parks Department, parks@syr.gov.",
    "Friendly reminder: this is a public forum. Content that is obscene, threatening, or"
    " unrelated to City business is subject to removal. Comments are reviewed by City staff."
    " Accounts that repeatedly violate this policy will be restricted from commenting. If you"
    " have questions about this policy, please contact the City's social media administrator"
    " at communications@syr.gov.",
    "Please share your ideas with us! We ask that your posts remain relevant and respectful."
    " This account is monitored by the Office of Communications, and we will remove posts"
    " containing profanity or personal attacks. Repeated violations will lead to users being"
    " blocked. Policy questions: 315-448-8005.",
    "Commenting policy. What you may post: comments related to City services. What we remove:"
    " spam, threats, obscenities, and personal information. How we moderate: a staff member"
    " reviews comments every business day. What happens if you break the rules: we may block"
    " you. Who to ask: communications@syr.gov.",
    "Users may comment on topics relating to the Syracuse Police Department. Comments"
    " containing vulgar language or threats will be deleted by page administrators. Those who"
    " continue to post such content will be banned. Questions regarding this policy may be"
    " directed to the SPD Public Information Office at 315-442-5200.",
    "Comments are welcome as long as they are respectful and related to the topic. Moderators"
    " screen comments and hide any that contain hate speech, spam or personal data. Violating"
    " this policy may result in removal of your comments and a ban from the page. For"
    " questions contact communications@syr.gov.",
]

# One real-style sentence per element; dropping one must name exactly that element.
PARTS = {
    "SMP-3a": "We welcome comments on City topics; we do not allow threats, harassment or spam.",
    "SMP-3b": "This page is moderated: staff read replies each business day.",
    "SMP-3c": "Users who repeatedly violate these terms may be banned.",
    "SMP-3d": "For questions about this policy contact communications@syr.gov.",
}


def terms_findings(statement: str | None) -> list[Violation]:
    linter = f.linter(select=["terms-of-participation"])
    return linter.check(f.official_account(terms_of_participation=statement))


@pytest.mark.parametrize("statement", REAL_STYLE)
def test_real_style_statements_pass(statement: str) -> None:
    assert terms_findings(statement) == []


@pytest.mark.parametrize("dropped", sorted(PARTS))
def test_each_missing_element_is_named(dropped: str) -> None:
    statement = " ".join(text for clause, text in PARTS.items() if clause != dropped)
    (finding,) = terms_findings(statement)
    assert f"({dropped})" in finding.message
    others = [c for c in PARTS if c != dropped]
    assert not any(f"({c})" in finding.message for c in others)
    assert finding.field == "terms_of_participation"


def test_all_four_parts_pass() -> None:
    assert terms_findings(" ".join(PARTS.values())) == []


@pytest.mark.parametrize("statement", [None, "", "   \n"])
def test_no_statement(statement: str | None) -> None:
    (finding,) = terms_findings(statement)
    assert "no Terms of Participation" in finding.message
    assert "postlint terms --account dpw-x" in finding.message


@pytest.mark.parametrize(
    "nonsense",
    [
        "Be nice in the comments.",
        "spam spam spam moderate blocked a@b.co",
        "moderated. banned. on topic. call 311.",
        "Follow us for snow emergency and leaf pickup updates! Call 311 for City services.",
    ],
)
def test_nonsense_and_keyword_salad_fail(nonsense: str) -> None:
    (finding,) = terms_findings(nonsense)
    assert finding.rule == "terms-of-participation"


def test_keyword_salad_is_reported_as_too_short() -> None:
    (finding,) = terms_findings("spam spam spam moderate blocked a@b.co")
    assert "too short" in finding.message
    assert "miss" not in finding.message.split("too short")[0]


def test_personal_accounts_need_no_terms() -> None:
    linter = f.linter(select=["terms-of-participation"])
    assert linter.check(f.personal_account(terms_of_participation=None)) == []


# ------------------------------------------------------------------------ the template

_names = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs", "P", "S")),
    min_size=0,
    max_size=40,
)
_emails = st.emails().map(str)
_phones = st.from_regex(r"\A(311|\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4})\Z")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    department=_names,
    name=_names,
    city=st.sampled_from(["City of Syracuse", "Town of Salina", "City of Utica", "Syracuse"]),
    email=_emails | st.just(""),
    phone=_phones | st.just(""),
)
def test_every_rendered_statement_passes(
    department: str, name: str, city: str, email: str, phone: str
) -> None:
    account = Account.model_validate(
        {"id": "acct", "department": department or None, "name": name or None}
    )
    settings_ = CitySettings(name=city, contact_email=email, contact_phone=phone)
    statement = render_statement(account, settings_)
    assert terms_findings(statement) == []
    if email:
        assert email in statement
    if phone:
        assert phone in statement


def test_rendered_statement_names_city_department_and_contacts() -> None:
    city = CitySettings(contact_email="parks@syr.gov", contact_phone="315-473-4330")
    statement = render_statement(f.official_account(department="Parks"), city)
    assert "City of Syracuse, Parks" in statement
    assert "parks@syr.gov" in statement and "315-473-4330" in statement


# ------------------------------------------------------------------------ the command


def _repo(tmp_path: Path) -> Path:
    (tmp_path / "accounts").mkdir()
    (tmp_path / "postlint.yaml").write_text(
        "city:\n  contact_email: social@syr.gov\n  contact_phone: 315-448-8005\n",
        encoding="utf-8",
    )
    (tmp_path / "accounts" / "parks-facebook.yaml").write_text(
        "id: parks-facebook\nkind: official\nhandle: SyracuseParks\n"
        "department: Parks, Recreation and Youth Programs\n",
        encoding="utf-8",
    )
    return tmp_path


def test_terms_command_renders_from_the_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = _repo(tmp_path)
    code = main(["terms", "--account", "parks-facebook", "--config", str(repo / "postlint.yaml")])
    out = capsys.readouterr().out
    assert code == 0
    assert "Parks, Recreation and Youth Programs" in out
    assert "social@syr.gov" in out and "315-448-8005" in out
    assert terms_findings(out) == []


def test_terms_command_writes_a_file(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    target = tmp_path / "terms.md"
    args = ["terms", "--account", "parks-facebook", "--config", str(repo / "postlint.yaml")]
    assert main([*args, "-o", str(target)]) == 0
    assert terms_findings(target.read_text(encoding="utf-8")) == []


def test_terms_command_unknown_account(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = _repo(tmp_path)
    code = main(["terms", "--account", "nope", "--config", str(repo / "postlint.yaml")])
    err = capsys.readouterr().err
    assert code == 2
    assert "'nope'" in err and "parks-facebook" in err


def test_terms_for_the_example_repo_fix_the_finding(
    shared_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = shared_dir / "examples" / "content-repo" / "postlint.yaml"
    assert main(["terms", "--account", "parks-facebook", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "communications@syr.gov" in out  # the default contact: the example sets none
    assert terms_findings(out) == []
