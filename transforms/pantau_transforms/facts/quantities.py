"""Counted quantities in Indonesian news text ("209 ribu pemilih", "lebih dari 1.000 pelanggaran").

Rules are data (``rules/quantities.yaml``): number words, multipliers, qualifiers, the unit
gazetteer and what is not a quantity. This module compiles them once and makes one left-to-right
pass over the body: find a number (digits or words), read what stands before it (money prefix,
qualifier, label word) and after it (multiplier, fillers, unit noun). A number with no known unit
after it is dropped: precision first. Spans are offsets into the body.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

RULES_FILE = Path(__file__).resolve().parents[1] / "rules" / "quantities.yaml"

_GAP = r"[ \t\u00a0]+"  # between words of one phrase: spaces, never a line break
_LOOKBACK = 48  # characters before a number searched for a qualifier or a label word
_MONEY_LOOKBACK = 8  # "Rp.  " before the digits
_DOT_DECIMAL = re.compile(r"\d+\.\d{1,2}")  # "1.2" (before "juta"): a decimal dot, not thousands


@dataclass(frozen=True)
class Context:
    """A unit that means another one when the sentence or paragraph speaks of it."""

    unit: str
    scope: str  # sentence_before | paragraph
    words: re.Pattern[str]


@dataclass(frozen=True)
class Rules:
    number: re.Pattern[str]
    number_words: dict[str, int]
    joiners: dict[str, tuple[str, int]]  # word -> ("add" | "times", amount)
    multipliers: dict[str, int]
    multiplier: re.Pattern[str]
    money_multipliers: dict[str, int]
    money_multiplier: re.Pattern[str]
    money_prefix: re.Pattern[str]
    symbol_units: dict[str, str]
    qualifier_of: dict[str, str]
    qualifier: re.Pattern[str]
    trailing_qualifier_of: dict[str, str]
    trailing_qualifier: re.Pattern[str]
    unit_of: dict[str, str]
    unit: re.Pattern[str]
    filler: re.Pattern[str]
    classifier: re.Pattern[str]
    partitive: re.Pattern[str]
    contexts: dict[str, list[Context]]
    label: re.Pattern[str]
    years: tuple[int, int]
    skip_line: re.Pattern[str]
    count_word: re.Pattern[str]
    stop_words: frozenset[str]
    verb: re.Pattern[str]
    not_units: frozenset[str]
    skip_words: tuple[str, ...]  # words one of which a skipped line or URL holds
    unit_before_of: dict[str, str]  # "suara sah" -> "suara"
    unit_before: re.Pattern[str]  # any of those words
    unit_before_linker: re.Pattern[str]  # "sebanyak", ":" ... right before the number
    not_before: frozenset[str]  # "Februari", "hari": the bare number is a day or a span
    unit_before_act: re.Pattern[str]  # "pemungutan " right before "suara": an act, not a unit


def _key(text: str) -> str:
    """A written form as a lookup key: lowercase, single-spaced."""
    return " ".join(text.lower().split())


def _alternation(forms: list[str]) -> str:
    """Forms as one regex alternation, longest first so multi-word forms win; the spaces inside a
    form match any run of spaces ("tempat  pemungutan suara")."""
    ordered = sorted(set(forms), key=len, reverse=True)
    return "|".join(re.escape(form).replace(r"\ ", _GAP) for form in ordered)


_NEVER = re.compile(r"(?!x)x")


def _after_gap(
    forms: list[str], *, gap: str = _GAP, end: str = r"(?!\w)", flags: int = re.IGNORECASE
) -> re.Pattern[str]:
    """One of the forms as the next word (group "word"); never matches when there are none."""
    if not forms:
        return _NEVER
    return re.compile(rf"{gap}(?P<word>{_alternation(forms)}){end}", flags)


def _required(data: dict[str, Any], *groups: str) -> None:
    for group in groups:
        if not data.get(group):
            raise ValueError(f"{RULES_FILE}: the group {group!r} is missing or empty")


@lru_cache(maxsize=1)
def rules() -> Rules:
    """rules/quantities.yaml compiled: read once per process."""
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    _required(
        data,
        "number_words",
        "number_joiners",
        "multipliers",
        "money_prefixes",
        "qualifiers",
        "units",
        "label_words",
        "year_range",
        "counts_stop_words",
    )

    number_words = {_key(w): int(v) for w, v in data["number_words"].items()}
    joiners = {_key(w): next(iter(spec.items())) for w, spec in data["number_joiners"].items()}
    multipliers = {_key(w): int(v) for w, v in data["multipliers"].items()}
    money_multipliers = {w: int(v) for w, v in (data.get("money_multipliers") or {}).items()}

    # A written number starts with a number word and goes on with number words, joiners and
    # multipliers ("dua puluh", "tiga ratus ribu"): a joiner or multiplier never starts one.
    first = _alternation(list(number_words))
    rest = _alternation([*number_words, *joiners, *multipliers])
    words = rf"(?<![\w-])(?P<words>(?:{first})(?:{_GAP}(?:{rest}))*)(?![\w-])"
    # Digits: thousands with dots ("1.335.640") and a decimal comma ("78,6"); a decimal dot only
    # before a multiplier ("1.2 juta"), since "13.00" is a time. Not followed by another digit
    # group, a slash (dates "17/9/2024", "Kodim 0827/Sumenep"), a hyphen (phones, ranges) or a
    # letter ("5km", "2024an").
    big = _alternation(list(multipliers))
    digits = (
        rf"(?<!\d)(?P<digits>\d+\.\d{{1,2}}(?={_GAP}(?:{big})(?!\w))"
        r"|(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?)"
        r"(?![\d/-]|[.,:]\d|[^\W\d_])"
    )
    number = re.compile(rf"{digits}|{words}", re.IGNORECASE)

    qualifier_of = {
        _key(form): value for value, forms in data["qualifiers"].items() for form in forms
    }
    trailing_of = {
        _key(form): value
        for value, forms in (data.get("trailing_qualifiers") or {}).items()
        for form in forms
    }
    unit_of: dict[str, str] = {}
    for unit, forms in data["units"].items():
        for form in [unit, *forms]:
            unit_of.setdefault(_key(form), unit)
    contexts = {
        unit: [
            Context(
                spec["unit"],
                spec["scope"],
                re.compile(rf"(?<!\w)(?:{_alternation(spec['words'])})(?!\w)", re.IGNORECASE),
            )
            for spec in specs
        ]
        for unit, specs in (data.get("contextual_units") or {}).items()
    }
    for unit, readings in contexts.items():
        scopes = {context.scope for context in readings}
        if unit not in data["units"] or not scopes <= {"sentence_before", "paragraph"}:
            raise ValueError(
                f"{RULES_FILE}: contextual unit {unit!r} is not a unit or has an "
                f"unknown scope in {sorted(scopes)}"
            )

    unit_before_of = {
        _key(form): unit
        for unit, forms in (data.get("units_before") or {}).items()
        for form in forms
    }
    linkers = [w for w in data.get("units_before_linkers") or [] if w != ":"] or ["(?!x)x"]

    low, high = data["year_range"]
    skip_prefixes = data.get("skip_line_prefixes") or []
    return Rules(
        number=number,
        number_words=number_words,
        joiners={w: (str(kind), int(amount)) for w, (kind, amount) in joiners.items()},
        multipliers=multipliers,
        multiplier=_after_gap(list(multipliers)),
        money_multipliers=money_multipliers,
        money_multiplier=_after_gap(list(money_multipliers), gap=r"[ \t\u00a0]*", flags=0),
        money_prefix=re.compile(
            rf"(?<!\w)(?:{_alternation(data['money_prefixes'])})"
            r"[ \t\u00a0]*$",
            re.IGNORECASE,
        ),
        symbol_units=dict(data.get("symbol_units") or {}),
        qualifier_of=qualifier_of,
        qualifier=re.compile(
            rf"(?<!\w)(?P<q>{_alternation(list(qualifier_of))})[ \t\u00a0]*$", re.IGNORECASE
        ),
        trailing_qualifier_of=trailing_of,
        trailing_qualifier=_after_gap(list(trailing_of)),
        unit_of=unit_of,
        unit=_after_gap(list(unit_of)),
        filler=_after_gap(data.get("fillers") or []),
        classifier=_after_gap(data.get("classifiers") or []),
        partitive=_after_gap(data.get("partitive_words") or [], end=_GAP),
        contexts=contexts,
        label=re.compile(
            rf"(?<!\w)(?:{_alternation(data['label_words'])})\.?[ \t\u00a0]*$", re.IGNORECASE
        ),
        years=(int(low), int(high)),
        skip_line=re.compile(
            (rf"^[ \t]*(?:{_alternation(skip_prefixes)})\b.*$|" if skip_prefixes else "")
            + r"(?:https?://|www\.)\S+",
            re.IGNORECASE | re.MULTILINE,
        ),
        count_word=re.compile(rf"{_GAP}(?P<word>[^\W\d_][\w/-]*)"),
        stop_words=frozenset(_key(w) for w in data["counts_stop_words"]),
        verb=re.compile(data.get("counts_verb") or _NEVER.pattern),
        not_units=frozenset(_key(w) for w in data.get("not_units") or []),
        skip_words=(*{_key(w).split()[0] for w in skip_prefixes}, "http", "www."),
        unit_before_of=unit_before_of,
        unit_before=re.compile(
            rf"(?<!\w)(?:{_alternation(list(unit_before_of))})(?!\w)", re.IGNORECASE
        )
        if unit_before_of
        else _NEVER,
        not_before=frozenset(_key(w) for w in data.get("units_before_not_before") or []),
        unit_before_act=re.compile(
            rf"(?<!\w)(?:{_alternation(data['units_before_acts'])})[ \t\u00a0]+$", re.IGNORECASE
        )
        if data.get("units_before_acts")
        else _NEVER,
        unit_before_linker=re.compile(
            rf"(?:(?<!\w)(?:{_alternation(linkers)})(?!\w)|:)?[ \t\u00a0]*$", re.IGNORECASE
        ),
    )


# --- numbers ----------------------------------------------------------------------------------


def digits_value(text: str) -> Decimal:
    """ "1.335.640" -> 1335640, "78,6" -> 78.6, "1.2" (before a multiplier) -> 1.2."""
    if "," in text:
        whole, fraction = text.split(",", 1)
        return Decimal(whole.replace(".", "") + "." + fraction)
    if _DOT_DECIMAL.fullmatch(text):
        return Decimal(text)
    return Decimal(text.replace(".", ""))


def words_value(text: str, r: Rules) -> int | None:
    """ "dua puluh" -> 20, "tiga ratus ribu" -> 300000, "sebelas" -> 11; None when the words
    do not make one number ("dua tiga hari" is "two or three days")."""
    total, group, digit = 0, 0, None
    for word in _key(text).split():
        if word in r.number_words:
            value = r.number_words[word]
            if digit is not None:
                return None
            if value < 10:
                digit = value
            elif value >= 1000:  # seribu, sejuta: a whole scaled amount
                total += value
            else:  # sepuluh, sebelas, seratus
                group += value
        elif word in r.joiners:
            if digit is None:
                return None
            kind, amount = r.joiners[word]
            group += digit + amount if kind == "add" else digit * amount
            digit = None
        else:  # a multiplier closes the group before it
            group += digit or 0
            digit = None
            if not group:
                return None
            total += group * r.multipliers[word]
            group = 0
    return total + group + (digit or 0)


def plain_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


# --- context ----------------------------------------------------------------------------------


class _Sentences:
    """Sentence and paragraph starts of a body, computed once when first asked for."""

    _BOUNDARY = re.compile(r"[.!?…][\"”’')]*\s+|\n")

    def __init__(self, body: str) -> None:
        self.body = body
        self._starts: list[int] | None = None

    def sentence_start(self, pos: int) -> int:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in self._BOUNDARY.finditer(self.body)]
        return self._starts[bisect.bisect_right(self._starts, pos) - 1]

    def paragraph(self, pos: int) -> str:
        start = self.body.rfind("\n", 0, pos) + 1
        end = self.body.find("\n", pos)
        return self.body[start : end if end >= 0 else len(self.body)]


def _skipped_ranges(body: str, r: Rules) -> list[tuple[int, int]]:
    """ "Baca juga" lines and URLs: not the article's own numbers (a body with no such words,
    most of them, is not scanned for them)."""
    lowered = body.lower()
    if len(lowered) == len(body) and not any(word in lowered for word in r.skip_words):
        return []
    return [(m.start(), m.end()) for m in r.skip_line.finditer(body)]


def _skip_end(ranges: list[tuple[int, int]], pos: int) -> int | None:
    """The end of the skipped range pos falls in, if any (ranges sorted, not overlapping)."""
    index = bisect.bisect_right(ranges, (pos, len(ranges) and ranges[-1][1] + 1)) - 1
    if index >= 0 and ranges[index][0] <= pos < ranges[index][1]:
        return ranges[index][1]
    return None


_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?![\d,])")


def _is_label(body: str, start: int, r: Rules) -> bool:
    """ "Pasal 71", "TPS 05", "nomor urut 2", "salah satu": the number names, it doesn't count."""
    return r.label.search(body, max(0, start - _LOOKBACK), start) is not None


