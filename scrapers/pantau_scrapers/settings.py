"""Scrapy settings for Pantau's crawlers.

Polite by default: robots.txt obeyed, one request at a time per site, a delay between
requests (per outlet, from the registry's ``download_delay``). Options we may need later
are listed commented out with a link to their documentation.
"""

BOT_NAME = "pantau"

SPIDER_MODULES = ["pantau_scrapers.spiders"]
NEWSPIDER_MODULE = "pantau_scrapers.spiders"

ADDONS = {}

USER_AGENT = "PantauBot/0.1 (+https://github.com/pantau-id/pantau; regional press monitor)"

ROBOTSTXT_OBEY = True

CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1
DOWNLOAD_TIMEOUT = 30
# A dead outlet should fail fast: two retries, not the default five minutes of back-off.
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# A runaway site (calendar traps, endless pagination) cannot hold a night's run hostage.
CLOSESPIDER_TIMEOUT = 1800
CLOSESPIDER_PAGECOUNT = 5000

COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "id,en;q=0.5",
}

ITEM_PIPELINES = {
    "pantau_scrapers.pipelines.CanonicalDedupPipeline": 100,
    "pantau_scrapers.pipelines.WarcArchivePipeline": 800,
}

EXTENSIONS = {
    "pantau_scrapers.extensions.CrawlReport": 500,
}

# Where the crawl writes its archive and report; the Airflow task passes -s PANTAU_OUTPUT_DIR=…
PANTAU_OUTPUT_DIR = "crawl-output"

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

# Conditional GET and a local cache for development re-runs:
# https://docs.scrapy.org/en/latest/topics/downloader-middleware.html#httpcache-middleware
# HTTPCACHE_ENABLED = True
# HTTPCACHE_POLICY = "scrapy.extensions.httpcache.RFC2616Policy"

# Adaptive politeness for slow outlets:
# https://docs.scrapy.org/en/latest/topics/autothrottle.html
# AUTOTHROTTLE_ENABLED = True
# AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
