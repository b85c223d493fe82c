"""Blogger outlets: the Atom feed (``/feeds/posts/default``, paged) and ``sitemap.xml``.

Blogger's robots.txt disallows ``/search``, where its "older posts" listings live, so on
Blogger discovery rests on the feed and the sitemap; the home page still yields the newest.
"""

from __future__ import annotations

from pantau_scrapers.spiders.base import OutletSpider


class BloggerSpider(OutletSpider):
    name = "blogger"

    default_sitemaps = ("/sitemap.xml",)
    default_feeds = ("/feeds/posts/default?max-results=25",)
    default_article_path = r"^/\d{4}/\d{2}/[^/?#]+\.html$"
    sitemap_follow_patterns = (r"sitemap\.xml\?page=\d+",)
    article_markers = (
        "//body[contains(concat(' ', normalize-space(@class), ' '), ' item-view ')]",
        "//meta[@property='og:type'][@content='article']",
    )
    next_page_xpaths = (
        "//a[contains(@class, 'blog-pager-older-link')]/@href",
        "//link[@rel='next']/@href",
    )
