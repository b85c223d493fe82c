"""The five pages that carry the seed articles' facts, crawled from the demo sites and
extracted: clean bodies that start and end where the article does, and the right regions and
elections. They run through the same path as the nightly run (spider → WARC → trafilatura →
boilerplate rules → facts)."""

from __future__ import annotations

import re

import pytest
from pantau_transforms.extract import extract_article
from pantau_transforms.facts import extract_facts

from pantau.demo.sites import load_articles

pytestmark = pytest.mark.slow

MARKERS = ("Tinggalkan Balasan", "Leave a Reply", "Berikan Balasan", "Pos terkait", "Iklan",
           "Views", "Baca juga", "Your email address", "Alamat email Anda", "No More Posts",
           "No more pages", "Topik Populer", "Berita Terkini", "Terpopuler")

# outlet -> (regions that must be found, elections (type, year, voting date) that must be found)
SEED_PAGES = {
    "gema-lotim": ({"52.03"}, {("pilkades", 2023, "2023-03-15"), ("pemilu", 2024, "2024-02-14")}),
    "pojok-kutim": ({"64.08", "64", "64.71"}, {("pilkada", 2024, "2024-11-27")}),
    "benua-etam": ({"64.08"}, {("pilkada", 2024, "2024-11-27")}),
    "madura-terkini": ({"35.28"}, {("pilkada", 2024, "2024-11-27")}),
    "celebes-pos": ({"73.13"}, {("pilkada", 2024, "2024-11-27")}),
}


def paragraphs(body: str) -> list[str]:
    """The article's own paragraphs, without the demo mark-up lines."""
    return [p.strip() for p in body.split("\n\n") if p.strip() and not p.strip().startswith("[[")]


def seed_article(outlet_id: str):  # noqa: ANN201
    return next(a for a in load_articles(outlet_id) if a.path.name.startswith("01-"))


def seed_doc(outlet_id: str, demo_sites, demo_crawl):  # noqa: ANN001, ANN201
    """The seed-fact page of an outlet as the nightly run extracts it from the crawl."""
    article = seed_article(outlet_id)
    outlet = next(o for o in demo_sites.outlets if o.id == outlet_id)
    page = next(p for p in demo_crawl[outlet_id] if article.slug in p.canonical_url)
    return article, extract_article(page.html, page.canonical_url, outlet_id=outlet_id,
                                    outlet_region_code=outlet.region_code, timezone=outlet.timezone)


@pytest.mark.parametrize("outlet_id", sorted(SEED_PAGES))
def test_seed_pages_extract_article_clean_body(outlet_id: str, demo_sites, demo_crawl) -> None:  # noqa: ANN001
    article, doc = seed_doc(outlet_id, demo_sites, demo_crawl)
    expected = paragraphs(article.body)
    squash = lambda text: re.sub(r"\s+", " ", text)  # noqa: E731
    assert squash(doc.body).startswith(squash(expected[0])[:60])
    assert squash(doc.body).endswith(squash(expected[-1])[-60:])
    for marker in MARKERS:
        assert marker not in doc.body, f"{outlet_id}: {marker!r} left in the body"
    assert doc.title == article.title
    assert doc.published_at is not None


@pytest.mark.parametrize("outlet_id", sorted(SEED_PAGES))
def test_seed_pages_extract_facts_regions_and_elections(outlet_id: str, demo_sites, demo_crawl) -> None:  # noqa: ANN001
    _article, doc = seed_doc(outlet_id, demo_sites, demo_crawl)
    facts = extract_facts(doc).to_dict()
    regions, elections = SEED_PAGES[outlet_id]
    assert regions <= {r["code"] for r in facts["regions"]}
    found = {(e["type"], e["year"], str(e["voting_date"]) if e["voting_date"] else None)
             for e in facts["elections"]}
    assert elections <= found
    for fact in facts["regions"] + facts["elections"]:
        if fact["span"]:
            start, end = fact["span"]
            assert doc.body[start:end].strip(), fact