@dataclass(frozen=True)
class UnitHit:
    """A unit noun found after a number: as written, normalized, and where it stands."""

    written: str
    unit: str
    start: int
    end: int


def _find_unit(body: str, pos: int, r: Rules, skips_left: int = 2) -> UnitHit | None:
    """The unit noun right after pos, maybe behind fillers ("dugaan", "orang") or a classifier
    ("unit", "buah"). The longer reading wins, so "orang pemilih" is pemilih while "tiga orang
    yang" stays orang; a classifier makes the next word the unit even when it is not listed."""
    match = r.unit.match(body, pos)
    best = (
        UnitHit(
            match.group("word"),
            r.unit_of[_key(match.group("word"))],
            match.start("word"),
            match.end(),
        )
        if match
        else None
    )
    if not skips_left:
        return best
    candidates: list[UnitHit | None] = []
    filler = r.filler.match(body, pos)
    if filler:
        candidates.append(_find_unit(body, filler.end(), r, skips_left - 1))
    classifier = r.classifier.match(body, pos)
    if classifier:
        known = _find_unit(body, classifier.end(), r, 0)
        noun = r.count_word.match(body, classifier.end())
        if known is None and noun and _key(noun.group("word")) not in r.stop_words:
            known = UnitHit(
                noun.group("word"), noun.group("word").lower(), noun.start("word"), noun.end()
            )
        candidates.append(known)
    for hit in candidates:
        if hit and (best is None or hit.end > best.end):
            best = hit
    return best


