"""WordPress outlets: core sitemaps (``wp-sitemap.xml``), the RSS feed and ``/page/N/`` listings."""

from __future__ import annotations

from pantau_scrapers.spiders.base import OutletSpider


class WordPressSpider(OutletSpider):
    name = "wordpress"

    default_sitemaps = ("/wp-sitemap.xml",)
    default_feeds = ("/feed/",)
    # Date-based permalinks (/2024/11/13/slug/ or /2024/11/slug/), WordPress's common news setting.
    default_article_path = r"^/\d{4}/\d{2}/(\d{2}/)?[^/?#]+/?$"
    # From the sitemap index, only the posts sitemaps: pages, terms and users are not news.
    sitemap_follow_patterns = (r"wp-sitemap-posts-post-\d+\.xml",)
    article_markers = (
        "//body[contains(concat(' ', normalize-space(@class), ' '), ' single-post ')]",
        "//meta[@property='og:type'][@content='article']",
    )
