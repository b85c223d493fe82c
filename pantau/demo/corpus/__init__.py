"""The real-modelled corpus: articles written for Pantau on the facts and layout of real
regional articles, with gold annotations (see FORMAT.md in this folder).

Each article reads two ways: as a stored copy of its page (title on line 1, the page furniture
a copy keeps around the body) and as a page rendered by the demo themes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

CORPUS_DIR = Path(__file__).parent
SPLITS = ("dev", "heldout")
PLATFORMS = ("wordpress", "blogger", "generic")
TIMEZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")
ELECTION_TYPES = (
    "pemilu",
    "pileg",
    "pilpres",
    "pilkada",
    "pilgub",
    "pilbup",
    "pilwali",
    "pilkades",
    "psu",
)
EVENT_TYPES = (
    "coordination_meeting",
    "campaign",
    "voting",
    "counting_recap",
    "logistics",
    "voter_registration",
    "asn_neutrality",
    "violation_enforcement",
    "security",
    "candidate_nomination",
    "socialization",
    "dispute",
    "other",
)
ROLES = ("event_location", "subject", "mentioned")
RESULT_LEVELS = ("tps", "desa", "kecamatan", "kabupaten", "provinsi", "nasional")


@dataclass(frozen=True)
class CorpusOutlet:
    name: str
    domain: str
    platform: str
    region_code: str
    timezone: str = "Asia/Jakarta"

    @property
    def id(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.domain.lower()).strip("-")[:63]


@dataclass(frozen=True)
class CorpusArticle:
    path: Path
    source: str
    outlet: CorpusOutlet
    title: str
    published: datetime | None
    split: str
    body: str
    above: str = ""
    title_line: str = ""
    header: str = ""
    footer: str = ""
    line_breaks: str = "double"
    gold: dict[str, Any] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return re.sub(r"^\d+-", "", self.path.stem)


class CorpusError(ValueError):
    """A corpus file that cannot be read, with the file and the field at fault."""


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value).strip()


def load_article(path: Path) -> CorpusArticle:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise CorpusError(f"{path}: expected a mapping")
    try:
        outlet = CorpusOutlet(**data["outlet"])
        published = data.get("published")
        if published is not None and not isinstance(published, datetime):
            published = datetime.fromisoformat(str(published))
        return CorpusArticle(
            path=path,
            source=str(data["source"]),
            outlet=outlet,
            title=_text(data, "title"),
            published=published,
            split=str(data.get("split") or path.parent.name),
            body=_text(data, "body"),
            above=_text(data, "above"),
            title_line=_text(data, "title_line"),
            header=_text(data, "header"),
            footer=_text(data, "footer"),
            line_breaks=str(data.get("line_breaks") or "double"),
            gold=data.get("gold") or {},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise CorpusError(f"{path}: {type(exc).__name__}: {exc}") from exc


def load_corpus(split: str = "all", root: Path = CORPUS_DIR) -> list[CorpusArticle]:
    """The corpus articles of one split (or all), in file order."""
    splits = SPLITS if split == "all" else (split,)
    return [load_article(path) for name in splits for path in sorted((root / name).glob("*.yaml"))]


_INSERT = re.compile(r"\[\[(baca|foto):\s*(.+?)\]\]", re.DOTALL)


def body_lines(body: str) -> list[str]:
    """The body's paragraphs as a stored copy shows them: each insert its own line ("Baca juga:
    T" for a related-article box, the caption for a photo), wherever it was written."""

    def line(match: re.Match[str]) -> str:
        text = " ".join(match.group(2).split())
        return f"\n\n{'Baca juga: ' if match.group(1) == 'baca' else ''}{text}\n\n"

    return [block.strip() for block in _INSERT.sub(line, body).split("\n\n") if block.strip()]


def stored_text(article: CorpusArticle) -> str:
    """The article as a stored copy of its page reads: title on line 1 (unless furniture comes
    first), the furniture around the body, paragraphs apart by one or two newlines."""
    parts = [
        article.above,
        article.title_line or article.title,
        article.header,
        *body_lines(article.body),
        article.footer,
    ]
    joiner = "\n" if article.line_breaks == "single" else "\n\n"
    return joiner.join(part for part in parts if part) + "\n"


def clean_body(article: CorpusArticle) -> str:
    """The body alone, inserts as lines: where gold texts must be found."""
    return "\n\n".join(body_lines(article.body))


