"""Counted quantities in Indonesian news text ("209 ribu pemilih", "lebih dari 1.000 pelanggaran")."""

from __future__ import annotations

from typing import Any


def find_quantities(body: str) -> list[dict[str, Any]]:
    """Each quantity: value, unit, qualifier, counts, text, span (offsets into body)."""
    return []
