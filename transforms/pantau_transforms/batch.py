"""Extract a night's archives into staging tables (Parquet), one file per warehouse table.

Input: the WARC archives a night's crawls left (``<outlet>.warc.gz``). Output: Parquet files
in the staging folder that the warehouse loader takes in bulk. Nothing here touches DuckDB,
Scrapy or Airflow: the same function re-extracts an old night from its archives.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
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
    truncated: int = 0
    per_outlet: dict[str, int] = field(default_factory=dict)
    error_reasons: Counter = field(default_factory=Counter)
    failed: dict[str, str] = field(default_factory=dict)  # outlet -> why its extraction failed


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


@dataclass
class OutletExtract:
    """What one outlet's archive gave: staging rows by table, and counts."""

    outlet_id: str
    tables: dict[str, list[dict]]
    pages: int = 0
    articles: int = 0
    errors: int = 0
    truncated: int = 0
    error_reasons: Counter = field(default_factory=Counter)


# A pure-Python rule that runs away on one page is stopped after this long (SIGALRM, where the
# extraction runs in a process's main thread: the per-outlet worker). A healthy page takes
# milliseconds, a page at the size caps a few seconds.
ARTICLE_SECONDS = 60


class ArticleTimeout(BaseException):
    """One page's extraction ran over ARTICLE_SECONDS. A BaseException, so that the broad
    ``except Exception`` guards inside trafilatura cannot swallow it."""


@contextmanager
def _time_limit(seconds: float, what: str) -> Iterator[None]:
    """Raise ArticleTimeout in the main thread after ``seconds``; nothing elsewhere."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise ArticleTimeout(f"{what}: extraction took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_outlet(
    archive: Path, context: OutletContext, night: date, extracted_at: datetime,
    article_seconds: float = ARTICLE_SECONDS,
) -> OutletExtract:
    """Extract one outlet's archive into staging rows; pages without an article are counted
    and kept as ``extraction_errors`` rows, a body cut at MAX_BODY_CHARS is flagged there too."""
    from pantau_transforms.rows import fact_rows  # the rule tables compile on first import

    outlet_id = context.outlet_id
    result = OutletExtract(outlet_id, {name: [] for name in STAGING_TABLES})
    tables = result.tables
    for url, canonical, body, fetched_at in iter_archive(archive):
        result.pages += 1
        try:
            with _time_limit(article_seconds, url):
                doc = extract_article(
                    body, canonical, outlet_id=outlet_id, outlet_region_code=context.region_code,
                    timezone=context.timezone,
                )
                facts = fact_rows(doc)
        except (ExtractionError, ArticleTimeout) as exc:
            result.errors += 1
            result.error_reasons[str(exc).split(": ", 1)[-1].split(" (")[0]] += 1
            tables["extraction_errors"].append(
                {"night": night, "outlet_id": outlet_id, "url": url, "error": str(exc)}
            )
            logger.warning("%s: %s", outlet_id, exc)
            continue
        if doc.truncated_from is not None:
            result.truncated += 1
            flag = (f"{url}: body truncated: {doc.truncated_from:,} characters, the first "
                    f"{len(doc.body):,} kept and read for facts (cap MAX_BODY_CHARS)")
            tables["extraction_errors"].append(
                {"night": night, "outlet_id": outlet_id, "url": url, "error": flag}
            )
            logger.warning("%s: %s", outlet_id, flag)
        tables["articles"].append(
            article_row(doc, outlet_id, archive, fetched_at, night, extracted_at)
        )
        for table, rows in facts.items():
            tables[table].extend(rows)
        result.articles += 1
    logger.info("%s: %d articles extracted from %s", outlet_id, result.articles, archive.name)
    _reset_extraction_caches()
    return result


def merge(results: list[OutletExtract], stats: ExtractStats) -> dict[str, list[dict]]:
    """The staging tables of several outlets' extractions, counts added to ``stats``."""
    tables: dict[str, list[dict]] = {name: [] for name in STAGING_TABLES}
    for result in results:
        for name, rows in result.tables.items():
            tables[name].extend(rows)
        stats.pages += result.pages
        stats.articles += result.articles
        stats.errors += result.errors
        stats.truncated += result.truncated
        stats.error_reasons.update(result.error_reasons)
        stats.per_outlet[result.outlet_id] = result.articles
    return tables


def extract_night(
    archives: list[Path], outlets: dict[str, OutletContext], staging: Path, night: date
) -> ExtractStats:
    """Extract every archive into Parquet files under ``staging``, in this process; return
    counts. (The nightly run extracts each outlet in its own process: pantau/nightly.py.)"""
    started = time.perf_counter()
    stats = ExtractStats()
    extracted_at = datetime.now(UTC)
    results = [
        extract_outlet(archive, outlets[archive.name.removesuffix(".warc.gz")], night,
                       extracted_at)
        for archive in sorted(archives)
    ]
    write_staging(merge(results, stats), staging)
    stats.seconds = time.perf_counter() - started
    return stats


def main(argv: list[str] | None = None) -> int:
    """``python -m pantau_transforms.batch JOBS.json``: extract the outlets a job file lists,
    in order, each result pickled to its ``out`` file as soon as it is done (written whole,
    then renamed), so the parent sees progress outlet by outlet. An outlet whose extraction
    raises gets its error pickled instead and the next one goes on; only a crash (memory,
    a signal) stops the rest, which the parent then gives to a new process."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("jobs", type=Path, help="JSON: night, extracted_at, outlets[]")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    spec = json.loads(args.jobs.read_text(encoding="utf-8"))
    night = date.fromisoformat(spec["night"])
    extracted_at = datetime.fromisoformat(spec["extracted_at"])
    for job in spec["outlets"]:
        context = OutletContext(job["outlet_id"], job["region_code"], job["timezone"])
        out = Path(job["out"])
        try:
            result: OutletExtract | str = extract_outlet(Path(job["archive"]), context, night,
                                                         extracted_at)
        except Exception as exc:  # noqa: BLE001 - reported to the parent as the outlet's failure
            logger.exception("%s: extraction failed", context.outlet_id)
            result = f"{type(exc).__name__}: {exc}"
        part = out.with_name(out.name + ".part")
        with part.open("wb") as stream:
            pickle.dump(result, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(part, out)
    return 0


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


if __name__ == "__main__":
    # Run the module's own import, so the pickled result names pantau_transforms.batch's
    # classes rather than __main__'s.
    from pantau_transforms.batch import main as imported_main

    sys.exit(imported_main())