def problems(article: CorpusArticle) -> list[str]:
    """What is wrong with one article's fields and gold: an empty list when nothing is."""
    from pantau_transforms.facts.places import gazetteer

    codes = {place.code for places in gazetteer().values() for place in places}
    found: list[str] = []
    gold = article.gold
    text = clean_body(article)
    flat = " ".join(text.split())

    def need(condition: bool, message: str) -> None:
        if not condition:
            found.append(message)

    need(article.split in SPLITS, f"split {article.split!r} is not one of {SPLITS}")
    need(
        article.split == article.path.parent.name,
        f"split {article.split!r} but the file is in {article.path.parent.name}/",
    )
    need(
        article.source.startswith(("http://", "https://")), "source must be the real article's URL"
    )
    need(article.outlet.platform in PLATFORMS, f"outlet.platform must be one of {PLATFORMS}")
    need(article.outlet.timezone in TIMEZONES, f"outlet.timezone must be one of {TIMEZONES}")
    need(
        article.outlet.region_code in codes,
        f"outlet.region_code {article.outlet.region_code!r} is not in the gazetteer",
    )
    need(
        bool(article.title) and len(article.body) > 200,
        "title and a body of 200+ characters needed",
    )
    need(article.line_breaks in {"single", "double"}, "line_breaks must be single or double")
    need(
        isinstance(gold.get("election_article"), bool),
        "gold.election_article must be true or false",
    )
    for region in gold.get("regions") or []:
        need(
            str(region.get("code")) in codes,
            f"region {region.get('code')!r} is not in the gazetteer",
        )
        need(
            region.get("role") in ROLES,
            f"region {region.get('code')!r}: role must be one of {ROLES}",
        )
    for election in gold.get("elections") or []:
        need(election.get("type") in ELECTION_TYPES, f"election type {election.get('type')!r}")
        need(
            isinstance(election.get("year"), int),
            f"election {election.get('type')!r}: year must be a number",
        )
    for event in gold.get("events") or []:
        need(event.get("type") in EVENT_TYPES, f"event type {event.get('type')!r}")
    if not gold.get("election_article"):
        need(not gold.get("events"), "a non-election article has no events")
    for person in gold.get("persons") or []:
        need(
            bool(person.get("name")) and bool(person.get("office")),
            f"person {person}: name and office",
        )
        need(
            " ".join(str(person.get("name", "")).split()[-1:]) in flat
            or person.get("name", "") in flat,
            f"person {person.get('name')!r} is not written in the body",
        )
    for quote in gold.get("quotes") or []:
        need(
            " ".join(str(quote.get("text", "")).split()) in flat,
            f"quote text {quote.get('text')!r} is not in the body as written",
        )
        need(
            len(str(quote.get("text", "")).split()) >= 5,
            f"quote {quote.get('text')!r}: five words or more",
        )
    for quantity in gold.get("quantities") or []:
        need(
            isinstance(quantity.get("value"), int | float),
            f"quantity {quantity}: value must be a number",
        )
        need(
            " ".join(str(quantity.get("text", "")).split()) in flat,
            f"quantity text {quantity.get('text')!r} is not in the body as written",
        )
    for result in gold.get("results") or []:
        need(
            result.get("election") in ELECTION_TYPES, f"result election {result.get('election')!r}"
        )
        need(result.get("level") in RESULT_LEVELS, f"result level {result.get('level')!r}")
        need(
            isinstance(result.get("votes"), int) and result["votes"] >= 0, f"result {result}: votes"
        )
        share = result.get("share")
        need(share is None or 0 <= share <= 100, f"result {result}: share must be 0-100")
        need(bool(result.get("candidates")), f"result {result}: candidates")
    return found


def render_page(article: CorpusArticle) -> bytes:
    """The article's page as the demo theme of its platform serves it (furniture of the theme,
    not of the stored copy)."""
    from pantau_scrapers.registry import Outlet

    from pantau.demo.sites import DemoArticle
    from pantau.demo.themes import render_site

    outlet = Outlet(
        id=article.outlet.id,
        name=article.outlet.name,
        base_url="http://127.0.0.1:8000/",
        platform=article.outlet.platform,
        region_code=article.outlet.region_code,
        timezone=article.outlet.timezone,
    )
    demo = DemoArticle(
        path=article.path,
        outlet_id=outlet.id,
        title=article.title,
        slug=article.slug,
        published=article.published or datetime(2024, 1, 1, tzinfo=UTC),
        date_style="meta" if article.published else "text",
        author="",
        categories=["Berita"],
        tags=[],
        split=article.split,
        body=article.body,
        gold=article.gold,
    )
    pages, paths = render_site(outlet, [demo])
    return pages[paths[0]][0]
