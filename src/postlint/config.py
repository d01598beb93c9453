"""Configuration: ``postlint.yaml`` or ``[tool.postlint]`` in ``pyproject.toml``.

Found by walking up from the paths given (like ruff). Every key has a documented
default, so an empty configuration is a working one.

Like the content models, these build their validators on first use and keep plain
annotations (see :mod:`postlint.models`).
"""

from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from postlint.violation import Severity

CONFIG_FILES = ("postlint.yaml", ".postlint.yaml", "postlint.yml")


class CitySettings(BaseModel):
    """Facts about the City that rules judge against."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: str = Field("City of Syracuse", description="The City's name.")
    names: list[str] = Field(
        default_factory=lambda: ["City of Syracuse", "Syracuse"],
        description="Ways the City is named in text (for 'speaks about City business').",
    )
    timezone: str = Field("America/New_York", description="Zone for naive times and plain dates.")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        """An unknown zone would silently judge every naive time in UTC: refuse it."""
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown timezone {value[:60]!r}; use an IANA name such as America/New_York"
            ) from None
        return value

    domains: list[str] = Field(
        default_factory=lambda: ["syr.gov", "syracuse.ny.us"],
        description="City e-mail and web domains (personal-data allow-list).",
    )
    phone_allowlist: list[str] = Field(
        default_factory=lambda: ["311"],
        description="Published City phone numbers that are never personal data.",
    )
    scheduling_apps: list[str] = Field(
        default_factory=lambda: ["Hootsuite", "Sprout Social"],
        description="Approved content scheduling applications (SMP-8).",
    )
    training_valid_days: int = Field(
        365, ge=1, description="Days a Social Media training stays valid (SMP-10)."
    )
    backup_max_age_days: int = Field(
        30, ge=1, description="Maximum age in days of the last backup (SMP-12g)."
    )
    communications_departments: list[str] = Field(
        default_factory=lambda: ["Communications", "Communications and Marketing"],
        description="Departments whose members may post without a separate authorization.",
    )
    departments: list[str] = Field(
        default_factory=list,
        description="Extra City department names (added to the policy pack's list).",
    )
    department_aliases: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Other names of a department, e.g. Public Works: [DPW].",
    )
    disclaimer_phrases: list[str] = Field(
        default_factory=list,
        description="Extra accepted 'views are my own' wordings (added to the pack's).",
    )
    affiliation_phrases: list[str] = Field(
        default_factory=list,
        description="Extra accepted affiliation disclosures (added to the pack's).",
    )
    business_phrases: list[str] = Field(
        default_factory=list,
        description="Extra phrases that make a personal post speak about City business.",
    )
    contact_email: str = Field(
        "communications@syr.gov",
        description="Public contact e-mail for questions on the social media policy (SMP-3d).",
    )
    contact_phone: str = Field(
        "311", description="Public contact phone for questions on the policy (SMP-3d)."
    )
    archiving_providers: list[str] = Field(
        default_factory=list,
        description="Approved FOIL archiving systems; empty accepts any named provider.",
    )


class Config(BaseModel):
    """A content repository's postlint configuration."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    policy: str = Field("syracuse", description="The built-in policy pack.")
    roster: str | None = Field(None, description="Path of the roster (people.yaml).")
    consents: str | None = Field(None, description="Path of the consent register.")
    accounts: str = Field("accounts", description="Folder of account files.")
    city: CitySettings = Field(default_factory=CitySettings, description="City facts.")
    severity: dict[str, Severity] = Field(
        default_factory=dict, description="Severity per rule slug."
    )
    select: list[str] | None = Field(None, description="Run only these rules (slugs); none = all.")
    ignore: list[str] = Field(default_factory=list, description="Rules not to run.")
    per_path_ignores: dict[str, list[str]] = Field(
        default_factory=dict,
        validation_alias=AliasChoices("per_path_ignores", "per-path-ignores", "per-file-ignores"),
        description="Glob → slugs not reported for matching files.",
    )
    packs: list[str] = Field(
        default_factory=list, description="Extra YAML rule packs (a department's keywords)."
    )
    rules: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Options per rule slug (see each rule's docs)."
    )
    fail_on: Literal["error", "warning"] = Field(
        "error", description="Lowest severity that makes the exit code 1."
    )
    rule_timeout: float = Field(
        4.0,
        ge=0,
        description="Seconds the rules may take on one post, account or file before the"
        " one running is stopped and reported as internal-error; 0 = no bound.",
    )
    docs_url: str | None = Field(
        None,
        pattern=r"^https?://\S+$",
        description="Where the City publishes postlint's documentation (the site"
        " `mkdocs build` makes); SARIF rule links point at its rules/<slug>/ pages.",
    )

    _root: Path | None = PrivateAttr(default=None)
    _source: str | None = PrivateAttr(default=None)
    _origin: Any = PrivateAttr(default=None)

    @property
    def origin(self) -> Any:
        """Position map of the configuration file (``None`` when built in code)."""
        return self._origin

    def with_origin(self, origin: Any) -> "Config":
        """Attach the file position map (used by the loader)."""
        object.__setattr__(self, "_origin", origin)
        return self

    @property
    def root(self) -> Path | None:
        """Folder of the configuration file (paths in it are relative to this)."""
        return self._root

    @property
    def source(self) -> str | None:
        """The file this configuration was read from."""
        return self._source

    def located(self, root: Path | None, source: str | None) -> "Config":
        """Remember where the configuration was found."""
        object.__setattr__(self, "_root", root)
        object.__setattr__(self, "_source", source)
        return self

    def resolve(self, relative: str | None) -> Path | None:
        """A path from the config, relative to its folder."""
        if relative is None:
            return None
        path = Path(relative)
        if not path.is_absolute() and self._root is not None:
            path = self._root / path
        return path


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start``."""
    here = start if start.is_dir() else start.parent
    here = here.resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return pyproject
    return None


def _has_tool_section(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return "[tool.postlint" in text
