"""One article as the rest of the pipeline sees it: stable id, clean text, publication time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ArticleText:
    """The cleaned text of one article; fact spans are offsets into ``body``."""

    article_id: str
    url: str | None
    title: str
    body: str  # paragraphs separated by one blank line ("\n\n")
    published_at: datetime | None = None  # timezone-aware when known
    outlet_region_code: str | None = None  # the outlet's home region (registry)
    language: str | None = None
    author: str | None = None
