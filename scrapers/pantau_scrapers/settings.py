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
CLOSESPIDER_PAGECOUNT = 5000
# The total time one outlet's crawl may take, requests in flight included (the registry's
# ``time_budget_seconds`` overrides it). Scrapy's CLOSESPIDER_TIMEOUT waits for requests in
# flight, each up to DOWNLOAD_TIMEOUT and retried; the OutletBudget extension closes the crawl
# at the deadline and BoundsMiddleware gives every request only the time left.
PANTAU_TIME_BUDGET = 1200
# No page may cost the night: a response over DOWNLOAD_MAXSIZE is cut off and counted, never
# stored (the registry's ``max_page_bytes`` overrides it). A news article with its theme
# weighs 50-500 kB; 8 MiB leaves room for inline images and still parses in a second.
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
# A body shorter than its Content-Length fails (and is retried) rather than being stored.
DOWNLOAD_FAIL_ON_DATALOSS = True

COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19's remote-control HTTP server would open a port per crawl; nothing drives a crawl
# from outside, and a SIGTERM ends it.
REMOTE_CONTROL_ENABLED = False

DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "id,en;q=0.5",
}

ITEM_PIPELINES = {
    "pantau_scrapers.pipelines.CanonicalDedupPipeline": 100,
    "pantau_scrapers.pipelines.WarcArchivePipeline": 800,
}

# Responses pass middlewares from high to low numbers: at 650 BoundsMiddleware sees each 3xx
# before RedirectMiddleware (600) follows it, and names off-host redirects and loops.
DOWNLOADER_MIDDLEWARES = {
    "pantau_scrapers.middlewares.BoundsMiddleware": 650,
    # Scrapy's lets every request but the first that waited for robots.txt through (see the
    # class); the replacement sits at the same place.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "pantau_scrapers.middlewares.RobotsTxtMiddleware": 100,
}

EXTENSIONS = {
    "pantau_scrapers.extensions.CrawlReport": 500,
    "pantau_scrapers.extensions.OutletBudget": 510,
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