def _counts(body: str, pos: int, written: str | None, r: Rules) -> str | None:
    """What is counted: the written unit and up to two words after it ("pelanggaran netralitas
    ASN"), stopping at function words; None for money."""
    words = [written] if written else []
    for _ in range(2):
        match = r.count_word.match(body, pos)
        word = match.group("word") if match else ""
        if not word or _key(word) in r.stop_words or r.verb.match(word):
            break
        words.append(word)
        pos = match.end()
    return " ".join(words) or None


# --- the scan ---------------------------------------------------------------------------------


def find_quantities(body: str) -> list[dict[str, Any]]:
    """Each quantity: value, unit, qualifier, counts, text, span (offsets into body)."""
    r = rules()
    skipped = _skipped_ranges(body, r)
    sentences = _Sentences(body)
    found: list[dict[str, Any]] = []
    pos = 0
    for start in _number_starts(body, r):
        if start < pos or (match := r.number.match(body, start)) is None:
            continue
        pos = match.end()
        skip_to = _skip_end(skipped, match.start())
        if skip_to is not None:
            pos = max(pos, skip_to)
            continue
        quantity = _quantity(body, match, r, sentences)
        if quantity is not None:
            found.append(quantity)
            pos = quantity["span"][1]
    return found


_DIGIT_START = re.compile(r"(?<!\d)\d")


