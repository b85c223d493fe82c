"""Reading a person's name in Indonesian news text, and the key that matches its short forms.

A name is a run of capitalized words, maybe led by ranks and titles ("AKBP", "H.M.", "Letkol
Inf"), maybe followed by degrees (", S.Sos., M.Si") and an initialism in brackets ("(AHK)").
The vocabulary is data (``rules/names.yaml``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from pantau_transforms.facts.lexicon import alternation, load_rules

MAX_NAME_WORDS = 7  # "Letkol Inf Bayu Setiawan Nugroho" and a little room


@dataclass(frozen=True)
class NameWords:
    ranks: frozenset[str]
    honorifics: frozenset[str]
    degrees: re.Pattern[str]
    not_names: frozenset[str]
    abbreviations: frozenset[str]
    degrees_end: re.Pattern[str]  # degrees that end a text


@lru_cache(maxsize=1)
def name_words() -> NameWords:
    data = load_rules(
        "names.yaml", ("ranks", "honorifics", "degrees", "not_names", "headline_words")
    )
    degrees = alternation(data["degrees"])
    return NameWords(
        ranks=frozenset(data["ranks"]),
        honorifics=frozenset(h.rstrip(".") for h in data["honorifics"]),
        # ", S.Sos., M.Si" after a name: one or more degrees, each after a comma or a space.
        degrees=re.compile(rf"(?:,?\s*(?:{degrees})(?![\w]))+"),
        not_names=frozenset(data["not_names"]) | frozenset(data["headline_words"]),
        abbreviations=frozenset(data.get("abbreviations", [])),
        degrees_end=re.compile(rf"(?:,?\s*(?:{degrees})(?![\w]))+$"),
    )


@dataclass(frozen=True)
class Name:
    text: str  # as written, ranks and titles kept, degrees left out
    start: int
    end: int  # end of the whole written name, degrees and "(AHK)" included
    alias: str | None = None  # initialism written in brackets after the name


# One written word of a name: "H.M.", "Muh.", "AKBP", "Juaini", "Al-Habsyi", "dr."
_WORD = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][a-z]{0,3}\.|dr\.|[A-Z][A-Za-z'’-]*")
_INITIALISM = re.compile(r"\s*\(([A-Z]{2,6})\)")
_CORPS = re.compile(r" \(([A-Z][A-Za-z]{1,3})\)(?= )")
_AGE = re.compile(r"\s*\(\d{1,3}(?:\s*tahun)?\)")


def _is_title(word: str, words: NameWords) -> bool:
    bare = word.rstrip(".")
    return (
        bare in words.ranks
        or bare in words.honorifics
        or (word.endswith(".") and bool(_INITIALS.fullmatch(word)))
    )


def _word_ok(word: str, words: NameWords, stop: frozenset[str]) -> bool:
    bare = word.rstrip(".")
    if _is_title(word, words):
        return True
    if bare in words.not_names or bare in stop:
        return False
    if len(bare) >= 7 and bare.endswith("nya"):
        return False  # "Menurutnya", "Selanjutnya": a sentence's first word, not a name
    # All capitals and longer than an initial pair: an acronym (ASN, KPU), not a name.
    return not (len(bare) >= 3 and bare.isupper())


def name_at(text: str, pos: int, stop: frozenset[str] = frozenset()) -> Name | None:
    """The name written exactly at ``pos``, or None when the words there are not a name."""
    words = name_words()
    taken: list[tuple[str, int, int]] = []
    cursor = pos
    while len(taken) < MAX_NAME_WORDS:
        if any(not _is_title(w, words) for w, _s, _e in taken) and words.degrees.match(
            text, cursor - 1
        ):
            break  # "Hendri Ritson Sibarani SE", "M Gafur Aditya Siregar SIK": degrees, no comma
        match = _WORD.match(text, cursor)
        if match is None or not _word_ok(match.group(0), words, stop):
            break
        word, end = match.group(0), match.end()
        if _is_title(word, words) and text.startswith(". ", end):
            word, end = word + ".", end + 1  # "AKBP. Edwin": a rank written with a full stop
        # "Letkol (Arm) Riski Budianto": the corps of a rank in brackets belongs to the rank.
        if word in words.ranks and (corps := _CORPS.match(text, end)) and corps.group(1) in words.ranks:
            end = corps.end()
        # "Taufik." ends a sentence; "Muh." and "H." are abbreviations inside the name.
        sentence_end = (
            word.endswith(".")
            and len(word) > 4
            and not _is_title(word, words)
            and word[:-1] not in words.abbreviations
        )
        if sentence_end:
            word, end = word[:-1], end - 1
        taken.append((word, match.start(), end))
        if sentence_end or end >= len(text) or text[end] != " " or word.endswith("'"):
            break
        cursor = end + 1
    while taken and not _is_title(taken[-1][0], words) and taken[-1][0].endswith("-"):
        taken.pop()
    while taken and _is_title(taken[-1][0], words) and len(taken) > 1:
        taken.pop()  # "Juaini H." is not how a name ends
    if not taken or all(_is_title(w, words) for w, _s, _e in taken):
        return None
    end = taken[-1][2]
    text_out = text[pos:end]
    if degrees := words.degrees.match(text, end):
        end = degrees.end()
    alias = None
    if initialism := _INITIALISM.match(text, end):
        alias, end = initialism.group(1), initialism.end()
    elif age := _AGE.match(text, end):
        end = age.end()
    return Name(text_out, pos, end, alias)


_KEY_WORD = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z][A-Za-z'-]*\.?")
_NON_LETTERS = re.compile(r"[^a-z]")
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")  # "H.M.": initials, a title of the name
_INITIALISM_END = re.compile(r"\s*\(([A-Z]{2,6})\)$")
_NAME_RUN = re.compile(
    r"(?:(?:[A-Z]\.){2,}|[A-Z][a-z]{0,3}\.|dr\.|[A-Z][A-Za-z'’-]*)"
    r"(?: (?:(?:[A-Z]\.){2,}|[A-Z][a-z]{0,3}\.|[A-Z][A-Za-z'’-]*)){0,%d}" % (MAX_NAME_WORDS - 1)
)


SEPARATOR_CHARS = 100  # separators end the window ("…, warga Tering, "): looked for in its tail


def name_before(
    text: str, end: int, separator: re.Pattern[str], stop: frozenset[str] = frozenset()
) -> Name | None:
    """The name that ends just before ``separator``, itself just before ``end``:
    "Muh. Awal Idris, " before "Ketua KPU Parepare"."""
    window_start = max(0, end - 160)
    window = text[window_start:end]
    sep = separator.search(window, max(0, len(window) - SEPARATOR_CHARS))
    if sep is None:
        return None
    head = window[: sep.start()]
    words = name_words()
    alias = None
    if head.endswith(")") and (initialism := _INITIALISM_END.search(head, max(0, len(head) - 12))):
        alias, head = initialism.group(1), head[: initialism.start()]
    # Degrees end the head when they stand there: searched in its last characters only.
    if degrees := words.degrees_end.search(head, max(0, len(head) - 60)):
        head = head[: degrees.start()]
    best = None
    for match in _NAME_RUN.finditer(head):
        if match.end() == len(head):
            best = match
    if best is None:
        return None
    # Drop leading words that cannot start a name ("Menurut", "Sementara"), then read forward.
    offset = best.start()
    for word in re.finditer(r"\S+", best.group(0)):
        if _word_ok(word.group(0), words, stop):
            offset = best.start() + word.start()
            break
    else:
        return None
    found = name_at(head, offset, stop)
    if found is None or found.end != len(head):
        return None
    start = window_start + offset
    return Name(found.text, start, window_start + sep.start(), alias or found.alias)


def name_key(name: str) -> str:
    """Name without ranks, titles, degrees and punctuation, lowercased: the key of a person."""
    words = name_words()
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = words.degrees.sub(" ", text)
    kept = (
        _NON_LETTERS.sub("", w.lower()) for w in _KEY_WORD.findall(text) if not _is_title(w, words)
    )
    return " ".join(w for w in kept if w)


def name_tokens(name: str) -> list[str]:
    """The words of a name that identify the person (no ranks or titles), as written."""
    words = name_words()
    return [w.rstrip(".") for w in _WORD.findall(name) if not _is_title(w, words)]
