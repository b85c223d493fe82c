"""From a fetched page to a clean article: trafilatura, then Indonesian boilerplate rules.

trafilatura finds the main text and the metadata (title, author, date, canonical URL). What
regional themes leave in its output anyway ("Iklan", "by -139 Views", "Tinggalkan Balasan",
"Pos terkait", "Baca juga: …") is removed by line rules kept in ``rules/boilerplate.yaml``.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import dateparser
import py3langid
import trafilatura
import yaml
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url
from trafilatura.settings import Document
from w3lib.url import canonicalize_url, url_query_cleaner

from pantau_transforms.article import ArticleText

RULES_DIR = Path(__file__).with_name("rules")

# Query parameters that never change what an article says: trackers, Blogger's mobile
# switch, AMP flags. Dropping them gives every copy of a page the same article id.
TRACKING_PARAMS = (
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "fbclid",
    "gclid",
    "m",
    "amp",
    "amp_js_v",
    "share",
)

# Indonesian is often labelled Malay by character n-gram models; both mean "keep".
INDONESIAN_LABELS = frozenset({"id", "ms"})

# A body shorter than this after cleaning is a teaser, a gallery or an error page.
MIN_BODY_CHARS = 80

# Bounds per article, so no page can cost the night. A page over MAX_HTML_BYTES is rejected
# before parsing (the crawl caps responses at the same size: DOWNLOAD_MAXSIZE). A body over
# MAX_BODY_CHARS is cut at the last paragraph break before it and flagged (``truncated_from``):
# the longest article of both gold sets has 14,000 characters; 200,000 is a book chapter,
# a decree pasted whole or a page that repeats itself, and its facts take about a second.
MAX_HTML_BYTES = 8 * 1024 * 1024
MAX_BODY_CHARS = 200_000

# "Rabu, 13 November 2024" or "13 Nopember 2024" written in the page when no machine
# date exists; the weekday is optional, the month may use old spellings.
_INDONESIAN_DATE = re.compile(
    r"\b(?:(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu),?\s+)?"
    r"(\d{1,2})\s+(Januari|Februari|Pebruari|Maret|April|Mei|Juni|Juli|Agustus|September|"
    r"Oktober|November|Nopember|Desember)\s+(\d{4})(?:[,\s\-–|]+(?:pukul\s+)?(\d{1,2})[.:](\d{2}))?",
    re.IGNORECASE,
)


class ExtractionError(ValueError):
    """The page holds no usable article (empty body, wrong language)."""


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    drop: re.Pattern[str]
    tail: re.Pattern[str]


@lru_cache(maxsize=1)
def boilerplate_rules() -> BoilerplateRules:
    """Compile the line rules once per process; fail loudly on an empty group."""
    path = RULES_DIR / "boilerplate.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    groups = {}
    for key in ("drop", "tail"):
        patterns = data.get(key) or []
        if not patterns:
            raise ValueError(f"{path}: rule group {key!r} is empty")
        for pattern in patterns:
            re.compile(pattern)  # name the bad pattern rather than the joined one
        groups[key] = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    return BoilerplateRules(drop=groups["drop"], tail=groups["tail"])


@lru_cache(maxsize=64)  # an article's id and its URL column both ask for it
def canonical_url(url: str) -> str:
    """The URL that identifies an article: no trackers, no fragment, sorted query."""
    cleaned = url_query_cleaner(url, TRACKING_PARAMS, remove=True, keep_fragments=False)
    return canonicalize_url(cleaned)


def article_id(url: str, outlet_id: str | None = None) -> str:
    """Stable id of an article across runs: a hash of the outlet and its canonical URL's path.

    The host is left out when the outlet is known, so an outlet that moves to https, drops
    "www." or changes domain keeps its article ids (and so do the demo sites, whose port
    changes every run).
    """
    canonical = canonical_url(url)
    if outlet_id is None:
        key = canonical
    else:
        parts = urlsplit(canonical)
        key = f"{outlet_id}|{parts.path}" + (f"?{parts.query}" if parts.query else "")
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def content_hash(title: str, body: str) -> str:
    """Fingerprint of what an article says, to tell an unchanged re-fetch from an edit."""
    return hashlib.sha1(f"{title}\n{body}".encode()).hexdigest()


def clean_body(text: str) -> str:
    """Drop boilerplate lines, cut comment forms and related-post tails, join paragraphs."""
    rules = boilerplate_rules()
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    total = sum(len(line) for line in lines)
    kept: list[str] = []
    seen = 0
    for line in lines:
        if rules.tail.fullmatch(line) and seen >= total / 2:
            break
        seen += len(line)
        if rules.drop.fullmatch(line):
            continue
        kept.append(line)
    return "\n\n".join(kept)


def without_headline(body: str, title: str) -> str:
    """The body without the headline some themes repeat as its first line."""
    first, _sep, rest = body.partition("\n\n")
    if title and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest
    return body


LANGUAGE_SAMPLE_CHARS = 400  # py3langid's time grows with the text; a lead says the language


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid, on the first paragraphs)."""
    language, _score = py3langid.classify(text[:LANGUAGE_SAMPLE_CHARS])
    return "id" if language in INDONESIAN_LABELS else language


