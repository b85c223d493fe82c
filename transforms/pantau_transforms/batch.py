"""Extract a night's archives into staging tables (Parquet), one file per warehouse table.

Input: the WARC archives a night's crawls left (``<outlet>.warc.gz``). Output: Parquet files
in the staging folder that the warehouse loader takes in bulk. Nothing here touches DuckDB,
Scrapy or Airflow: the same function re-extracts an old night from its archives.
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from trafilatura.meta import reset_caches
from warcio.archiveiterator import ArchiveIterator

from pantau_transforms.article import ArticleText
from pantau_transforms.extract import ExtractionError, content_hash, extract_article

logger = logging.getLogger(__name__)

STAGING_TABLES = (
    "articles", "article_regions", "article_elections", "elections", "events",
    "person_roles", "persons", "quotes", "quantities", "candidate_results", "extraction_errors",
)


@dataclass(frozen=True)
class OutletContext:
    """What extraction needs to know about an outlet (from the registry)."""

    outlet_id: str
    region_code: str
    timezone: str


@dataclass
class ExtractStats:
    pages: int = 0
    articles: int = 0
    errors: int = 0
    seconds: float = 0.0
    per_outlet: dict[str, int] = field(default_factory=dict)
    error_reasons: Counter = field(default_factory=Counter)


def _reset_extraction_caches() -> None:
    """Empty trafilatura's LRU caches, which grow over a long batch.

    htmldate's part logs an ERROR because the installed charset_normalizer has no caches to
    clear; nothing is wrong, and an ERROR line per outlet would send engineers looking.
    """
    quiet = logging.getLogger("htmldate.meta")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        reset_caches()
    finally:
        quiet.setLevel(level)


def iter_archive(path: Path) -> Iterator[tuple[str, str, bytes, str]]:
    """(url, canonical_url, body, fetched_at) of every response record in a WARC file."""
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            headers = record.rec_headers
            url = headers.get_header("WARC-Target-URI")
            canonical = headers.get_header("Pantau-Canonical-URL") or url
            fetched_at = headers.get_header("WARC-Date")
            yield url, canonical, record.content_stream().read(), fetched_at


def extract_night(
    archives: list[Path], outlets: dict[str, OutletContext], staging: Path, night: date
) -> ExtractStats:
    """Extract every archive into Parquet files under ``staging``; return counts."""
    from pantau_transforms.rows import fact_rows  # the rule tables compile on first import

    started = time.perf_counter()
    tables: dict[str, list[dict]] = {name: [] for name in STAGING_TABLES}
    stats = ExtractStats()
    extracted_at = datetime.now(UTC)
    for archive in sorted(archives):
        outlet_id = archive.name.removesuffix(".warc.gz")
        context = outlets[outlet_id]
        count = 0
        for url, canonical, body, fetched_at in iter_archive(archive):
            stats.pages += 1
            try:
                doc = extract_article(
                    body, canonical, outlet_id=outlet_id, outlet_region_code=context.region_code,
                    timezone=context.timezone,
                )
            except ExtractionError as exc:
                stats.errors += 1
                stats.error_reasons[str(exc).split(": ", 1)[-1].split(" (")[0]] += 1
                tables["extraction_errors"].append(
                    {"night": night, "outlet_id": outlet_id, "url": url, "error": str(exc)}
                )
                logger.warning("%s: %s", outlet_id, exc)
                continue
            tables["articles"].append(
                article_row(doc, outlet_id, archive, fetched_at, night, extracted_at)
            )
            for table, rows in fact_rows(doc).items():
                tables[table].extend(rows)
            count += 1
        stats.per_outlet[outlet_id] = count
        stats.articles += count
        logger.info("%s: %d articles extracted from %s", outlet_id, count, archive.name)
        _reset_extraction_caches()
    write_staging(tables, staging)
    stats.seconds = time.perf_counter() - started
    return stats


def article_row(
    doc: ArticleText, outlet_id: str, archive: Path, fetched_at: str, night: date,
    extracted_at: datetime,
) -> dict:
    return {
        "article_id": doc.article_id,
        "outlet_id": outlet_id,
        "url": doc.url,
        "title": doc.title,
        "body": doc.body,
        "published_at": doc.published_at.astimezone(UTC) if doc.published_at else None,
        "author": doc.author,
        "language": doc.language or "id",
        "content_hash": content_hash(doc.title, doc.body),
        "body_chars": len(doc.body),
        "archive_file": str(archive),
        "fetched_at": datetime.fromisoformat(fetched_at.replace("Z", "+00:00")),
        "first_seen_night": night,
        "last_seen_night": night,
        "extracted_at": extracted_at,
    }


def write_staging(tables: dict[str, list[dict]], staging: Path) -> None:
    """One Parquet file per non-empty table, written whole then renamed into place."""
    staging.mkdir(parents=True, exist_ok=True)
    for old in staging.glob("*.parquet"):
        old.unlink()
    for name, rows in tables.items():
        if not rows:
            continue
        target = staging / f"{name}.parquet"
        part = target.with_suffix(".parquet.part")
        pq.write_table(pa.Table.from_pylist(rows), part)
        os.replace(part, target)
