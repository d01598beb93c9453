"""Calibrate the `account-identity` recogniser on 1,063 real government account bios.

The City's recogniser (the `identity` pack's official / redirect / disclaimer phrases)
is run on the profiles of `corpora/gov-accounts.json` (US Congress members, committees,
caucuses and campaigns, 2017) with "City of Syracuse" generalised to the federal
legislature: the body is Congress / the House / the Senate, the office is the member's
or committee's office, the body's domains are house.gov and senate.gov.

A profile URL on house.gov or senate.gov serves as a rough label for "an official
office account" (campaign and personal accounts link elsewhere), so the run also shows
how often the bio alone agrees with that label.

    python benchmarks/identity_calibration.py [path/to/gov-accounts.json] [--json]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from postlint.packs import builtin_pack
from postlint.rules.account_identity import IdentityRecogniser

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "gov-accounts.json"

# "City of Syracuse" generalised to the federal legislature.
BODIES = ["U.S. House", "House of Representatives", "U.S. Senate", "United States Senate",
          "U.S. Congress", "Congress", "Congressional", "the Senate", "the House"]  # fmt: skip
# A member's title names the body too ("Congressman X" is of Congress), as "Syracuse"
# does in "Syracuse DPW".
SHORT_NAMES = ["House", "Senate", "Congressman", "Congresswoman", "Senator", "Rep.", "Sen."]
DOMAINS = ["house.gov", "senate.gov"]
# "Public Works" generalised to the member's or committee's office (exact case).
OFFICES = ["Congressman", "Congresswoman", "Congressmember", "Senator", "Sen.", "Rep.",
           "Representative", "Committee", "Caucus", "Office of", "office of", "Leader",
           "Whip", "Speaker", "Chairman", "Delegate"]  # fmt: skip
_WORD_OFFICIAL = re.compile(r"\bofficial\b", re.IGNORECASE)


def classify_all(accounts: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts of what the recogniser finds, with and without the profile URL."""
    pack = builtin_pack("syracuse", "identity")
    recogniser = IdentityRecogniser(pack, bodies=BODIES, short_names=SHORT_NAMES, domains=DOMAINS)
    counts: Counter[str] = Counter()
    agreement: Counter[str] = Counter()
    examples: dict[str, list[str]] = {"bio_discloses_not_gov_url": [], "gov_url_bio_silent": []}
    for account in accounts:
        bio, name, url = account.get("description"), account.get("name"), account.get("url")
        kwargs = {"name": name, "bio": bio, "handle": account.get("screen_name")}
        alone = recogniser.classify(**kwargs, url=None, offices=OFFICES)
        full = recogniser.classify(**kwargs, url=url, offices=OFFICES)
        counts["profiles"] += 1
        counts["word 'official' anywhere"] += bool(_WORD_OFFICIAL.search(bio or ""))
        counts["says official (after redirects)"] += alone.official
        counts["disclaims (personal/campaign/not official)"] += alone.disclaimed
        counts["names the body"] += alone.body
        counts["names the office"] += alone.office
        counts["URL on a body domain"] += full.domain
        counts["discloses: bio and name alone"] += alone.discloses
        counts["discloses: with profile URL"] += full.discloses
        label = full.domain
        agreement[
            f"label={'gov' if label else 'other'} bio={'yes' if alone.discloses else 'no'}"
        ] += 1
        text = f"{name}: {(bio or '')[:100]}"
        if alone.discloses and not label and len(examples["bio_discloses_not_gov_url"]) < 8:
            examples["bio_discloses_not_gov_url"].append(text)
        if label and not alone.discloses and len(examples["gov_url_bio_silent"]) < 8:
            examples["gov_url_bio_silent"].append(text)
    gov = agreement["label=gov bio=yes"] + agreement["label=gov bio=no"]
    said = agreement["label=gov bio=yes"] + agreement["label=other bio=yes"]
    return {
        "counts": dict(counts),
        "agreement_with_gov_url_label": dict(sorted(agreement.items())),
        "bio_recall_of_gov_url_accounts": round(agreement["label=gov bio=yes"] / gov, 3)
        if gov
        else None,
        "bio_precision_for_gov_url_accounts": round(agreement["label=gov bio=yes"] / said, 3)
        if said
        else None,
        "examples": examples,
    }


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    path = Path(args[0]) if args else DEFAULT
    if not path.is_file():
        print(f"corpus not found: {path} (give its path as the first argument)", file=sys.stderr)
        return 2
    result = classify_all(json.loads(path.read_text(encoding="utf-8")))
    if "--json" in argv:
        print(json.dumps(result, indent=2))
        return 0
    for key, value in result["counts"].items():
        print(f"{key:48} {value:5}")
    print()
    for key, value in result["agreement_with_gov_url_label"].items():
        print(f"{key:48} {value:5}")
    print(f"{'bio recall of gov-URL accounts':48} {result['bio_recall_of_gov_url_accounts']}")
    print(
        f"{'bio precision for gov-URL accounts':48} {result['bio_precision_for_gov_url_accounts']}"
    )
    for key, lines in result["examples"].items():
        print(f"\n{key}:")
        for line in lines:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
