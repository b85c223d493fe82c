"""The rule files in ``rules/``: read once and checked, and their word lists made into patterns."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

RULES_DIR = Path(__file__).resolve().parents[1] / "rules"


@cache
def _read(filename: str) -> dict[str, Any]:
    return yaml.safe_load((RULES_DIR / filename).read_text(encoding="utf-8")) or {}


def load_rules(filename: str, required: Iterable[str]) -> dict[str, Any]:
    """A rules file (read once per process; callers must not change it). A required group
    that is missing or empty is an error: an empty word list would match nothing, silently."""
    data = _read(filename)
    for key in required:
        if not data.get(key):
            raise ValueError(f"{RULES_DIR / filename}: group {key!r} is missing or empty")
    return data


def alternation(words: Iterable[str]) -> str:
    """The words escaped and joined longest first, so "Wakil Bupati" wins over "Bupati"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def whole_words(words: Iterable[str]) -> re.Pattern[str]:
    """Any of the words as a whole word, in any case."""
    return re.compile(rf"(?<!\w)(?:{alternation(words)})(?!\w)", re.IGNORECASE)