def parse_published(value: str | None, page_text: str, timezone: str | None) -> datetime | None:
    """Publication time: trafilatura's date, with the time of day when the page writes one.

    trafilatura (htmldate) often returns the day only; an Indonesian date line on the page
    ("Rabu, 8 Maret 2023 - 14:30 WITA") gives the time, and the day when there is no other.
    """
    zone = ZoneInfo(timezone) if timezone else None
    found = None
    if value:
        parsed = _iso_datetime(value) or dateparser.parse(
            value, settings={"RETURN_AS_TIMEZONE_AWARE": False}
        )
        if parsed is not None:
            found = parsed.replace(tzinfo=parsed.tzinfo or zone)
    match = _INDONESIAN_DATE.search(page_text)
    if match:
        day, month, year, hour, minute = match.groups()
        written = _written_day(int(day), month, int(year))
        if written is not None:
            written = written.replace(hour=int(hour or 0), minute=int(minute or 0), tzinfo=zone)
            has_time = hour is not None
            if found is None or (
                has_time and found.date() == written.date() and (found.hour, found.minute) == (0, 0)
            ):
                return written
    return found


MONTHS = {
    "januari": 1,
    "februari": 2,
    "pebruari": 2,
    "maret": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "agustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "nopember": 11,
    "desember": 12,
}


def _iso_datetime(value: str) -> datetime | None:
    """The common machine forms ("2024-11-13", "2024-11-13T10:15:00+08:00") without dateparser,
    which costs milliseconds a call; anything else goes to dateparser."""
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _written_day(day: int, month: str, year: int) -> datetime | None:
    try:
        return datetime(year, MONTHS[month.lower()], day)
    except (KeyError, ValueError):
        return None


