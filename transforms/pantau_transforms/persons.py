"""Persons named with an office in Indonesian news text, aliases resolved within the article."""

from __future__ import annotations

from typing import Any


def find_persons(body: str, title: str, region_code: str | None) -> list[dict[str, Any]]:
    """Each person: person_key, name, aliases, office, institution, region_code, span."""
    return []
