"""The outlet registry: which sites Pantau crawls, on which platform, for which region.

A registry is a YAML file (see ``scrapers/outlets/demo.yaml``) with a top-level ``outlets``
list. It is validated when loaded: a bad file raises :class:`RegistryError` naming the file,
the outlet and the field, so a typo fails the nightly run at its first task, not mid-crawl.
"""

from __future__ import annotations

import csv
import importlib.util
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

Platform = Literal["wordpress", "blogger", "generic"]

# Kemendagri codes: province "64", regency/city "64.08".
_REGION_CODE = re.compile(r"^\d{2}(\.\d{2})?$")
_OUTLET_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")

DEFAULT_REGISTRY = Path(__file__).resolve().parents[1] / "outlets" / "demo.yaml"


class RegistryError(ValueError):
    """A registry file that cannot be used, with the file, outlet and field at fault.

    ``headline`` says which file and how many outlets are wrong; ``problems`` lists every one
    ("outlet X: field 'region_code': …"), so a person fixes them all in one go.
    """

    def __init__(self, path: Path, problems: list[str] | str) -> None:
        self.path = path
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        if len(self.problems) == 1:
            self.headline = f"{path}: {self.problems[0]}"
        else:
            self.headline = f"{path}: {len(self.problems)} problems"
        super().__init__(
            self.headline if len(self.problems) == 1
            else "\n  ".join([self.headline, *self.problems])
        )


@lru_cache(maxsize=1)
def known_region_codes() -> frozenset[str]:
    """Every Kemendagri province and regency code of the gazetteer (transforms' rules/regions).

    Found through the package's location, not imported: the registry is read by every crawl
    subprocess and must stay light.
    """
    spec = importlib.util.find_spec("pantau_transforms")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pantau_transforms is not installed; its gazetteer checks region codes")
    folder = Path(next(iter(spec.submodule_search_locations))) / "rules" / "regions"
    codes: set[str] = set()
    for name in ("provinces.csv", "regencies.csv"):
        with (folder / name).open(encoding="utf-8") as handle:
            codes.update(row["code"] for row in csv.DictReader(handle))
    return frozenset(codes)


class Outlet(BaseModel):
    """One news outlet: where it lives, what software serves it, which region it covers."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="Stable slug used in file names, task labels and tables.")
    name: str
    base_url: str = Field(description="Home page; the crawl never leaves this host.")
    platform: Platform
    region_code: str = Field(description="Kemendagri code of the home region (province or regency).")
    timezone: Literal["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"] = "Asia/Jakarta"
    language: str = "id"
    # Optional overrides of the platform defaults.
    feeds: list[str] = Field(default_factory=list, description="Feed paths, e.g. /feed/.")
    sitemaps: list[str] = Field(default_factory=list, description="Sitemap paths.")
    article_url_pattern: str | None = Field(
        default=None, description="Regex on the URL path that marks an article page."
    )
    max_listing_pages: int = Field(default=20, ge=1, le=500)
    download_delay: float = Field(
        default=1.0, ge=0, le=60, description="Seconds between requests to this outlet."
    )
    # Bounds: no page or outlet can cost the night (defaults in settings.py).
    max_page_bytes: int | None = Field(
        default=None, ge=10_000, le=512 * 1024 * 1024,
        description="Largest response accepted from this outlet; default DOWNLOAD_MAXSIZE.",
    )
    time_budget_seconds: float | None = Field(
        default=None, gt=0, le=6 * 3600,
        description="Total time this outlet's crawl may take; default PANTAU_TIME_BUDGET.",
    )
    theme: dict[str, str | int | bool] = Field(
        default_factory=dict, description="Demo sites only: options of the local theme."
    )

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not _OUTLET_ID.match(value):
            raise ValueError("must be lowercase letters, digits and '-', 2-63 characters")
        return value

    @field_validator("base_url")
    @classmethod
    def _check_base_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ValueError(f"{value!r} is not an http(s) URL")
        return value if value.endswith("/") else value + "/"

    @field_validator("region_code")
    @classmethod
    def _check_region_code(cls, value: str) -> str:
        if not _REGION_CODE.match(value):
            raise ValueError(f"{value!r} is not a Kemendagri province (NN) or regency (NN.NN) code")
        if value not in known_region_codes():
            raise ValueError(
                f"{value!r} is not a province or regency of the gazetteer "
                "(transforms/pantau_transforms/rules/regions/*.csv); check the Kemendagri code"
            )
        return value

    @field_validator("article_url_pattern")
    @classmethod
    def _check_pattern(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"invalid regex: {exc}") from exc
        return value

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc

    @property
    def hostname(self) -> str:
        return urlsplit(self.base_url).hostname or ""


def registry_path() -> Path:
    """The registry in use: ``PANTAU_OUTLETS`` if set, else the bundled demo registry."""
    return Path(os.environ.get("PANTAU_OUTLETS", DEFAULT_REGISTRY))


def load_registry(path: Path | str | None = None) -> list[Outlet]:
    """Load and validate a registry file; raise RegistryError listing every bad outlet with
    its file, outlet and field."""
    path = Path(path) if path is not None else registry_path()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegistryError(
            path, "registry file not found (set PANTAU_OUTLETS or --registry)") from None
    except yaml.YAMLError as exc:
        raise RegistryError(path, f"not valid YAML: {exc}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("outlets"), list):
        raise RegistryError(path, "expected a mapping with an 'outlets' list")

    outlets: list[Outlet] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(raw["outlets"]):
        label = entry.get("id", f"#{index + 1}") if isinstance(entry, dict) else f"#{index + 1}"
        if not isinstance(entry, dict):
            problems.append(f"outlet {label}: expected a mapping")
            continue
        if isinstance(label, str) and label in seen:
            problems.append(f"outlet {label}: field 'id': duplicate of outlet #{seen[label] + 1}")
            continue
        if isinstance(label, str):
            seen[label] = index
        try:
            outlets.append(Outlet.model_validate(entry))
        except ValidationError as exc:
            problems.extend(
                f"outlet {label}: field '{'.'.join(str(p) for p in err['loc']) or '?'}': "
                # pydantic prefixes our validators' messages with "Value error, ": noise here
                f"{err['msg'].removeprefix('Value error, ')}"
                for err in exc.errors()
            )
    if problems:
        raise RegistryError(path, problems)
    if not outlets:
        raise RegistryError(path, "the 'outlets' list is empty")
    return outlets


def get_outlet(outlet_id: str, path: Path | str | None = None) -> Outlet:
    """One outlet of the registry by id."""
    for outlet in load_registry(path):
        if outlet.id == outlet_id:
            return outlet
    raise RegistryError(Path(path or registry_path()), f"no outlet with id {outlet_id!r}")
