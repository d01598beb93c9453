"""Benchmark data: a small content repository and JSONL archives of realistic posts.

Post text comes from ``../shared/corpora/tweets.txt`` when it is present (real public
tweets, one a line); otherwise from a generator that mimics their shape (mentions,
hashtags, links, emoji, 40–280 characters). Every record is a complete published post
on an official account, so the rules do their full work on each one.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared"
TWEETS = SHARED / "corpora" / "tweets.txt"

CONFIG = """\
policy: syracuse
roster: people.yaml
consents: consents.yaml
city:
  phone_allowlist: ["311", "315-448-8005"]
"""

PEOPLE = """\
administrator: comms-director
people:
  - id: comms-director
    name: Director of Communications and Marketing
    title: Director of Communications and Marketing
    department: Communications
    authorized: true
    training: {completed: 2026-02-02}
  - id: comms-specialist
    name: Communications Specialist
    title: Communications Specialist
    department: Communications
    authorized: true
    training: {completed: 2026-03-10}
  - id: dpw-liaison
    name: DPW Social Media Liaison
    title: Public Information Officer
    department: Public Works
    authorized: true
    authorized_by: comms-director
    authorized_until: 2027-06-30
    training: {completed: 2026-04-15}
"""

CONSENTS = """\
consents:
  - {id: CR-1, subject: DPW plow crew, kind: photo, obtained: 2026-11-01, expires: 2027-11-01}
  - {id: CR-2, subject: Mayor's Office, kind: quote, obtained: 2026-11-18, scope: all}
"""

ACCOUNT = """\
id: dpw-x
kind: official
platform: x
handle: "@SyracuseDPW"
department: Public Works
bio: Official account of the City of Syracuse Department of Public Works. Report issues to 311.
url: https://www.syr.gov/Departments/DPW
approved_by: comms-director
approved_at: 2024-03-01
enablement:
  risk_assessment: 2024-02-12
  commissioner_approval: {by: DPW Commissioner, at: 2024-02-20}
  notified: {officer: Chief Information Officer, at: 2024-02-21}
admins: [comms-director, dpw-liaison]
scheduler: Hootsuite
security:
  mfa: true
  login_gateway: Hootsuite
  recovery_account: {handle: dpw-recovery, privileged: false}
moderation: {screening: true, tool: Hootsuite}
backups: {last: 2026-11-22}
archiving: {enabled: true, provider: ArchiveSocial}
terms_of_participation: |
  We welcome comments on City of Syracuse Public Works topics; we do not allow threats,
  harassment, obscenity, spam or personal information about others.
  Moderation: staff review comments and may hide or remove those that break these terms.
  Consequences: users who repeatedly violate these terms may be blocked.
  Questions about this policy: Office of Communications, communications@syr.gov.
"""

_PROSE = (
    "snow plow street parking tonight crews city park budget meeting council water main"
    " leaf pickup trash recycling road closed detour library hours youth program summer"
    " festival permit sidewalk repair thank you residents neighborhood update schedule"
    " the a of and to in for on with at from by is are will be our your this that"
)
_WORDS = _PROSE.split()
_EMOJI = ("❄️", "🚧", "🍂", "👍", "🎉", "🚒", "😀", "🏙️")


def real_texts() -> list[str] | None:
    """The real tweet corpus, or ``None`` when ``../shared`` is absent."""
    if not TWEETS.is_file():
        return None
    lines = TWEETS.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def generated_texts(count: int = 5000, seed: int = 7) -> list[str]:
    """Tweet-shaped text: words, mentions, hashtags, a link now and then, emoji."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(6, 40))]
        if rng.random() < 0.4:
            words.insert(0, "@user")
        if rng.random() < 0.3:
            words.append("#" + rng.choice(_WORDS).capitalize() + rng.choice(_WORDS).capitalize())
        if rng.random() < 0.25:
            words.append(f"https://www.syr.gov/{rng.choice(_WORDS)}")
        if rng.random() < 0.3:
            words.append(rng.choice(_EMOJI))
        texts.append(" ".join(words)[:280])
    return texts


def texts() -> tuple[list[str], str]:
    """Post texts and where they come from."""
    real = real_texts()
    if real:
        return real, f"{len(real)} real tweets (shared/corpora/tweets.txt)"
    return generated_texts(), "generated tweet-shaped text (../shared absent)"


def records(count: int, corpus: list[str]) -> Iterator[dict[str, object]]:
    """``count`` complete published post records cycling through ``corpus``."""
    for i in range(count):
        minute = i % (24 * 60)
        stamp = f"2026-11-{1 + (i // 1440) % 20:02d}T{minute // 60:02d}:{minute % 60:02d}:00-05:00"
        yield {
            "id": f"post-{i}",
            "account": "dpw-x",
            "author": "dpw-liaison",
            "status": "published",
            "via": "Hootsuite",
            "approved_by": "comms-specialist",
            "approved_at": stamp,
            "published_at": stamp,
            "url": f"https://x.com/SyracuseDPW/status/{1991234567890123456 + i}",
            "text": corpus[i % len(corpus)],
        }


def write_repo(root: Path) -> Path:
    """A small content repository (config, roster, consents, one account) at ``root``."""
    (root / "accounts").mkdir(parents=True, exist_ok=True)
    (root / "archive").mkdir(exist_ok=True)
    (root / "postlint.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    (root / "consents.yaml").write_text(CONSENTS, encoding="utf-8")
    (root / "accounts" / "dpw-x.yaml").write_text(ACCOUNT, encoding="utf-8")
    return root


def write_archive(path: Path, count: int, corpus: list[str], *, approved: bool = True) -> Path:
    """A JSONL archive of ``count`` post records; with ``approved=False`` none records
    its approver, so every post has a finding (``unapproved-post``)."""
    with path.open("w", encoding="utf-8") as out:
        for record in records(count, corpus):
            if not approved:
                del record["approved_by"]
            out.write(json.dumps(record, ensure_ascii=False))
            out.write("\n")
    return path


def records_as_posts(corpus: list[str]) -> Iterator[Any]:
    """Validated posts, one per text (for in-process measures)."""
    from postlint.models import Post

    for record in records(len(corpus), corpus):
        yield Post.model_validate(record)


ONE_POST = """\
---
account: dpw-x
author: dpw-liaison
status: published
via: Hootsuite
approved_by: comms-specialist
approved_at: 2026-11-20T06:40:00-05:00
published_at: 2026-11-20T07:00:00-05:00
url: https://x.com/SyracuseDPW/status/1991234567890123456
---
Snow emergency from 7 PM tonight. Park on the odd-numbered side of the street so plows
can clear your block. Details: https://www.syr.gov/snow #SnowEmergency
"""


def write_one_post(root: Path) -> Path:
    """One clean Markdown post in the repository at ``root``."""
    (root / "posts").mkdir(exist_ok=True)
    path = root / "posts" / "one-post.md"
    path.write_text(ONE_POST, encoding="utf-8")
    return path


_SOUNDS = (
    "ka lo mi ra ven tor bel cas dun fen gor hal jin kel mor nas pel quin rus sol tam"
    " ul var wex yor zan bri cro dra fli gra ple stro thu vi"
)
_SYLLABLES = _SOUNDS.split()


def department_terms(count: int, seed: int = 11) -> list[str]:
    """``count`` distinct project code names ("project kaloven", "case velmor 12")."""
    rng = random.Random(seed)
    terms: set[str] = set()
    while len(terms) < count:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        kind = rng.random()
        if kind < 0.5:
            terms.add(f"project {word}")
        elif kind < 0.8:
            terms.add(f"case {word} {rng.randint(1, 999)}")
        else:
            terms.add(word)
    return sorted(terms)


def write_pack_repo(root: Path, archive: Path, terms: int) -> Path:
    """A repository whose configuration adds a department pack of ``terms`` terms."""
    write_repo(root)
    (root / "packs").mkdir(exist_ok=True)
    pack = {
        "outcome": "warning",
        "groups": {
            "projects": {
                "message": "unreleased project name '{marking}'",
                "any": department_terms(terms),
            }
        },
    }
    (root / "packs" / "dept.yaml").write_text(json.dumps(pack, indent=1), encoding="utf-8")
    (root / "postlint.yaml").write_text(CONFIG + "packs: [packs/dept.yaml]\n", encoding="utf-8")
    link = root / "archive" / archive.name
    if not link.exists():
        link.symlink_to(archive)
    return root
