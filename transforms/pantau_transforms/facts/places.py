"""The region gazetteer: every written form of a Kemendagri province, regency and district.

Kept in ``rules/regions/*.csv`` (codes and names from Kemendagri, abbreviations the press uses);
facts.py reads regions of whole articles with it, persons.py the region after an office.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pantau_transforms.facts.lexicon import load_rules

RULES = Path(__file__).resolve().parents[1] / "rules"


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: str
    district_code: str | None = None


MAX_FORM_WORDS = 5


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, list[Place]]:
    """Every written form of a region (lowercase, single-spaced) -> candidate places."""
    forms: dict[str, list[Place]] = {}

    def add(form: str, place: Place) -> None:
        form = " ".join(form.split()).lower()
        if len(form) >= 3:
            forms.setdefault(form, []).append(place)

    folder = RULES / "regions"
    common = common_words()
    with (folder / "provinces.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            place = Place(row["code"], row["name"], "province")
            add(row["name"], place)
            add(f"Provinsi {row['name']}", place)
            for abbreviation in filter(None, row["abbreviations"].split("|")):
                add(abbreviation, place)
                add(f"Provinsi {abbreviation}", place)  # "Bawaslu Provinsi Sumsel"
    regencies = {}
    with (folder / "regencies.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            place = Place(row["code"], row["name"], "regency")
            regencies[row["code"]] = place
            prefix = "Kabupaten" if row["kind"] == "kabupaten" else "Kota"
            add(f"{prefix} {row['name']}", place)
            if prefix == "Kabupaten":
                add(f"Kab. {row['name']}", place)
                add(f"Pemkab {row['name']}", place)
            else:
                add(f"Pemkot {row['name']}", place)
            if row["name"].lower() not in common:
                add(row["name"], place)
            for abbreviation in filter(None, row["abbreviations"].split("|")):
                add(abbreviation, place)
                add(f"{prefix} {abbreviation}", place)  # "Kabupaten SBT", "Kabupaten Kukar"
            # A city written as one word, as its own seat is ("Pangkalpinang", "Tanjungpinang",
            # "Palangkaraya"): the same city.
            joined = row["seat"].replace(" ", "")
            if prefix == "Kota" and " " in row["name"] and joined.lower() == row["name"].replace(" ", "").lower():
                add(joined, place)
                add(f"Kota {joined}", place)
    with (folder / "districts.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            regency = regencies[row["regency_code"]]
            place = Place(regency.code, regency.name, "regency", district_code=row["code"])
            # Bare district names collide with common words and other places; only the
            # explicit forms count.
            add(f"Kecamatan {row['name']}", place)
            add(f"Distrik {row['name']}", place)
    if not forms:
        raise ValueError(f"{folder}: the region gazetteer is empty")
    return forms


@lru_cache(maxsize=1)
def common_places() -> dict[str, list[Place]]:
    """Regencies whose bare name is also an everyday word ("Paser", "Batu"): not in the
    gazetteer's running-text forms, but a place where the context says so."""
    common = common_words()
    found: dict[str, list[Place]] = {}
    with (RULES / "regions" / "regencies.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["name"].lower() in common:
                found.setdefault(row["name"].lower(), []).append(
                    Place(row["code"], row["name"], "regency")
                )
    return found


def region_words() -> dict[str, list[str]]:
    return load_rules("region_words.yaml", ("common_words",))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    return frozenset(region_words()["common_words"])


@lru_cache(maxsize=1)
def context_only_forms() -> frozenset[str]:
    """Written forms that name a region only in an article of the same province."""
    return frozenset(form.lower() for form in region_words().get("context_only", []))


@lru_cache(maxsize=1)
def seats() -> dict[str, tuple[Place, ...]]:
    """Seat of government -> its regencies, for datelines only ("SANGATTA –", "WAMENA –"):
    many seats are also ordinary words or other places, so they never count in running text.
    Some seats share a name ("Parigi" is Pangandaran's and Parigi Moutong's)."""
    found: dict[str, list[Place]] = {}
    with (RULES / "regions" / "regencies.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["seat"]:
                found.setdefault(row["seat"].lower(), []).append(
                    Place(row["code"], row["name"], "regency")
                )
    return {seat: tuple(places) for seat, places in found.items()}


def seat_place(written: str, named: set[str], home: str | None) -> Place | None:
    """The regency of a dateline's seat: of those with that seat, the one the article names,
    else the one in the outlet's province, else the first."""
    places = seats().get(" ".join(written.split()).lower(), ())
    province = (home or "").split(".")[0]
    return next(
        (p for p in places if p.code in named),
        next((p for p in places if p.code.split(".")[0] == province), places[0] if places else None),
    )


_TOKEN = re.compile(r"\w[\w'-]*\.?")


_LOWER_PREFIXES = frozenset({"kabupaten", "kota", "provinsi", "kab."})


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """The first word of every written form: where a form can start."""
    return frozenset(form.split()[0] for form in gazetteer())


@lru_cache(maxsize=16)  # the texts of the article at hand, not a memory of past articles
def region_mentions(text: str) -> tuple[tuple[str, int, int], ...]:
    """(form, start, end) of every gazetteer form in the text, longest match first, no overlaps.

    Word n-grams looked up in a dict, tried only where a form's first word stands (a capitalized
    word, or "kabupaten" in sloppy copies): linear in the text, whatever the gazetteer's size.
    Cached for the article at hand: its body, title and lead are asked for by several modules.
    """
    forms, firsts = gazetteer(), _first_words()
    found = []
    reach = 0
    for first in _FORM_START.finditer(text):
        start = first.start()
        low = first.group(0).lower()
        if start < reach or (low not in firsts and low.rstrip(".") not in firsts):
            continue
        words, ends = [low], [first.end()]
        while (
            len(words) < MAX_FORM_WORDS
            and (gap := _SAME_LINE_GAP.match(text, ends[-1]))
            and (token := _TOKEN.match(text, gap.end()))
        ):
            words.append(token.group(0).lower())
            ends.append(token.end())
        for n in range(len(words), 0, -1):
            if n == 1 and not text[start].isupper():
                continue
            key, end = " ".join(words[:n]), ends[n - 1]
            if key not in forms and key.endswith("."):
                key, end = key[:-1], end - 1
            if key in forms:
                found.append((key, start, end))
                reach = ends[n - 1]
                break
    return tuple(found)


# Where a form may start: a capitalized word, or a region prefix in lowercase.
_FORM_START = re.compile(
    r"(?<!\w)(?<!\w['-])(?:[A-Z][\w'-]*\.?|(?:kabupaten|kota|provinsi)(?![\w'-])|kab\.)"
)
_SAME_LINE_GAP = re.compile(r"[^\S\n]+")


def place_for(
    mention: str,
    home: str | None,
    context: set[str] | frozenset = frozenset(),
    *,
    prefer_city: bool = False,
) -> Place | None:
    """The place a mention means: the kind its prefix says, a region the article names
    unambiguously elsewhere, the outlet's home province — in that order. A dateline names a
    town: there "JAYAPURA" is the city rather than the regency of the same name."""
    candidates = gazetteer().get(" ".join(mention.split()).lower(), [])
    if not candidates:
        return None
    explicit_kota = mention.lower().startswith(("kota ", "pemkot "))
    explicit_kab = mention.lower().startswith(("kabupaten ", "kab. ", "pemkab "))

    def score(place: Place) -> tuple:
        kind_match = (explicit_kota and place.code.split(".")[-1] >= "71") or (
            explicit_kab and place.code.split(".")[-1] < "71"
        )
        near_home = bool(home) and place.code.startswith(home.split(".")[0])
        in_context = place.code in context
        city = prefer_city and place.level == "regency" and place.code.split(".")[-1] >= "71"
        return (
            kind_match,
            in_context,
            city,
            near_home,
            place.level == "province",
            place.district_code is None,
        )

    return max(candidates, key=score)


def place_at(
    text: str, pos: int, home: str | None, *, after_office: bool = False
) -> tuple[Place, int] | None:
    """The place whose written form starts exactly at ``pos`` (longest form wins), and where it ends.

    Right after an office ("Kapolres Paser") a regency name that is also a common word is
    unambiguous, so those count there too.
    """
    forms = office_place_forms() if after_office else gazetteer()
    tokens = []
    for match in _TOKEN.finditer(text, pos, min(len(text), pos + 80)):
        if (match.start() != pos and not tokens) or len(tokens) == MAX_FORM_WORDS:
            break
        if tokens and text[tokens[-1][1] : match.start()] != " ":
            break
        tokens.append((match.start(), match.end()))
    if not tokens or not text[pos].isupper():
        return None
    for n in range(len(tokens), 0, -1):
        end = tokens[n - 1][1]
        key = text[pos:end].lower()
        if key not in forms and key.endswith("."):
            key, end = key[:-1], end - 1
        if key in forms:
            place = place_for(text[pos:end], home) or forms[key][0]
            return place, end
    return None


@lru_cache(maxsize=1)
def office_place_forms() -> dict[str, list[Place]]:
    """The gazetteer plus the regencies named like common words, for the place after an office."""
    return {**common_places(), **gazetteer()}


@lru_cache(maxsize=1)
def district_names() -> frozenset[str]:
    """Bare district (kecamatan/distrik) names, lowercase: what follows "Camat" or "Kapolsek"."""
    with (RULES / "regions" / "districts.csv").open(encoding="utf-8") as handle:
        return frozenset(row["name"].lower() for row in csv.DictReader(handle))
