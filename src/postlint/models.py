"""The content a City content repository holds: posts, accounts, roster, consents.

These models are the file format's reference. Every field has a short description,
unknown fields are an error (with a "did you mean" suggestion, see ``loading``), and
models are frozen: rules read them, nothing writes them.

Validators are built on a model's first validation (``defer_build``), so a run pays
only for the models it reads; a nested model is built inside its parent. Annotations
are plain objects (no ``from __future__ import annotations``): pydantic would compile
every field's string annotation at import.
"""

import datetime as dt
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    SecretStr,
    field_serializer,
)

from postlint.origin import Origin


def _as_list(value: Any) -> Any:
    """Accept a single id where a list of ids is expected (``consent: CR-1``)."""
    if value is None:
        return []
    if isinstance(value, str | int):
        return [str(value)]
    return value


IdList = Annotated[list[str], BeforeValidator(_as_list)]


def _as_str(value: Any) -> Any:
    """Ids and handles may be written as bare numbers in YAML; read them as text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


Id = Annotated[str, BeforeValidator(_as_str)]


class Model(BaseModel):
    """Base of every content model: strict about unknown keys, immutable.

    Free-text fields (a post's text, alt text, a bio…) are left out of ``repr``: they
    may hold personal data, and a ``repr`` ends up in logs and tracebacks.
    """

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=False, defer_build=True
    )


class Located(Model):
    """A top-level record read from a file; remembers where it came from."""

    _origin: Origin | None = PrivateAttr(default=None)

    @property
    def origin(self) -> Origin | None:
        """Where this record was read from (``None`` when built in code)."""
        # Read where with_origin puts it: asking pydantic for an unset private
        # attribute costs 2 µs (a failed look-up first), and the engine asks per post.
        return self.__dict__.get("_origin")

    def with_origin(self, origin: Origin | None) -> Any:
        """Attach the file position map (used by loaders only)."""
        object.__setattr__(self, "_origin", origin)
        return self

    # A copy (``model_copy``, ``copy.copy``) starts without the indexes built from
    # this record's lists: ``model_copy(update={"people": [...]})`` must not answer
    # from the old list. It keeps the origin: it is still the record of that file.
    def __copy__(self) -> Self:
        copied = super().__copy__()
        copied.__dict__.pop("_by_id", None)
        return copied

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        copied = super().__deepcopy__(memo)
        copied.__dict__.pop("_by_id", None)
        return copied


# --------------------------------------------------------------------------- posts

MediaType = Literal["image", "video", "audio"]
PostStatus = Literal["draft", "scheduled", "published"]


class Media(Model):
    """A photo, video or audio item attached to a post."""

    file: str | None = Field(None, description="Path in the City's asset library.")
    url: str | None = Field(None, description="Address of the media item.")
    type: MediaType = Field("image", description="image | video | audio.")
    alt: str | None = Field(None, description="Alternative text for screen readers.", repr=False)
    captions: str | bool | None = Field(
        None, description="Captions (a file, the text, or true when burned in)."
    )
    people: IdList = Field(
        default_factory=list,
        description="Identifiable people shown, each named as a consent's subject.",
    )
    consent: IdList = Field(default_factory=list, description="Consent id(s) covering it.")
    source: Literal["city", "third-party"] = Field(
        "city", description="Who made it: the City, or a third party."
    )
    credit: str | None = Field(None, description="Credit or licence for third-party media.")
    license: str | None = Field(None, description="Licence of third-party media.")


class Quote(Model):
    """A quote of another person in a post."""

    speaker: str = Field(description="Who is quoted, named as a consent's subject.")
    consent: IdList = Field(default_factory=list, description="Consent id(s) covering it.")
    text: str | None = Field(None, description="The quoted words (optional).", repr=False)


class ChangeLogEntry(Model):
    """One logged change to a published post (SMP-12d)."""

    at: dt.datetime | None = Field(None, description="When the change was made.")
    by: Id | None = Field(None, description="Roster id of who made it.")
    summary: str | None = Field(None, description="What changed.", repr=False)


class Suppression(Model):
    """An in-file suppression: silence a rule on this record, with a reason."""

    rule: str = Field(description="Slug of the rule to silence.")
    reason: str | None = Field(None, description="Why (required).")
    expires: dt.date | None = Field(None, description="Last day the suppression holds.")


class Post(Located):
    """A social media post, drafted, scheduled or published."""

    id: Id = Field(description="Post id (defaults to the file name).")
    account: Id = Field(description="Id of the account it is posted on.")
    author: Id | None = Field(None, description="Roster id of the author.")
    status: PostStatus = Field("draft", description="draft | scheduled | published.")
    via: str | None = Field(None, description="App it was or will be published with.")
    scheduled_at: dt.datetime | None = Field(None, description="Scheduled publication time.")
    published_at: dt.datetime | None = Field(None, description="Publication time.")
    approved_by: Id | None = Field(None, description="Roster id of the approver.")
    approved_at: dt.datetime | None = Field(None, description="When it was approved.")
    url: str | None = Field(None, description="Address of the published post.")
    edited_at: dt.datetime | None = Field(None, description="Last change after publication.")
    edits: list[ChangeLogEntry] = Field(default_factory=list, description="Change log.")
    media: list[Media] = Field(default_factory=list, description="Attached media.")
    quotes: list[Quote] = Field(default_factory=list, description="Quotes of others.")
    links: list[str] = Field(default_factory=list, description="Links the post carries.")
    platform: str | None = Field(None, description="Platform (defaults to the account's).")
    text: str = Field("", description="The post text (Markdown body or `text`).", repr=False)
    suppress: list[Suppression] = Field(
        default_factory=list, description="In-file suppressions, each with a reason."
    )

    @property
    def publish_time(self) -> dt.datetime | None:
        """The time the post is judged at: published, else scheduled time."""
        if self.status == "published":
            return self.published_at or self.scheduled_at
        if self.status == "scheduled":
            return self.scheduled_at or self.published_at
        return None


# ------------------------------------------------------------------------ accounts


class PersonAt(Model):
    """Who did something, and when."""

    by: str | None = Field(None, description="Name or roster id.")
    at: dt.date | dt.datetime | None = Field(None, description="When.")


class Notification(Model):
    """The notification of the overseeing officer (SMP-7)."""

    officer: str | None = Field(None, description="The officer notified.")
    at: dt.date | dt.datetime | None = Field(None, description="When.")


class Enablement(Model):
    """The enabling record of an account (SMP-7)."""

    risk_assessment: dt.date | dt.datetime | None = Field(
        None, description="Date of the risk assessment."
    )
    commissioner_approval: PersonAt | None = Field(
        None, description="The agency commissioner's approval."
    )
    notified: Notification | None = Field(
        None, description="Notification of the overseeing officer."
    )


class RecoveryAccount(Model):
    """A non-privileged login kept for a malware incident (SMP-12e)."""

    handle: str | None = Field(None, description="Login name of the recovery account.")
    privileged: bool = Field(False, description="Whether it holds admin rights.")


class Security(Model):
    """Security settings of an account (SMP-6, SMP-12c, SMP-12e, SMP-12f)."""

    mfa: bool | None = Field(None, description="Multi-factor authentication on.")
    login_gateway: str | None = Field(
        None, description="SSO or scheduling tool all logins are forced through."
    )
    recovery_account: RecoveryAccount | None = Field(
        None, description="Non-privileged recovery login."
    )
    password: SecretStr | None = Field(
        None,
        description=(
            "A candidate password, given through the API or a prompt only. Never"
            " serialised; in a file it is reported by plaintext-secret."
        ),
    )

    @field_serializer("password")
    def _never_serialise(self, value: SecretStr | None) -> None:
        return None


class Moderation(Model):
    """Content screening of an account (SMP-12f)."""

    screening: bool | None = Field(None, description="Comments and posts are screened.")
    tool: str | None = Field(None, description="Tool used for screening.")


class Backups(Model):
    """Backups of an account (SMP-12g)."""

    last: dt.date | dt.datetime | None = Field(None, description="Date of the last backup.")
    frequency: str | None = Field(None, description="How often backups run.")


class Archiving(Model):
    """FOIL archiving of an account (SMP-9)."""

    enabled: bool | None = Field(None, description="Content is archived.")
    provider: str | None = Field(None, description="Archiving system.")


class Account(Located):
    """A social media account: official (the City's) or personal (an employee's)."""

    id: Id = Field(description="Account id (defaults to the file name).")
    kind: Literal["official", "personal"] = Field("official", description="official | personal.")
    platform: str | None = Field(None, description="Platform, e.g. x, facebook, instagram.")
    handle: Id | None = Field(None, description="Handle or page name.")
    name: str | None = Field(None, description="Display name.")
    department: str | None = Field(None, description="Department the account speaks for.")
    owner: Id | None = Field(None, description="Roster id of the owner (personal accounts).")
    bio: str | None = Field(None, description="Profile text.", repr=False)
    url: str | None = Field(None, description="Profile or website address.")
    approved_by: Id | None = Field(None, description="Roster id of who approved it.")
    approved_at: dt.date | dt.datetime | None = Field(None, description="When.")
    enablement: Enablement | None = Field(None, description="Enabling record (SMP-7).")
    admins: IdList = Field(default_factory=list, description="Roster ids of the admins.")
    scheduler: str | None = Field(None, description="Connected scheduling application.")
    security: Security | None = Field(None, description="Security settings.")
    moderation: Moderation | None = Field(None, description="Content screening.")
    backups: Backups | None = Field(None, description="Backups.")
    archiving: Archiving | None = Field(None, description="FOIL archiving.")
    terms_of_participation: str | None = Field(
        None, description="Terms of Participation statement (SMP-3).", repr=False
    )
    suppress: list[Suppression] = Field(
        default_factory=list, description="In-file suppressions, each with a reason."
    )


# -------------------------------------------------------------------------- roster


class Training(Model):
    """Social Media training record (SMP-10)."""

    completed: dt.date | None = Field(None, description="Date training was completed.")


class Person(Model):
    """Someone on the roster: may draft, approve or administer City social media."""

    id: Id = Field(description="Roster id.")
    name: str | None = Field(None, description="Full name or role name.")
    title: str | None = Field(None, description="City title.")
    department: str | None = Field(None, description="City department.")
    authorized: bool = Field(False, description="Authorized to post for the City.")
    authorized_by: Id | None = Field(None, description="Who authorized them.")
    authorized_until: dt.date | None = Field(None, description="Last day of authorization.")
    training: Training | None = Field(None, description="Social Media training.")


class Roster(Located):
    """Who may post (``people.yaml``), and who the City administrator is."""

    administrator: Id | None = Field(None, description="Roster id of the City administrator.")
    people: list[Person] = Field(default_factory=list, description="Everyone on the roster.")

    _by_id: dict[str, Person] | None = PrivateAttr(default=None)

    def person(self, person_id: str | None) -> Person | None:
        """The person with this id, or ``None`` (the first entry wins on a repeated id)."""
        if person_id is None:
            return None
        return _by_id(self, self.people).get(person_id)


def _by_id(owner: Located, items: list[Any]) -> dict[str, Any]:
    """``items`` by id (the first entry wins on a repeated id), indexed on first use and
    kept on ``owner`` (read where it is put, as :attr:`Located.origin` is)."""
    index: dict[str, Any] | None = owner.__dict__.get("_by_id")
    if index is None:
        index = {}
        for item in items:
            index.setdefault(item.id, item)
        object.__setattr__(owner, "_by_id", index)
    return index


# ------------------------------------------------------------------------ consents

ConsentKind = Literal["photo", "video", "audio", "quote"]


class Consent(Model):
    """Permission to post a photo, video, audio or quote of someone (SMP-4d)."""

    id: Id = Field(description="Consent id.")
    subject: str = Field(description="Who the consent is from (as named in posts).")
    kind: ConsentKind = Field(description="photo | video | audio | quote.")
    obtained: dt.date | None = Field(None, description="When it was obtained.")
    expires: dt.date | None = Field(None, description="Last valid day; none = no expiry.")
    scope: Literal["all"] | list[str] = Field(
        "all", description="`all`, or the platforms it covers."
    )
    purpose: str | None = Field(None, description="Purpose it was given for, if limited.")
    minors: bool = Field(False, description="The subject includes minors.")
    guardian_consent: bool = Field(False, description="A guardian consented for the minors.")


class ConsentRegister(Located):
    """The consent register (``consents.yaml``)."""

    consents: list[Consent] = Field(default_factory=list, description="Every consent.")

    _by_id: dict[str, Consent] | None = PrivateAttr(default=None)

    def get(self, consent_id: str) -> Consent | None:
        """The consent with this id, or ``None`` (the first entry wins on a repeated id)."""
        return _by_id(self, self.consents).get(consent_id)
