"""Downloader middlewares. None yet: robots.txt, retries and offsite filtering are Scrapy's own.

Per-outlet quirks that need one (cookies walls, hostile rate limits) go here, one class each.
"""