def extract_article(
    html: str | bytes,
    url: str | None,
    *,
    outlet_id: str | None = None,
    outlet_region_code: str | None = None,
    timezone: str | None = None,
) -> ArticleText:
    """Title, clean body, date and author of one article page; raise ExtractionError if none.

    The page is parsed once. Its metadata comes from trafilatura's metadata readers that look at
    what a page declares (meta tags, JSON-LD, ``<title>``/``<h1>``, the canonical link) and
    htmldate's quick search; the text from trafilatura without its fallback extractors, which
    the rules below make up for. Together they cost less than one default ``trafilatura.extract``.
    """
    size = len(html)
    if size > MAX_HTML_BYTES:
        raise ExtractionError(
            f"{url or 'page'}: page too large to extract ({size:,} bytes; cap {MAX_HTML_BYTES:,})"
        )
    tree = trafilatura.load_html(html)
    if tree is None:
        raise ExtractionError(f"{url or 'page'}: not an HTML page")
    meta = page_metadata(tree, url)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=False,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        fast=True,
    )
    if document is None or not (document.text or "").strip():
        raise ExtractionError(f"{url or 'page'}: trafilatura found no main text")
    body = without_headline(clean_body(document.text), meta.title or "")
    body, truncated_from = bounded_body(body)
    if len(body) < MIN_BODY_CHARS:
        raise ExtractionError(f"{url or 'page'}: body too short after cleaning ({len(body)} chars)")
    language = detect_language(body)
    if language != "id":
        raise ExtractionError(f"{url or 'page'}: not Indonesian (detected {language!r})")
    page_url = meta.url or url
    raw_html = html.decode("utf-8", "replace") if isinstance(html, bytes) else html
    published = parse_published(meta.date, _visible_head(raw_html), timezone)
    return ArticleText(
        article_id=(
            article_id(page_url, outlet_id)
            if page_url
            else content_hash(meta.title or "", body)[:16]
        ),
        url=canonical_url(page_url) if page_url else None,
        title=(meta.title or "").strip(),
        body=body,
        published_at=published,
        outlet_region_code=outlet_region_code,
        language=language,
        author=(meta.author or None),
        truncated_from=truncated_from,
    )


def bounded_body(body: str) -> tuple[str, int | None]:
    """The body cut to MAX_BODY_CHARS at its last paragraph break, and its length before the
    cut (None when it is whole): the facts then take bounded time on any page."""
    if len(body) <= MAX_BODY_CHARS:
        return body, None
    cut = body.rfind("\n\n", 0, MAX_BODY_CHARS)
    return body[: cut if cut > 0 else MAX_BODY_CHARS], len(body)


def page_metadata(tree: HtmlElement, url: str | None) -> Document:
    """Title, author, canonical URL and date a page declares, with trafilatura's readers.

    ``trafilatura.metadata.extract_metadata`` does the same and more, but its author search over
    the page's bylines alone costs more than the text extraction; the author here is the one the
    page declares in its meta tags or JSON-LD.
    """
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None
    try:
        meta = extract_meta_json(tree, meta)
    except Exception:  # noqa: BLE001 - trafilatura's own guard: malformed JSON-LD is common
        logging.getLogger(__name__).debug("malformed JSON-LD on %s", url)
    meta.title = meta.title or extract_title(tree)
    meta.url = meta.url or extract_url(tree, url)
    meta.date = find_date(tree, url=meta.url, extensive_search=False, original_date=True)
    return meta


def article_from_text(text: str, *, name: str = "text") -> ArticleText:
    """A plain-text article, as a stored copy of a page reads: first non-empty line the title,
    the rest the body without the furniture between headline and lead (menus, bylines,
    section labels) or after the end (tags, related posts, comment forms)."""
    paragraphs = clean_body(text).split("\n\n")
    if not paragraphs or not paragraphs[0]:
        raise ExtractionError(f"{name}: empty file")
    title, rest = paragraphs[0], paragraphs[1:]
    if _SITE_NAME.fullmatch(title) and rest:  # "Ambonkita.com" above the menus and the headline
        # The headline is the longest headline-like line above the lead (menus come first).
        lines = [(len(line), i) for i, line in enumerate(rest[:8]) if _headline_like(line)]
        if lines:
            headline = max(lines)[1]
            title, rest = rest[headline], rest[headline + 1 :]
    if _body_like(title):  # a copy without its headline starts with the dateline paragraph
        rest = [title, *rest]
    title = _BREADCRUMB.sub("", title)
    lead = next((i for i, line in enumerate(rest[:15]) if _body_like(line)), 0)
    rest = rest[lead:]
    last = max((i for i, line in enumerate(rest) if _body_like(line)), default=len(rest) - 1)
    kept = rest[: last + 1] + [line for line in rest[last + 1 :] if not _title_case(line)]
    body, truncated_from = bounded_body("\n\n".join(_first_copies(kept)))
    if len(body) < MIN_BODY_CHARS:
        raise ExtractionError(f"{name}: body too short after cleaning ({len(body)} chars)")
    language = detect_language(body)
    if language != "id":
        raise ExtractionError(f"{name}: not Indonesian (detected {language!r})")
    return ArticleText(
        article_id=content_hash(title, body)[:16],
        url=None,
        title=title,
        body=body,
        published_at=_date_line(text),
        language=language,
        truncated_from=truncated_from,
    )


