"""The platform spiders against the local demo sites: every published article is found and
archived once; no listing, tag, label, author or static page is taken for an article; robots.txt
is obeyed; a dead site gives a failure with its reason."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pantau_scrapers.registry import DEFAULT_REGISTRY
from pantau_scrapers.run import CrawlFailed, crawl_outlet

from pantau.demo.sites import load_articles, running_sites

pytestmark = pytest.mark.slow

NOT_ARTICLES = re.compile(r"/(tag|category|author|label|search|page|kanal|indeks|redaksi|"
                          r"pedoman-media-siber|feed|feeds)(/|\?|$)|[?&](m|page)=")


def test_spiders_crawl_outlet_finds_every_article(demo_sites, demo_crawl) -> None:  # noqa: ANN001
    for outlet in demo_sites.outlets:
        expected = {article.slug for article in load_articles(outlet.id)}
        canonical = [page.canonical_url for page in demo_crawl[outlet.id]]
        found = {slug for slug in expected if any(slug in url for url in canonical)}
        assert found == expected, f"{outlet.id}: missing {sorted(expected - found)}"
        assert len(canonical) == len(set(canonical)) == len(expected), outlet.id


def test_spiders_crawl_outlet_stores_no_listing_pages(demo_crawl) -> None:  # noqa: ANN001
    for outlet_id, pages in demo_crawl.items():
        for page in pages:
            assert not NOT_ARTICLES.search(page.canonical_url), f"{outlet_id}: {page.canonical_url}"
            assert "utm_" not in page.url and "?m=1" not in page.url


def test_spiders_crawl_outlet_discovers_from_several_sources(demo_sites, demo_crawl) -> None:  # noqa: ANN001
    outlet = next(o for o in demo_sites.outlets if o.platform == "wordpress")
    discovered = demo_crawl[outlet.id][0].report["discovered"]
    assert discovered["sitemap"] > 0 and discovered["feed"] > 0 and discovered["listing"] > 0


def test_spiders_crawl_outlet_obeys_robots_txt(demo_sites, demo_crawl) -> None:  # noqa: ANN001
    for outlet in demo_sites.outlets:
        requested = demo_sites.requests(outlet.id)
        assert "/robots.txt" in requested, outlet.id
        if outlet.platform == "blogger":  # Blogger's robots.txt disallows /search listings
            assert not [p for p in requested if p.startswith("/search")], outlet.id
        if outlet.platform == "wordpress":
            assert not [p for p in requested if p.startswith("/wp-admin")], outlet.id


@pytest.mark.parametrize(("fault", "reason"), [("http500", "HTTP 500"),
                                               ("refuse", "connection refused")])
def test_spiders_crawl_outlet_dead_site_fails_with_reason(
    tmp_path: Path, fault: str, reason: str
) -> None:
    with running_sites(registry_path=DEFAULT_REGISTRY, work_dir=tmp_path / "sites",
                       faults={"gema-lotim": fault}) as broken:
        outlet = next(o for o in broken.outlets if o.id == "gema-lotim")
        with pytest.raises(CrawlFailed, match=reason):
            crawl_outlet(outlet, broken.registry_path, tmp_path / "out")
    report = json.loads((tmp_path / "out" / "gema-lotim.crawl.json").read_text())
    assert report["articles"] == 0
