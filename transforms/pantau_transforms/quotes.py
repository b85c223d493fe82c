"""Direct quotations and who said them."""

from __future__ import annotations

from typing import Any


def find_quotes(body: str, persons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each quote: speaker, speaker_key, text, cue, span (offsets into body)."""
    return []