def _number_starts(body: str, r: Rules) -> list[int]:
    """Where a number can start: a digit after no digit, or a number word ("tiga", "Seribu").
    The number pattern is matched there only; searching with it char by char costs more."""
    starts = {m.start() for m in _DIGIT_START.finditer(body)}
    lowered = body.lower()
    if len(lowered) == len(body):
        for word in r.number_words:
            at = lowered.find(word)
            while at != -1:
                starts.add(at)
                at = lowered.find(word, at + 1)
    else:  # offsets of the lowercase text would shift: let the pattern find the words
        starts |= {m.start() for m in r.number.finditer(body) if m.group("words")}
    return sorted(starts)


def _read_number(
    body: str, match: re.Match[str], r: Rules, money: bool
) -> tuple[Decimal, int] | None:
    """(value, end) of a number match with its multiplier, or None when the digits are a label,
    a phone number or a year, or the words do not make one number."""
    start, end = match.span()
    text = match.group("digits")
    if text is None:
        number = words_value(match.group("words"), r)
        return None if number is None else (Decimal(number), end)
    previous = body[start - 1] if start else " "
    if not money and (previous.isalnum() or previous in "-+#/.,:"):
        return None  # glued to something: "B12", "ke-2", "+62", "10/2016", "3.5.2", "10:30"
    if len(text) > 1 and text[0] == "0" and not text.startswith("0,"):
        return None  # "TPS 07", "0812-...": a label or a phone number
    if len(text) == 4 and text.isdigit() and r.years[0] <= int(text) <= r.years[1]:
        return None
    value = digits_value(text)
    multiplier = r.multiplier.match(body, end)
    if multiplier:
        return value * r.multipliers[_key(multiplier.group("word"))], multiplier.end()
    big = r.money_multiplier.match(body, end) if money else None
    if big:
        return value * r.money_multipliers[big.group("word")], big.end()
    return value, end