REPEATED_PARAGRAPH_CHARS = 60  # a paragraph this long written twice is a page printed twice


def _first_copies(paragraphs: list[str]) -> list[str]:
    """The paragraphs without the second copy of a long one: some stored pages hold the article
    twice (its AMP or print copy), and its facts are not two facts."""
    seen: set[str] = set()
    kept = []
    for paragraph in paragraphs:
        key = " ".join(paragraph.split())
        if len(key) >= REPEATED_PARAGRAPH_CHARS and key in seen:
            continue
        seen.add(key)
        kept.append(paragraph)
    return kept


# A line that is only a site's name or address: "Ambonkita.com", "KABARSULSEL.COM".
_SITE_NAME = re.compile(
    r"[\w.-]{2,40}\.(?:com|id|co\.id|net|news|info|org|web\.id|or\.id)|\S+", re.IGNORECASE
)
# "JAYAPURA, Kabarpapua.com –", "Bireuen (ANTARA) -", "SELONG –": a dateline opening a lead,
# capitalized words (a town, an outlet) before a dash.
_DATELINE_START = re.compile(r"^((?:[A-Z(][\w.'’()]*[,.]?\s*){1,6}?)\s*(?:–|—|--|-)\s")


def _words(line: str) -> int:
    return len(line.split())


def _body_like(line: str) -> bool:
    """A paragraph of the article rather than a menu, a byline or a label."""
    return (
        _words(line) >= 25
        or bool(_DATELINE_START.match(line))
        or (_words(line) >= 12 and line.rstrip()[-1:] in '.!?"”)')
    )


def _headline_like(line: str) -> bool:
    return 4 <= _words(line) <= 30 and not _body_like(line) and ":" not in line


def _title_case(line: str) -> bool:
    """A headline of another article, as related-post lists print them under the body."""
    words = line.split()
    capitalized = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return (
        _headline_like(line)
        and capitalized >= 0.7 * len(words)
        and line.rstrip()[-1:] not in ".!?:"
    )


# "Beranda » Papua Barat » Judul": the breadcrumb a copy keeps before the headline.
_BREADCRUMB = re.compile(r"^(?:[^»›\n]{1,40}\s*[»›]\s*)+")


def _date_line(text: str) -> datetime | None:
    """The publication time of a plain-text article: a line near its top that holds only a
    date ("17 September 2024, 21:10 WIB"), as pages copied from a browser keep it. A date
    inside a sentence is an event's or a schedule's, never the publication's."""
    for line in text.splitlines()[:12]:
        line = line.strip()
        match = _INDONESIAN_DATE.match(line)
        if match and _DATE_LINE_TAIL.fullmatch(line[match.end() :]):
            return parse_published(None, line, None)
    return None


# What may follow the date on a date line: a time zone, a "Last Updated …" stamp.
_DATE_LINE_TAIL = re.compile(r"[\s,]*(?:WIB|WITA|WIT)?\s*(?:Last Updated\s+\S+)?\s*", re.IGNORECASE)


_TAGS = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.DOTALL | re.IGNORECASE)


def _visible_head(html: str, limit: int = 20000) -> str:
    """Visible text from the headline on, where themes print the date line."""
    start = html.find("<h1")
    if start < 0:
        start = html.find("<body")
    return _TAGS.sub(" ", html[max(start, 0) : max(start, 0) + limit])
