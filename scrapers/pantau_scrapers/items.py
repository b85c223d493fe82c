"""What a crawl yields: one fetched article page, raw, as the server sent it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawPage:
    """One article page fetched from an outlet, kept whole so extraction can be redone."""

    outlet_id: str
    url: str  # the URL requested (tracking parameters already removed)
    canonical_url: str  # <link rel=canonical> when the page gives one, else url
    status: int
    headers: dict[str, list[str]] = field(default_factory=dict)
    body: bytes = b""
    fetched_at: str = ""  # ISO 8601, UTC
    discovered_via: str = ""  # sitemap | feed | listing