def _quantity(
    body: str, match: re.Match[str], r: Rules, sentences: _Sentences
) -> dict[str, Any] | None:
    """The quantity a number match starts, or None when it is not one. The unit is looked for
    first: most numbers in news (dates, years, times) have none, and the look back for labels
    and qualifiers is then skipped."""
    start = match.start()
    money = r.money_prefix.search(body, max(0, start - _MONEY_LOOKBACK), start)
    number = _read_number(body, match, r, money is not None)
    if number is None:
        return None
    value, end = number

    qualifier = None
    if money:
        unit, counts = "rupiah", None
    elif body[end : end + 2].lstrip(" ")[:1] in r.symbol_units:  # "78,6%", "78,6 %"
        symbol = body[end : end + 2].lstrip(" ")[:1]
        end = body.index(symbol, end) + 1
        unit, counts = r.symbol_units[symbol], _counts(body, end, None, r)
    else:
        trailing = r.trailing_qualifier.match(body, end)
        if trailing:  # "1.000 lebih pelanggaran"
            qualifier = r.trailing_qualifier_of[_key(trailing.group("word"))]
            end = trailing.end()
        hit = (
            _find_unit(body, end, r)
            or _partitive_unit(body, end, r)
            or (_any_noun(body, end, r) if match.group("digits") or value >= 2 else None)
        )
        if hit is None and match.group("digits") and qualifier is None:
            unit = None if _date_or_measure_after(body, end, r) else _unit_before(
                body, start, r, sentences
            )
            if unit is None:
                return None
            counts = None
        elif hit is None or _proper_name(match, hit.written):
            return None
        else:
            unit = _in_context(hit.unit, hit.start, r, sentences)
            end = hit.end
            counts = _counts(body, end, hit.written if unit == hit.unit else unit, r)
    # "TPS 05" names a polling station; "jumlah TPS 7.830", written with thousands, counts them.
    if _is_label(body, start, r) and not _THOUSANDS.match(body, start):
        return None

    # The quantity's text starts at "Rp", or at the qualifier written before the number or "Rp".
    lead = money.start() if money else start
    before = r.qualifier.search(body, max(0, lead - _LOOKBACK), lead)
    if before:
        qualifier = r.qualifier_of[_key(before.group("q"))]
    first = before.start() if before else lead
    return {
        "value": plain_number(value),
        "unit": unit,
        "qualifier": qualifier,
        "counts": counts,
        "text": body[first:end],
        "span": (first, end),
    }


