"""``missing-disclosure``: an employee's personal post on City business says who they are."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.context import LintContext
from postlint.models import Post
from postlint.rule import Rule
from postlint.text.disclosure import matchers
from postlint.violation import Edit, Fix, Violation


class MissingDisclosure(Rule):
    """What it checks
    A post on a **personal** account that speaks about City business carries both an
    affiliation disclosure (the author works for the City) and an explicit "views are
    my own" style disclaimer. A post speaks about City business when it names the City
    (`city.names`), a City department or one of its other names (DPW for Public Works),
    the author's own City title or department from the roster, or a City business
    phrase ("City Hall", "the Mayor"). A disclosure and a disclaimer in the account's
    `bio` count for every post of the account. The finding says which one is missing.

    Why
    SMP-4c asks employees to disclose their City affiliation when they speak about City
    business on a personal account, SMP-4e to make clear they speak for themselves, and
    SMP-5 refers to the State and local rules on employees' conduct.

    Fails
    ```yaml
    # account bio: "Syracuse native. Snow enthusiast."
    text: The DPW salt plan is a mess.     # City business, no disclosure, no disclaimer
    ```

    Passes
    ```yaml
    # account bio: "I work for the City of Syracuse (DPW). Views are my own."
    text: The DPW salt plan is a mess.
    ```
    A post that does not speak about City business needs neither.

    Configure
    Add wordings to `rules/<policy>/disclosure.yaml`, or in the configuration under
    `city`: `names`, `departments`, `department_aliases`, `business_phrases`,
    `disclaimer_phrases`, `affiliation_phrases`. The fix (drafts and scheduled posts
    only, never a published record) appends the missing sentence to the text.
    """

    slug = "missing-disclosure"
    summary = "Personal post on City business lacks an affiliation disclosure or a disclaimer"
    severity = "error"
    target = "post"
    clauses = ("SMP-4c", "SMP-4e", "SMP-5")
    fixable = True
    scope = frozenset({"personal"})

    def check(self, target: Post, ctx: LintContext) -> Iterator[Violation]:
        account = ctx.account_of(target)
        owner = ctx.person(account.owner) if account is not None else None
        found = matchers(ctx, owner)
        mention = found.business_mention(target.text) or found.authority(target.text)
        if mention is None:
            return
        bio = (account.bio if account is not None else None) or ""
        affiliated = found.has_affiliation(target.text) or found.has_affiliation(bio)
        disclaimed = found.has_disclaimer(target.text) or found.has_disclaimer(bio)
        if affiliated and disclaimed:
            return
        if not affiliated and not disclaimed:
            missing, key = "no affiliation disclosure and no 'views are my own' disclaimer", "both"
        elif not affiliated:
            missing, key = "no affiliation disclosure (that you work for the City)", "affiliation"
        else:
            missing, key = "no 'views are my own' disclaimer", "disclaimer"
        yield self.violation(
            target,
            f"this personal post speaks about City business (it mentions {mention.text!r})"
            f" but has {missing}; add it to the post, or once to the account's bio",
            field="text",
            fix=self._fix(target, ctx, key),
        )

    def _fix(self, post: Post, ctx: LintContext, key: str) -> Fix | None:
        """Append the missing sentence; never to a published post (the SMP-1 record)."""
        if post.status == "published":
            return None
        template = str((ctx.pack("disclosure").get("fix") or {}).get(key, ""))
        if not template:
            return None
        sentence = template.replace("{city}", ctx.city.name)
        separator = "" if not post.text or post.text.endswith("\n\n") else (
            "\n" if post.text.endswith("\n") else "\n\n")  # fmt: skip
        end = len(post.text)
        return Fix(
            description=f"append {sentence!r} to the text",
            edits=(Edit(field="text", start=end, end=end, text=f"{separator}{sentence}"),),
            safe=True,
        )
