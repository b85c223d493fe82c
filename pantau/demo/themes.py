"""Themes of the demo outlets: the markup real regional news sites serve around an article.

Three platforms, each with its URL scheme, listings, feeds and sitemaps:

- wordpress: ``/YYYY/MM/DD/slug/``, ``/page/N/``, ``/category/…``, ``/tag/…``, ``/author/…``,
  ``/feed/`` (RSS 2.0), core sitemaps (``/wp-sitemap.xml``), static pages;
- blogger: ``/YYYY/MM/slug.html``, labels ``/search/label/…``, older posts under ``/search?…``
  (disallowed by Blogger's robots.txt), Atom ``/feeds/posts/default``, ``/sitemap.xml?page=1``;
- generic: ``/berita/N/slug``, ``/indeks?page=N``, ``/kanal/…``, ``/rss.xml``, ``/sitemap.xml``.

Pages carry menus, ads ("Iklan"), tickers, sidebars ("Berita Terkini", "Terpopuler"), share
buttons, view counters, "Baca juga" boxes inside the body, tags, author boxes, related posts
and comment forms, as the outlet's ``theme`` options in the registry ask.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote

from jinja2 import Environment, select_autoescape

if TYPE_CHECKING:
    from pantau_scrapers.registry import Outlet

    from pantau.demo.sites import DemoArticle

PER_PAGE = 5
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]
ZONE_LABEL = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
HTML = "text/html; charset=UTF-8"

_env = Environment(autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def indonesian_date(moment: datetime, zone: str, with_time: bool = True) -> str:
    text = f"{DAYS[moment.weekday()]}, {moment.day} {MONTHS[moment.month - 1]} {moment.year}"
    return text + (f" - {moment:%H:%M} {ZONE_LABEL.get(zone, '')}" if with_time else "")


def body_html(article: DemoArticle, links: dict[str, str]) -> str:
    """The article body with the demo mark-up rendered: paragraphs, Baca juga boxes, figures."""
    parts = []
    body = re.sub(r"\s*(\[\[(?:baca|foto):.+?\]\])\s*", r"\n\n\1\n\n", article.body, flags=re.DOTALL)
    for block in (b.strip() for b in body.split("\n\n")):
        if not block:
            continue
        if match := re.fullmatch(r"\[\[baca:\s*(.+?)\]\]", block):
            title = match.group(1)
            href = links.get(title, "/" + slugify(title) + "/")
            parts.append(f'<div class="baca-juga"><strong>Baca juga:</strong> '
                         f'<a href="{escape(href)}">{escape(title)}</a></div>')
        elif match := re.fullmatch(r"\[\[foto:\s*(.+?)\]\]", block):
            parts.append(f'<figure class="wp-block-image"><img src="/media/{slugify(article.slug)}.jpg" '
                         f'alt=""><figcaption>{escape(match.group(1))}</figcaption></figure>')
        else:
            parts.append(f"<p>{escape(block)}</p>")
    # An in-content ad after the second paragraph, as ad plugins insert it.
    if len(parts) > 2:
        parts.insert(2, '<div class="iklan-dalam"><span>Iklan</span><ins class="adsbygoogle"></ins></div>')
    return "\n".join(parts)


CHROME = _env.from_string("""<!DOCTYPE html>
<html lang="id-ID">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} – {{ outlet.name }}</title>
{% if canonical %}<link rel="canonical" href="{{ canonical }}">{% endif %}
{% if next_url %}<link rel="next" href="{{ next_url }}">{% endif %}
{% for feed in feeds %}<link rel="alternate" type="{{ feed[1] }}" title="{{ outlet.name }} &raquo; Feed" href="{{ feed[0] }}">
{% endfor %}
{% if og_article %}<meta property="og:type" content="article">{% else %}<meta property="og:type" content="website">{% endif %}
<meta property="og:site_name" content="{{ outlet.name }}">
<meta property="og:title" content="{{ title }}">
{% if meta_date %}<meta property="article:published_time" content="{{ meta_date }}">{% endif %}
{% if json_ld %}<script type="application/ld+json">{{ json_ld | safe }}</script>{% endif %}
<link rel="stylesheet" href="/assets/style.css">
<script async src="/assets/ads.js"></script>
</head>
<body class="{{ body_class }}">
<div class="topbar"><span class="tanggal-hari-ini">{{ today }}</span>
<a href="{{ base }}redaksi{{ '/' if outlet.platform == 'wordpress' else '' }}">Redaksi</a> <a href="#">Kontak</a></div>
<header class="site-header"><div class="site-branding"><a href="{{ base }}" class="site-title">{{ outlet.name }}</a>
<p class="site-description">Berita {{ outlet.name }} terkini dan terpercaya</p></div>
<div class="header-ad"><span class="ad-label">Iklan</span><img src="/media/banner-pemda.gif" alt="Iklan"></div>
<nav class="main-navigation"><ul class="menu">
<li><a href="{{ base }}">Beranda</a></li>
{% for name, href in menu %}<li><a href="{{ href }}">{{ name }}</a></li>
{% endfor %}</ul></nav>
<div class="breaking-news"><span>Breaking News</span><marquee>{% for item in latest[:3] %}{{ item.title }} &bull; {% endfor %}</marquee></div>
</header>
<div class="site-content">
<main id="main" class="content-area">
{{ main | safe }}
</main>
<aside id="secondary" class="widget-area sidebar">
<section class="widget widget_search"><form role="search" action="{{ base }}"><input type="search" name="s" placeholder="Cari berita..."><button>Cari</button></form></section>
<section class="widget"><div class="ad-label">Iklan</div><img src="/media/iklan-300x250.jpg" alt=""></section>
<section class="widget widget_recent_entries"><h3 class="widget-title">Berita Terkini</h3><ul>
{% for item in latest %}<li><a href="{{ item.href }}">{{ item.title }}</a><span class="post-date">{{ item.when }}</span></li>
{% endfor %}</ul></section>
<section class="widget popular-posts"><h3 class="widget-title">Terpopuler</h3><ol>
{% for item in popular %}<li><a href="{{ item.href }}?utm_source=sidebar&utm_medium=populer">{{ item.title }}</a></li>
{% endfor %}</ol></section>
<section class="widget widget_tag_cloud"><h3 class="widget-title">Topik</h3>
{% for name, href in tag_cloud %}<a href="{{ href }}" class="tag-cloud-link">{{ name }}</a> {% endfor %}</section>
</aside>
</div>
<footer class="site-footer"><div class="footer-menu"><a href="{{ base }}redaksi{{ '/' if outlet.platform == 'wordpress' else '' }}">Redaksi</a> | <a href="{{ base }}pedoman-media-siber{{ '/' if outlet.platform == 'wordpress' else '' }}">Pedoman Media Siber</a> | <a href="#">Disclaimer</a></div>
<p class="copyright">&copy; 2024 {{ outlet.name }}. All rights reserved.</p></footer>
</body>
</html>
""")

WP_ARTICLE = _env.from_string("""<article id="post-{{ post_id }}" class="post-{{ post_id }} post type-post status-publish">
<nav class="breadcrumbs"><a href="{{ base }}">Beranda</a> &raquo; <a href="{{ category_href }}">{{ category }}</a> &raquo; <span>{{ article.title }}</span></nav>
<header class="entry-header"><h1 class="entry-title">{{ article.title }}</h1>
<div class="entry-meta">{% if view_counter %}<span class="post-views">by -{{ views }} Views</span>{% endif %}
<span class="byline">Penulis: <a class="url fn n" href="{{ author_href }}">{{ article.author or 'Redaksi' }}</a></span>
{% if article.date_style == 'text' %}<span class="posted-on">{{ date_text }}</span>{% else %}<span class="posted-on"><time class="entry-date published" datetime="{{ iso }}">{{ date_text }}</time></span>{% endif %}
</div></header>
<div class="share-buttons"><span>Bagikan:</span> <a class="share-facebook" href="#">Facebook</a> <a class="share-whatsapp" href="#">WhatsApp</a> <a class="share-x" href="#">X</a> <a class="share-telegram" href="#">Telegram</a></div>
<div class="entry-content">
{{ body | safe }}
</div>
<footer class="entry-footer"><span class="tags-links">Tag: {% for name, href in tags %}<a href="{{ href }}" rel="tag">{{ name }}</a>{% if not loop.last %}, {% endif %}{% endfor %}</span></footer>
<div class="author-box"><img src="/media/avatar.png" alt=""><h4>{{ article.author or 'Redaksi' }}</h4><p>Jurnalis {{ outlet.name }} yang meliput pemerintahan dan politik daerah.</p></div>
<nav class="post-navigation">{% if prev %}<div class="nav-previous"><a href="{{ prev.href }}" rel="prev">{{ prev.title }}</a></div>{% endif %}{% if next %}<div class="nav-next"><a href="{{ next.href }}" rel="next">{{ next.title }}</a></div>{% endif %}</nav>
</article>
<section class="related-posts"><h3 class="related-title">Pos terkait</h3><ul>
{% for item in related %}<li><a href="{{ item.href }}">{{ item.title }}</a></li>{% endfor %}</ul></section>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond">
{% if comments == 'en' %}<h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
<p class="comment-notes">Your email address will not be published. Required fields are marked <span class="required">*</span></p>
<form class="comment-form"><p><label>Comment *</label><textarea name="comment"></textarea></p><p><label>Name *</label><input name="author"></p><p><label>Email *</label><input name="email"></p><p><input type="submit" value="Post Comment"></p></form>
{% elif comments == 'id-berikan' %}<h3 id="reply-title" class="comment-reply-title">Berikan Balasan</h3>
<form class="comment-form"><textarea name="comment"></textarea><input type="submit" value="Kirim Komentar"></form>
{% else %}<h3 id="reply-title" class="comment-reply-title">Tinggalkan Balasan</h3>
<p class="comment-notes">Email Anda tidak kami tampilkan di sini. Kolom bertanda <span class="required">*</span> harus diisi.</p>
<form class="comment-form"><p><label>Komentar *</label><textarea name="comment"></textarea></p><p><label>Nama *</label><input name="author"></p><p><label>Email *</label><input name="email"></p><p><input type="submit" value="Kirim Komentar"></p></form>{% endif %}
</div></div>
{% if comments == 'en' %}<div class="infinite-loader"><p>No More Posts Available.</p><p>No more pages to load.</p></div>{% endif %}
""")

BLOGGER_ARTICLE = _env.from_string("""<div class="blog-posts hfeed"><div class="post-outer"><div class="post hentry" itemscope itemtype="http://schema.org/BlogPosting">
<div class="iklan-atas"><span>Iklan</span></div>
<h1 class="post-title entry-title" itemprop="headline">{{ article.title }}</h1>
<div class="post-header"><div class="post-header-line-1">
{% if article.date_style == 'text' %}<span class="post-timestamp">{{ date_text }}</span>{% else %}<span class="post-timestamp"><abbr class="published" itemprop="datePublished" title="{{ iso }}">{{ date_text }}</abbr></span>{% endif %}
{% if article.date_style == 'meta' %}<span class="updated">Last Updated {{ updated }}</span>{% endif %}
<span class="post-author vcard">oleh <span class="fn">{{ article.author or 'Admin' }}</span></span></div></div>
<div class="post-body entry-content" id="post-body-{{ post_id }}" itemprop="articleBody">
{{ body | safe }}
</div>
<div class="post-share-buttons"><a class="share-button sb-email" href="#">Email</a><a class="share-button sb-facebook" href="#">Facebook</a><a class="share-button sb-whatsapp" href="#">WhatsApp</a></div>
<div class="post-labels">Label: {% for name, href in tags %}<a href="{{ href }}" rel="tag">{{ name }}</a>{% if not loop.last %}, {% endif %}{% endfor %}</div>
<div class="mobile-link"><a href="{{ canonical }}?m=1">Tampilan seluler</a></div>
</div></div>
<div class="comments" id="comments"><h4>Komentar</h4><div class="comment-footer"><a href="#">Posting Komentar</a></div>
<p class="comment-toggle">Tampilkan</p></div>
<div class="blog-pager" id="blog-pager">{% if newer %}<a class="blog-pager-newer-link" href="{{ newer }}">Posting Lebih Baru</a>{% endif %}{% if older %}<a class="blog-pager-older-link" href="{{ older }}">Posting Lama</a>{% endif %}<a class="home-link" href="{{ base }}">Beranda</a></div>
</div>
<div class="related-box"><h3>Terkini</h3><ul>{% for item in related %}<li><a href="{{ item.href }}">{{ item.title }}</a></li>{% endfor %}</ul>
<h3>Topik Populer</h3><ul>{% for name, href in tags %}<li><a href="{{ href }}">{{ name }}</a></li>{% endfor %}</ul><div class="iklan-bawah"><span>Iklan</span></div></div>
""")

GENERIC_ARTICLE = _env.from_string("""<article class="detail-berita">
<div class="kanal"><a href="{{ category_href }}">{{ category }}</a></div>
<h1 class="judul">{{ article.title }}</h1>
<div class="info"><span class="penulis">Reporter: {{ article.author or 'Tim Redaksi' }}</span> | <span class="tanggal">{{ date_text }}</span></div>
<div class="bagikan">Bagikan: <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a> <a href="#">Salin tautan</a></div>
<div class="isi-berita">
{{ body | safe }}
</div>
<div class="tag-berita">Tag: {% for name, href in tags %}<a href="{{ href }}">#{{ name }}</a> {% endfor %}</div>
</article>
<section class="berita-terkait"><h3>Berita Terkait</h3><ul>{% for item in related %}<li><a href="{{ item.href }}">{{ item.title }}</a></li>{% endfor %}</ul></section>
<section class="komentar"><h3>Tinggalkan Komentar</h3><form><textarea name="komentar"></textarea><button>Kirim</button></form></section>
""")

LISTING = _env.from_string("""<header class="page-header"><h1 class="page-title">{{ heading }}</h1></header>
{% for item in items %}<article class="post type-post hentry"><h2 class="entry-title"><a href="{{ item.href }}" rel="bookmark">{{ item.title }}</a></h2>
<div class="entry-meta"><span class="posted-on">{{ item.when }}</span></div>
<div class="entry-summary"><p>{{ item.excerpt }}</p><a class="more-link" href="{{ item.href }}">Selengkapnya</a></div></article>
{% endfor %}
<nav class="pagination">{% if prev_url %}<a class="prev page-numbers" href="{{ prev_url }}">&laquo; Sebelumnya</a>{% endif %}
{% if next_url %}<a class="{{ next_class }}" href="{{ next_url }}" rel="next">{{ next_label }}</a>{% endif %}</nav>
""")

STATIC = _env.from_string("""<article class="page type-page"><h1 class="entry-title">{{ heading }}</h1>
<div class="entry-content"><p>{{ text }}</p></div></article>""")

RSS = _env.from_string("""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>{{ outlet.name }}</title><atom:link href="{{ self_url }}" rel="self" type="application/rss+xml"/>
<link>{{ base }}</link><description>Berita {{ outlet.name }}</description><language>id-ID</language>
{% for item in items %}<item><title>{{ item.title }}</title><link>{{ item.url }}</link>
<dc:creator><![CDATA[{{ item.author }}]]></dc:creator><pubDate>{{ item.rfc822 }}</pubDate>
<guid isPermaLink="false">{{ base }}?p={{ item.post_id }}</guid>
{% for cat in item.categories %}<category><![CDATA[{{ cat }}]]></category>{% endfor %}
<description><![CDATA[{{ item.excerpt }}]]></description>
<content:encoded><![CDATA[{{ item.body | safe }}]]></content:encoded></item>
{% endfor %}</channel></rss>
""")

ATOM = _env.from_string("""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:openSearch="http://a9.com/-/spec/opensearchrss/1.0/">
<id>tag:blogger.com,1999:blog-{{ blog_id }}</id><updated>{{ updated }}</updated><title type="text">{{ outlet.name }}</title>
<link rel="alternate" type="text/html" href="{{ base }}"/>
<link rel="self" type="application/atom+xml" href="{{ self_url }}"/>
{% if next_url %}<link rel="next" type="application/atom+xml" href="{{ next_url }}"/>{% endif %}
<openSearch:totalResults>{{ total }}</openSearch:totalResults><openSearch:startIndex>{{ start }}</openSearch:startIndex><openSearch:itemsPerPage>25</openSearch:itemsPerPage>
{% for item in items %}<entry><id>tag:blogger.com,1999:blog-{{ blog_id }}.post-{{ item.post_id }}</id>
<published>{{ item.iso }}</published><updated>{{ item.iso }}</updated>
{% for cat in item.categories %}<category scheme="http://www.blogger.com/atom/ns#" term="{{ cat }}"/>{% endfor %}
<title type="text">{{ item.title }}</title><content type="html">{{ item.body }}</content>
<link rel="replies" type="text/html" href="{{ item.url }}#comment-form" title="0 Komentar"/>
<link rel="alternate" type="text/html" href="{{ item.url }}" title="{{ item.title }}"/>
<author><name>{{ item.author }}</name></author></entry>
{% endfor %}</feed>
""")

URLSET = _env.from_string("""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{% for loc, lastmod in urls %}<url><loc>{{ loc }}</loc>{% if lastmod %}<lastmod>{{ lastmod }}</lastmod>{% endif %}</url>
{% endfor %}</urlset>
""")

SITEMAP_INDEX = _env.from_string("""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{% for loc in sitemaps %}<sitemap><loc>{{ loc }}</loc></sitemap>
{% endfor %}</sitemapindex>
""")

ROBOTS = {
    "wordpress": "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\nSitemap: {base}wp-sitemap.xml\n",
    "blogger": "User-agent: Mediapartners-Google\nDisallow: \n\nUser-agent: *\nDisallow: /search\nAllow: /\n\nSitemap: {base}sitemap.xml\n",
    "generic": "User-agent: *\nDisallow: /cari\nDisallow: /admin/\n\nSitemap: {base}sitemap.xml\n",
}


class _Item(dict):
    """A post as listings, feeds and sidebars show it (attribute access for templates)."""

    __getattr__ = dict.__getitem__


def render_site(outlet: Outlet, articles: list[DemoArticle]) -> tuple[dict, list[str]]:
    """Every page of one outlet: path -> (body bytes, content type, last modified); plus the
    article paths in the order of ``articles``."""
    platform = outlet.platform
    base = outlet.base_url
    zone = outlet.timezone
    comments = str(outlet.theme.get("comments", "id"))
    view_counter = bool(outlet.theme.get("view_counter", False))
    pages: dict[str, tuple[bytes, str, datetime]] = {}
    newest = max((a.published for a in articles), default=datetime(2024, 1, 1, tzinfo=UTC))

    def add(path: str, text: str, content_type: str = HTML, when: datetime = newest) -> None:
        pages[path] = (text.encode("utf-8"), content_type, when.astimezone(UTC))

    def article_path(n: int, a: DemoArticle) -> str:
        local = a.published
        if platform == "wordpress":
            return f"/{local:%Y/%m/%d}/{a.slug}/"
        if platform == "blogger":
            return f"/{local:%Y/%m}/{a.slug}.html"
        return f"/berita/{len(articles) - n + 1000}/{a.slug}"

    def category_path(name: str) -> str:
        return {"wordpress": f"/category/{slugify(name)}/", "blogger": f"/search/label/{quote(name)}",
                "generic": f"/kanal/{slugify(name)}"}[platform]

    def tag_path(name: str) -> str:
        return {"wordpress": f"/tag/{slugify(name)}/", "blogger": f"/search/label/{quote(name)}",
                "generic": f"/tag/{slugify(name)}"}[platform]

    paths = [article_path(n, a) for n, a in enumerate(articles)]
    items = []
    for n, (a, path) in enumerate(zip(articles, paths, strict=True)):
        first = next((p for p in a.body.split("\n\n") if not p.startswith("[[")), "")
        items.append(_Item(
            title=a.title, href=base.rstrip("/") + path, url=base.rstrip("/") + path,
            when=indonesian_date(a.published, zone, with_time=False), post_id=4000 + len(articles) - n,
            excerpt=first[:180] + "…", author=a.author or "Redaksi", categories=a.categories + a.tags,
            iso=a.published.isoformat(), rfc822=a.published.strftime("%a, %d %b %Y %H:%M:%S %z"),
            body=body_html(a, {}),
        ))
    titles = {a.title: item.href for a, item in zip(articles, items, strict=True)}
    menu = [(name, base.rstrip("/") + category_path(name))
            for name in ["Politik", "Pemerintahan", "Daerah", "Hukum", "Olahraga"]]
    if platform == "generic":
        menu.append(("Indeks", base + "indeks"))
    all_tags = sorted({t for a in articles for t in a.tags})
    tag_cloud = [(t, base.rstrip("/") + tag_path(t)) for t in all_tags[:12]]
    body_class = {"wordpress": "post-template-default single single-post single-format-standard",
                  "blogger": "item-view version-1-3-3", "generic": "halaman-detail"}[platform]
    feeds = {"wordpress": [(base + "feed/", "application/rss+xml")],
             "blogger": [(base + "feeds/posts/default", "application/atom+xml"),
                         (base + "feeds/posts/default?alt=rss", "application/rss+xml")],
             "generic": [(base + "rss.xml", "application/rss+xml")]}[platform]
    today = indonesian_date(newest, zone, with_time=False)

    def chrome(title: str, main: str, *, canonical: str | None, article: DemoArticle | None = None,
               body_cls: str = "home blog", next_url: str | None = None) -> str:
        meta_date = json_ld = None
        if article is not None and article.date_style == "meta":
            meta_date = article.published.isoformat()
            json_ld = ('{"@context":"https://schema.org","@type":"NewsArticle","headline":'
                       f'"{escape(article.title)}","datePublished":"{meta_date}"}}')
        return CHROME.render(
            outlet=outlet, base=base, title=title, canonical=canonical, next_url=next_url,
            feeds=feeds, og_article=article is not None, meta_date=meta_date, json_ld=json_ld,
            body_class=body_cls, today=today, menu=menu, latest=items[:5],
            popular=items[3:8] or items[:5], tag_cloud=tag_cloud, main=main,
        )

    # Article pages.
    for n, (a, path, item) in enumerate(zip(articles, paths, items, strict=True)):
        related = [i for i in items if i is not item][n % 3: n % 3 + 3]
        category = a.categories[0] if a.categories else "Berita"
        date_text = indonesian_date(a.published, zone)
        context = dict(
            article=a, outlet=outlet, base=base, post_id=item.post_id,
            body=body_html(a, titles), date_text=date_text, iso=a.published.isoformat(),
            category=category, category_href=base.rstrip("/") + category_path(category),
            tags=[(t, base.rstrip("/") + tag_path(t)) for t in a.tags], related=related,
            author_href=f"{base}author/{slugify(a.author or 'redaksi')}/", views=97 + 41 * n,
            view_counter=view_counter, comments=comments, canonical=item.url,
            prev=items[n + 1] if n + 1 < len(items) else None, next=items[n - 1] if n else None,
            newer=items[n - 1].href if n else None,
            older=items[n + 1].href if n + 1 < len(items) else None,
            updated=a.published.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        template = {"wordpress": WP_ARTICLE, "blogger": BLOGGER_ARTICLE, "generic": GENERIC_ARTICLE}[platform]
        add(path, chrome(a.title, template.render(**context), canonical=item.url, article=a,
                         body_cls=f"{body_class} postid-{item.post_id}"), when=a.published)

    # Listings with pagination: home, categories, tags, authors.
    def listing(heading: str, subset: list, first_path: str, page_path) -> None:  # noqa: ANN001
        pages_count = max(1, -(-len(subset) // PER_PAGE))
        for page in range(1, pages_count + 1):
            chunk = subset[(page - 1) * PER_PAGE: page * PER_PAGE]
            path = first_path if page == 1 else page_path(page)
            next_url = base.rstrip("/") + page_path(page + 1) if page < pages_count else None
            prev_url = (base.rstrip("/") + (first_path if page == 2 else page_path(page - 1))
                        if page > 1 else None)
            older_label = "Posting Lama" if platform == "blogger" else "Selanjutnya &raquo;"
            main = LISTING.render(heading=heading, items=chunk, next_url=next_url, prev_url=prev_url,
                                  next_class=("blog-pager-older-link" if platform == "blogger"
                                              else "next page-numbers"),
                                  next_label=older_label.replace("&raquo;", "»"))
            add(path, chrome(f"{heading} – Halaman {page}", main, canonical=base.rstrip("/") + path,
                             body_cls="archive" if first_path != "/" else "home blog",
                             next_url=next_url))

    if platform == "wordpress":
        listing("Berita Terbaru", items, "/", lambda p: f"/page/{p}/")
    elif platform == "blogger":
        def older(p: int) -> str:
            cut = items[(p - 1) * PER_PAGE - 1]
            return f"/search?{_blogger_query(cut.iso)}"
        listing("Berita Terbaru", items, "/", older)
    else:
        listing("Indeks Berita", items, "/", lambda p: f"/indeks?page={p}")
        add("/indeks", pages["/"][0].decode("utf-8"))
    for name in sorted({c for a in articles for c in a.categories} | {m for m, _h in menu if m != "Indeks"}):
        subset = [i for a, i in zip(articles, items, strict=True) if name in a.categories]
        first = category_path(name)
        listing(f"Kategori: {name}", subset, first,
                lambda p, f=first: (f + f"page/{p}/" if platform == "wordpress"
                                    else f + (f"&page={p}" if "?" in f else f"?page={p}")))
    for name in all_tags:
        subset = [i for a, i in zip(articles, items, strict=True) if name in a.tags]
        first = tag_path(name)
        if first not in pages:
            listing(f"Tag: {name}", subset, first,
                    lambda p, f=first: f + f"page/{p}/" if platform == "wordpress" else f + f"?page={p}")
    if platform == "wordpress":
        for author in sorted({a.author or "Redaksi" for a in articles}):
            subset = [i for i in items if i.author == author]
            first = f"/author/{slugify(author)}/"
            listing(f"Penulis: {author}", subset, first, lambda p, f=first: f + f"page/{p}/")

    # Static pages.
    static_suffix = "/" if platform == "wordpress" else ""
    for slug, heading, text in [
        ("redaksi", "Redaksi", f"Pemimpin Redaksi dan tim {outlet.name}. Alamat redaksi dan kontak iklan."),
        ("pedoman-media-siber", "Pedoman Media Siber", "Pedoman pemberitaan media siber yang kami ikuti."),
    ]:
        add(f"/{slug}{static_suffix}", chrome(heading, STATIC.render(heading=heading, text=text),
                                              canonical=f"{base}{slug}{static_suffix}",
                                              body_cls="page-template-default page"))

    # Feeds, sitemaps, robots.txt.
    lastmods = [(i.url, i.iso) for i in items]
    if platform == "wordpress":
        add("/feed/", RSS.render(outlet=outlet, base=base, self_url=base + "feed/", items=items[:10]),
            "application/rss+xml; charset=UTF-8")
        add("/comments/feed/", RSS.render(outlet=outlet, base=base, self_url=base + "comments/feed/",
                                          items=[]), "application/rss+xml; charset=UTF-8")
        add("/wp-sitemap.xml", SITEMAP_INDEX.render(sitemaps=[
            base + "wp-sitemap-posts-post-1.xml", base + "wp-sitemap-posts-page-1.xml",
            base + "wp-sitemap-taxonomies-category-1.xml", base + "wp-sitemap-taxonomies-post_tag-1.xml",
            base + "wp-sitemap-users-1.xml"]), "application/xml; charset=UTF-8")
        add("/wp-sitemap-posts-post-1.xml", URLSET.render(urls=lastmods), "application/xml; charset=UTF-8")
        add("/wp-sitemap-posts-page-1.xml", URLSET.render(urls=[(base + "redaksi/", None),
                                                                (base + "pedoman-media-siber/", None)]),
            "application/xml; charset=UTF-8")
        add("/wp-sitemap-taxonomies-category-1.xml", URLSET.render(urls=[(h, None) for _n, h in menu]),
            "application/xml; charset=UTF-8")
        add("/wp-sitemap-taxonomies-post_tag-1.xml", URLSET.render(urls=[(h, None) for _n, h in tag_cloud]),
            "application/xml; charset=UTF-8")
        add("/wp-sitemap-users-1.xml", URLSET.render(urls=[(f"{base}author/{slugify(a)}/", None) for a in
                                                          sorted({i.author for i in items})]),
            "application/xml; charset=UTF-8")
    elif platform == "blogger":
        blog_id = abs(hash(outlet.id)) % 10**18
        for start in range(1, max(len(items), 1) + 1, 25):
            chunk = items[start - 1: start - 1 + 25]
            next_start = start + 25 if start + 25 <= len(items) else None
            query = f"max-results=25&start-index={start}"
            text = ATOM.render(outlet=outlet, base=base, blog_id=blog_id, items=chunk, total=len(items),
                               start=start, updated=newest.isoformat(),
                               self_url=f"{base}feeds/posts/default?{query}",
                               next_url=(f"{base}feeds/posts/default?max-results=25&start-index={next_start}"
                                         if next_start else None))
            path = "/feeds/posts/default" + ("" if start == 1 else f"?max-results=25&start-index={start}")
            add(path, text, "application/atom+xml; charset=UTF-8")
            if start == 1:
                add("/feeds/posts/default?max-results=25", text, "application/atom+xml; charset=UTF-8")
                add("/feeds/posts/default?max-results=25&start-index=1", text,
                    "application/atom+xml; charset=UTF-8")
        add("/sitemap.xml", SITEMAP_INDEX.render(sitemaps=[base + "sitemap.xml?page=1"]),
            "application/xml; charset=UTF-8")
        add("/sitemap.xml?page=1", URLSET.render(urls=lastmods), "application/xml; charset=UTF-8")
    else:
        add("/rss.xml", RSS.render(outlet=outlet, base=base, self_url=base + "rss.xml", items=items[:10]),
            "application/rss+xml; charset=UTF-8")
        add("/sitemap.xml", URLSET.render(urls=lastmods + [(base + "indeks", None)]),
            "application/xml; charset=UTF-8")
    add("/robots.txt", ROBOTS[platform].format(base=base), "text/plain; charset=UTF-8")
    return pages, paths


def _blogger_query(iso: str) -> str:
    """Blogger's "older posts" link: posts updated before the last one on this page."""
    return f"max-results={PER_PAGE}&updated-max={quote(iso, safe='')}"