def _date_or_measure_after(body: str, end: int, r: Rules) -> bool:
    """A word after the number that makes it a day, a time or a measure ("14 Februari",
    "27 November", "3 hari"): no unit named before it applies."""
    word = r.count_word.match(body, end)
    return word is not None and _key(word.group("word")) in r.not_before


def _unit_before(body: str, start: int, r: Rules, sentences: _Sentences) -> str | None:
    """The unit of a bare number named before it in its sentence ("suara sah sebanyak
    255.142"): the number follows a linking word or the unit's own words, and the unit words
    nearest the number win."""
    sentence = sentences.sentence_start(start)
    linker = r.unit_before_linker.search(body, sentence, start)
    if linker is None:
        return None
    named = [
        m
        for m in r.unit_before.finditer(body, sentence, linker.start())
        if not r.unit_before_act.search(body, sentence, m.start())
    ]
    if not named:
        return None
    if linker.start() == linker.end() or not linker.group().strip():
        # no linking word: the unit's words must stand right before the number
        if body[named[-1].end() : start].strip():
            return None
    return r.unit_before_of[_key(named[-1].group())]


def _any_noun(body: str, pos: int, r: Rules) -> UnitHit | None:
    """A counted noun the gazetteer does not know ("581 kejadian", "lima panelis"): a lowercase
    word after the number that is not a function word, a measure, a duration or a time."""
    noun = r.count_word.match(body, pos)
    if noun is None:
        return None
    word = noun.group("word")
    if not _plain_noun(word, r):
        return None
    return UnitHit(word, _key(word), noun.start("word"), noun.end())


def _plain_noun(word: str, r: Rules) -> bool:
    key = _key(word)
    return (
        word.isalpha()
        and word.islower()
        and len(word) >= 3
        and not key.endswith("nya")
        and key not in r.stop_words
        and key not in r.not_units
        and not r.verb.match(word)
    )


def unit_key(unit: str | None) -> str:
    """A unit as the gazetteer names it: "paslon" is "pasangan calon", "KK" "kepala keluarga"."""
    key = _key(unit or "")
    return rules().unit_of.get(key, key)


def _partitive_unit(body: str, pos: int, r: Rules) -> UnitHit | None:
    """ "13 dari 18 kecamatan": the unit of the whole, for the part written before it."""
    link = r.partitive.match(body, pos)
    whole = r.number.match(body, link.end()) if link else None
    number = _read_number(body, whole, r, False) if whole else None
    return _find_unit(body, number[1], r) if number else None


def _proper_name(match: re.Match[str], written_unit: str) -> bool:
    """ "Lima Puluh Kota", "Sembilan Desa": capitalized number words before a capitalized unit
    noun are a name, not a count."""
    words = match.group("words")
    return (
        bool(words)
        and words[0].isupper()
        and written_unit[0].isupper()
        and not written_unit.isupper()
    )


def _in_context(unit: str, pos: int, r: Rules, sentences: _Sentences) -> str:
    """The unit as its context reads it: "orang" after "jumlah pemilih ..." in the same sentence
    counts voters. Of several readings the nearest word before the number wins."""
    best, nearest = unit, -1
    for context in r.contexts.get(unit, []):
        if context.scope == "sentence_before":
            start = sentences.sentence_start(pos)
            ends = [m.end() for m in context.words.finditer(sentences.body, start, pos)]
            if ends and ends[-1] > nearest:
                best, nearest = context.unit, ends[-1]
        elif nearest < 0 and context.words.search(sentences.paragraph(pos)):
            best, nearest = context.unit, 0
    return best
