"""Shared fixtures: every test writes its data and warehouse under its own tmp folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pantau_transforms.batch import write_staging

NIGHT = date(2024, 11, 14)


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_DATA", str(tmp_path / "data"))
    monkeypatch.delenv("PANTAU_WAREHOUSE", raising=False)
    monkeypatch.delenv("PANTAU_OUTLETS", raising=False)


def article(article_id: str, *, url: str | None = None, body: str | None = None) -> dict:
    body = body or ("Sekda Lotim memimpin rapat koordinasi menjelang Pilkades serentak. " * 3)
    return {
        "article_id": article_id, "outlet_id": "gema-lotim",
        "url": url if url is not None else f"http://127.0.0.1:8000/2024/11/{article_id}.html",
        "title": f"Judul {article_id}", "body": body,
        "published_at": datetime(2024, 11, 13, 2, 0, tzinfo=UTC), "author": "RS",
        "language": "id", "content_hash": f"hash-{article_id}-{len(body)}",
        "body_chars": len(body), "archive_file": "gema-lotim.warc.gz",
        "fetched_at": datetime(2024, 11, 14, 18, 0, tzinfo=UTC),
        "first_seen_night": NIGHT, "last_seen_night": NIGHT,
        "extracted_at": datetime(2024, 11, 14, 18, 5, tzinfo=UTC),
    }


def region(article_id: str, code: str, ordinal: int = 0) -> dict:
    return {"article_id": article_id, "ordinal": ordinal, "region_code": code,
            "district_code": None, "level": "regency" if "." in code else "province",
            "role": "event_location", "mention": "Lotim", "span_start": 0, "span_end": 5}


@pytest.fixture
def stage(tmp_path: Path) -> Callable[..., Path]:
    """Write staging Parquet for a night from row dicts; return the folder."""

    def _stage(name: str = "staging", **tables: list[dict]) -> Path:
        folder = tmp_path / name
        write_staging(tables, folder)
        return folder

    return _stage


@dataclass(frozen=True)
class CrawledPage:
    url: str
    canonical_url: str
    html: bytes
    report: dict


@pytest.fixture(scope="session")
def demo_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """The six demo outlets served on 127.0.0.1 for the whole test session."""
    from pantau_scrapers.registry import DEFAULT_REGISTRY

    from pantau.demo.sites import running_sites

    with running_sites(registry_path=DEFAULT_REGISTRY,
                       work_dir=tmp_path_factory.mktemp("sites")) as sites:
        yield sites


@pytest.fixture(scope="session")
def demo_crawl(demo_sites, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[CrawledPage]]:  # noqa: ANN001
    """Every demo outlet crawled once by its platform spider: outlet id -> archived pages."""
    from pantau_scrapers.run import crawl_outlet
    from pantau_transforms.batch import iter_archive

    out = tmp_path_factory.mktemp("crawl")
    crawled = {}
    for outlet in demo_sites.outlets:
        result = crawl_outlet(outlet, demo_sites.registry_path, out)
        crawled[outlet.id] = [CrawledPage(url, canonical, body, result.report)
                              for url, canonical, body, _fetched in iter_archive(result.archive)]
    return crawled
