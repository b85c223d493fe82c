"""The demo outlets are real HTTP sites with the markup, feeds and sitemaps of their platform."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest

from pantau.demo.sites import load_articles


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, dict]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - 127.0.0.1
            return response.status, response.read().decode("utf-8"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), dict(error.headers)


FEED = {"wordpress": "feed/", "blogger": "feeds/posts/default", "generic": "rss.xml"}
SITEMAP = {"wordpress": "wp-sitemap-posts-post-1.xml", "blogger": "sitemap.xml?page=1",
           "generic": "sitemap.xml"}


def test_sites_running_sites_serves_every_article(demo_sites) -> None:  # noqa: ANN001
    for outlet in demo_sites.outlets:
        urls = demo_sites.article_urls(outlet.id)
        assert len(urls) == len(load_articles(outlet.id)) >= 5
        _status, sitemap, _h = fetch(outlet.base_url + SITEMAP[outlet.platform])
        for url in urls:
            status, html, headers = fetch(url)
            assert status == 200 and headers["Content-Type"].startswith("text/html")
            assert url in sitemap
            assert "Iklan" in html and "Berita Terkini" in html


def test_sites_running_sites_feeds_list_the_newest(demo_sites) -> None:  # noqa: ANN001
    for outlet in demo_sites.outlets:
        status, feed, headers = fetch(outlet.base_url + FEED[outlet.platform])
        assert status == 200 and ("rss" in headers["Content-Type"] or "atom" in headers["Content-Type"])
        assert demo_sites.article_urls(outlet.id)[0] in feed


def test_sites_running_sites_robots_txt(demo_sites) -> None:  # noqa: ANN001
    blogger = next(o for o in demo_sites.outlets if o.platform == "blogger")
    _status, robots, _h = fetch(blogger.base_url + "robots.txt")
    assert "Disallow: /search" in robots and f"Sitemap: {blogger.base_url}sitemap.xml" in robots


def test_sites_running_sites_conditional_get(demo_sites) -> None:  # noqa: ANN001
    url = demo_sites.article_urls(demo_sites.outlets[0].id)[0]
    _status, _html, headers = fetch(url)
    status, body, _h = fetch(url, {"If-None-Match": headers["ETag"]})
    assert status == 304 and body == ""
    status, _body, _h = fetch(url, {"If-Modified-Since": headers["Last-Modified"]})
    assert status == 304


def test_sites_running_sites_text_dates_have_no_machine_date(demo_sites) -> None:  # noqa: ANN001
    for outlet in demo_sites.outlets:
        for article, url in zip(load_articles(outlet.id), demo_sites.article_urls(outlet.id), strict=True):
            if article.date_style != "text":
                continue
            _status, html, _h = fetch(url)
            assert "article:published_time" not in html and "datetime=" not in html
            assert "datePublished" not in html
            assert re.search(r"(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \w+ \d{4}", html)
            return
    pytest.skip("no article with date_style text")


def test_sites_running_sites_baca_juga_box_in_body(demo_sites) -> None:  # noqa: ANN001
    for outlet in demo_sites.outlets:
        for article, url in zip(load_articles(outlet.id), demo_sites.article_urls(outlet.id), strict=True):
            if "[[baca:" in article.body:
                _status, html, _h = fetch(url)
                assert 'class="baca-juga"' in html and "[[baca" not in html
                return
    raise AssertionError("no demo article has a Baca juga insert")


@pytest.mark.parametrize("fault", ["http500", "refuse"])
def test_sites_running_sites_faults(tmp_path, fault: str) -> None:  # noqa: ANN001
    from pantau_scrapers.registry import DEFAULT_REGISTRY

    from pantau.demo.sites import running_sites

    with running_sites(DEFAULT_REGISTRY, faults={"celebes-pos": fault}, work_dir=tmp_path) as sites:
        outlet = next(o for o in sites.outlets if o.id == "celebes-pos")
        if fault == "http500":
            assert fetch(outlet.base_url)[0] == 500
        else:
            with pytest.raises(urllib.error.URLError):
                urllib.request.urlopen(outlet.base_url, timeout=5)  # noqa: S310
