"""One article as the rest of the pipeline sees it: stable id, clean text, publication time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

Span = tuple[int, int] | None  # [start, end) offsets into ArticleText.body; None: title only

LEAD_CHARS = 400  # the lead of a story: its first paragraph, at most about two sentences

# A "Baca juga: …" line left inside a body: another article's title, not this one's facts.
INSERT_LINE = re.compile(r"(?im)^(?:baca juga|lihat juga|simak juga|baca pula)\b.*$")


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
    # Characters of the body before it was cut at MAX_BODY_CHARS (extract.py); None: whole.
    truncated_from: int | None = None
