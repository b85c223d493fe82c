"""Outlets on home-grown CMSs: sitemaps named in robots.txt, an RSS feed, paginated indexes.

The registry entry usually sets ``article_url_pattern`` (and ``feeds``) for these sites.
"""

from __future__ import annotations

from pantau_scrapers.spiders.base import OutletSpider


class GenericSpider(OutletSpider):
    name = "generic"

    default_sitemaps = ("/robots.txt",)  # SitemapSpider reads the Sitemap: lines
    default_feeds = ("/rss.xml",)
    default_article_path = r"^/(berita|news|read|artikel|post)/.+"
    article_markers = (
        "//meta[@property='og:type'][@content='article']",
        "//article//h1",
    )
