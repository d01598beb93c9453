"""``plaintext-secret``: no password, token or key is written in a content file."""

from __future__ import annotations

from collections.abc import Iterator

from postlint.context import LintContext
from postlint.origin import ContentFile
from postlint.rule import Rule
from postlint.text.secrets import SecretScanner, structured_region
from postlint.violation import Violation


class PlaintextSecret(Rule):
    """What it checks
    No content file (post, account, roster, consent register, configuration, archive)
    holds a password, token, API key or private key: under a key whose name says so
    (`password`, `passwd`, `pwd`, `secret`, `token`, `api_key`, `access_key`,
    `private_key`, `client_secret`, `credential`… with a real value, not a placeholder
    such as `${VAR}` or `<password>`), in a prose sentence ("the password is …"), or by
    the shape of the value anywhere (AWS key ids, GitHub, Slack, Stripe, Google and Meta
    tokens, JSON Web Tokens, PEM private keys, a password inside a web address, and
    high-entropy strings assigned to a key). Web addresses, status ids, hashtags,
    handles, dates and slugs are no hits. The finding names the file, the line and the
    kind of secret, never the value.

    Why
    SMP-12c asks for strong passwords kept as the City's IT policy requires, and SMP-6
    for the IT Department's precautions: a secret in a repository is readable by
    everyone with access and stays in its history for good.

    Fails
    ```yaml
    security:
      mfa: false
      password: Summer2026#        # a password in the file
    ```

    Passes
    ```yaml
    security:
      mfa: true
      login_gateway: Hootsuite    # the password lives in the password manager
    ```

    Configure
    Key words, placeholders, value shapes and entropy thresholds in
    `rules/<policy>/secrets.yaml`.
    """

    slug = "plaintext-secret"
    summary = "A content file holds a password, token, API key or private key"
    severity = "error"
    target = "file"
    clauses = ("SMP-6", "SMP-12c")
    scope = frozenset({"official", "personal"})

    def check(self, target: ContentFile, ctx: LintContext) -> Iterator[Violation]:
        pack = ctx.pack("secrets")
        scanner = ctx.cached("secrets:scanner", lambda: SecretScanner(pack))
        template = str(pack["message"])
        region = structured_region(target.path, target.text)
        for hit in scanner.scan(target.text, region):
            where = f" under the key `{hit.key}`" if hit.key else ""
            yield self.violation(
                target,
                template.format(kind=hit.kind, where=where),
                span=(hit.start, hit.end),
            )
