"""False positives and speed of ``confidential-keywords`` and ``personal-data`` on real text.

Run ``python benchmarks/fp_corpora.py [--show]``. Reads ``../shared/corpora`` (skipped
when absent): every line of ``tweets.txt`` as a post on an official account, and the bio
and last post of each account in ``gov-accounts.json``. None of these is a City post
leaking confidential data, so findings are (nearly all) false positives; the target is
at most 1 finding per 5,000 posts. ``--show`` prints each finding (kind, masked message,
a short window of the text) so its cause can be judged.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
sys.path.insert(0, str(ROOT / "tests"))

from factories import context, post  # noqa: E402
from postlint.rules.confidential_keywords import ConfidentialKeywords  # noqa: E402
from postlint.rules.personal_data import PersonalData  # noqa: E402
from postlint.text.keywords import compile_packs  # noqa: E402


def corpora() -> dict[str, list[str]]:
    """Texts per corpus (absent corpora are left out)."""
    found: dict[str, list[str]] = {}
    tweets = CORPORA / "tweets.txt"
    if tweets.is_file():
        found["tweets.txt"] = [t for t in tweets.read_text("utf-8").splitlines() if t.strip()]
    accounts = CORPORA / "gov-accounts.json"
    if accounts.is_file():
        texts: list[str] = []
        for account in json.loads(accounts.read_text("utf-8")):
            texts.append(account.get("description") or "")
            texts.append((account.get("last_status") or {}).get("text") or "")
        found["gov-accounts bios+posts"] = [t for t in texts if t.strip()]
    return found


def main(show: bool = False) -> int:
    """Print a table: corpus, rule, posts, findings, per 5,000, posts/second."""
    found = corpora()
    if not found:
        print(f"no corpora under {CORPORA}: nothing to measure")
        return 0
    ctx = context()
    rules = [ConfidentialKeywords(), PersonalData()]
    print(f"{'corpus':26} {'rule':22} {'posts':>7} {'findings':>8} {'per 5k':>7} {'posts/s':>9}")
    for name, texts in found.items():
        posts = [post(text=t) for t in texts]
        for rule in rules:
            list(rule.check(posts[0], ctx))  # compile packs outside the timing
            hits = []
            start = time.perf_counter()
            for p in posts:
                hits.extend((p, v) for v in rule.check(p, ctx))
            elapsed = time.perf_counter() - start
            per5k = len(hits) * 5000 / len(posts)
            print(
                f"{name:26} {rule.slug:22} {len(posts):7d} {len(hits):8d} {per5k:7.2f}"
                f" {len(posts) / elapsed:9.0f}"
            )
            if show:
                for p, v in hits:
                    s, e = v.span or (0, 0)
                    window = p.text[max(0, s - 40) : s] + "[…]" + p.text[e : e + 40]
                    print(f"    {v.message[:70]} | {window!r}")
    scaling(next(iter(found.values())))
    return 0


def scaling(texts: list[str]) -> None:
    """Scan time per post with 10 and with 10,000 terms: one automaton pass either way."""
    print(f"\n{'terms':>7} {'distinct keys':>13} {'compile ms':>10} {'µs/post':>8}")
    for n in (10, 10_000):
        # Made-up two-word terms: realistic lengths, and none occurs in real text.
        terms = [f"zq{i:05d} marker" for i in range(n)]
        start = time.perf_counter()
        matcher = compile_packs([("scale", {"groups": {"g": {"any": terms}}})])
        compiled = time.perf_counter() - start
        start = time.perf_counter()
        for text in texts:
            matcher.scan(text)
        per_post = (time.perf_counter() - start) / len(texts) * 1e6
        print(f"{n:7d} {matcher.size:13d} {compiled * 1000:10.0f} {per_post:8.1f}")


if __name__ == "__main__":
    raise SystemExit(main(show="--show" in sys.argv))
