"""Elections an article refers to: type, year and voting day (by law or as the text states).

The vocabulary and the national calendar are data (``rules/elections.yaml``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from pantau_transforms.article import ArticleText, Span
from pantau_transforms.facts.lexicon import alternation, load_rules, whole_words
from pantau_transforms.facts.regions import Region


@dataclass(frozen=True)
class Election:
    type: str
    year: int
    voting_date: date | None
    scope_region_code: str | None
    date_source: str | None  # law | text
    span: Span


@lru_cache(maxsize=1)
def election_rules() -> tuple[
    list[tuple[str, re.Pattern[str]]], dict[str, dict[int, date]], list[tuple[str, re.Pattern[str]]]
]:
    data = load_rules("elections.yaml", ("types", "national_voting_dates"))
    patterns = [(kind, whole_words(words)) for kind, words in data["types"].items()]
    implied = [(kind, whole_words(words)) for kind, words in (data.get("implied") or {}).items()]
    dates = {
        kind: {
            int(y): (d if isinstance(d, date) else date.fromisoformat(str(d)))
            for y, d in years.items()
        }
        for kind, years in data["national_voting_dates"].items()
    }
    return patterns, dates, implied


@lru_cache(maxsize=1)
def election_words() -> tuple[re.Pattern[str], dict[str, str], dict[str, int]]:
    """All election words in one pattern for lowercase text (one pass, case-sensitive: faster
    than a case-insensitive one), each word's type (the first type listing it) and each type's
    rank in the rules' order."""
    data = load_rules("elections.yaml", ("types",))
    kind_of: dict[str, str] = {}
    for kind, words in data["types"].items():
        for word in words:
            kind_of.setdefault(word.lower(), kind)
    lowercase = re.compile(rf"(?<!\w)(?:{alternation(kind_of)})(?!\w)")
    return lowercase, kind_of, {kind: n for n, kind in enumerate(data["types"])}


MONTHS = {
    "januari": 1,
    "februari": 2,
    "pebruari": 2,
    "maret": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "agustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "nopember": 11,
    "desember": 12,
}
_LONG_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_SHORT_DATE = re.compile(r"\((\d{1,2})[/-](\d{1,2})[/-]((?:19|20)?\d{2})\)")
# The year after an election word, maybe past a region name: "Pilbup Sampang 2024",
# "Pilkada Serentak Tahun 2024".
_YEAR = re.compile(
    r"^\s*\)?\s*(?:(?:serentak|tahun|[A-Z][\w-]*|\([A-Za-z.-]{2,15}\)|dan wakil \w+(?: \w+)?|kabupaten|kota)"
    r"\s+){0,6}((?:19|20)\d{2})\b"
)
# Institutions whose names hold an election word but are not an election.
_INSTITUTION = re.compile(
    r"(komisi|badan pengawas|pengawas|penyelenggara|panitia|asas|undang-undang|perselisihan hasil)\s*$",
    re.IGNORECASE,
)
# "Pilbup Kutim tahun ini": the year of publication.
_THIS_YEAR = re.compile(r"^\s*(?:[A-Z][\w-]*\s+){0,2}tahun ini\b")
_VOTE_WORDS = re.compile(
    r"pemungutan suara|pencoblosan|hari pemilihan|memilih|digelar|dilaksanakan|berlangsung|"
    r"diselenggarakan|terlaksana|jatuh pada|pada tanggal|pada",
    re.IGNORECASE,
)


def find_dates(text: str) -> list[tuple[date, int, int]]:
    found = []
    for match in _LONG_DATE.finditer(text):
        day, month, year = int(match.group(1)), MONTHS[match.group(2).lower()], int(match.group(3))
        try:
            found.append((date(year, month, day), match.start(), match.end()))
        except ValueError:
            continue
    for match in _SHORT_DATE.finditer(text):
        try:
            year = int(match.group(3)) + (2000 if len(match.group(3)) == 2 else 0)
            found.append(
                (date(year, int(match.group(2)), int(match.group(1))), match.start(), match.end())
            )
        except ValueError:
            continue
    return sorted(found, key=lambda item: item[1])


def find_elections(doc: ArticleText) -> list[Election]:
    _patterns, law, implied = election_rules()
    body = doc.body
    reference = reference_day(doc)
    fallback_year = reference.year if reference else None
    words, kind_of, rank = election_words()
    undated = _undated_words()
    found: dict[tuple[str, int], Election] = {}
    dates = find_dates(body)  # sorted by offset: the dates near a mention are a slice
    date_offsets = [d[1] for d in dates]

    def dates_between(low: int, high: int) -> list[tuple[date, int, int]]:
        """The dates at offsets low <= offset < high (a slice, not a scan of every date)."""
        return dates[bisect_left(date_offsets, low) : bisect_left(date_offsets, high)]

    pending: list[tuple[str, re.Match[str], bool]] = []
    for text, offset_span in ((body, True), (doc.title, False)):
        # Type by type in the rules' order (specific races first), each left to right.
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter whose lowercase is longer: offsets would shift
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        mentions = sorted(
            ((kind_of[m.group(0)], m) for m in words.finditer(lowered)),
            key=lambda item: (rank[item[0]], item[1].start()),
        )
        for kind, match in mentions:
            if _INSTITUTION.search(text[max(0, match.start() - 25) : match.start()]):
                continue
            after = text[match.end() : match.end() + 60]
            year_match = _YEAR.match(after)
            year = int(year_match.group(1)) if year_match else None
            end = match.end() + (year_match.end() if year_match else 0)
            if year is None and fallback_year and (this_year := _THIS_YEAR.match(after)):
                year, end = fallback_year, match.end() + this_year.end()
            if year is None:
                # "Pemilu ... 14 Februari 2024" or a stated voting date close after.
                # Not a participant's word ("caleg"), not a reported day ("Sabtu (22/12/2018)")
                # unless the race is local: a re-vote's or a village's day is its voting day.
                near = [d for d in dates_between(match.end(), match.end() + 120)
                        if offset_span and 0 <= d[1] - match.end() < 120
                        and match.group(0) not in undated
                        and (kind in LOCAL_ONLY or not _WEEKDAY_BEFORE.search(text, max(0, d[1] - 12), d[1]))]
                year = near[0][0].year if near else None
            if year is None:
                pending.append((kind, match, offset_span))
                continue
            voting = None
            source = None
            if offset_span:
                window = [d for d in dates_between(end - 39, end + 140)
                          if -40 < d[1] - end < 140 and d[0].year == year]
                context = body[max(0, match.start() - 60) : end + 140]
                if window and _VOTE_WORDS.search(context):
                    voting, source = window[0][0], "text"
            if kind in law and year in law[kind]:
                voting, source = law[kind][year], "law"
            key = (kind, year)
            span = (match.start(), end) if offset_span else None
            if key not in found or (found[key].voting_date is None and voting):
                found[key] = Election(
                    kind,
                    year,
                    voting,
                    None,
                    source,
                    span if key not in found else found[key].span or span,
                )
    # A race named without a year ("pemilihan bupati") belongs to the year the article's other
    # election mentions give (the year of publication when it is one of them), else to the
    # year of publication. The legislative and presidential votes are the general election's:
    # they take its year, and a bare "pemilu" is the institution or the idea, not a vote.
    # A race with national rounds and no year written is the round nearest to the day of the
    # article (publication, else its latest date): "Pilkada" in February 2025 is 2024's.
    years = Counter(year for (_kind, year) in found)
    default_year = (
        fallback_year
        if fallback_year in years
        else years.most_common(1)[0][0]
        if years
        else fallback_year
    )
    general = sorted(year for kind, year in found if kind == "pemilu")
    bare_pemilu = None
    for kind, match, offset_span in pending:
        nearest = _nearest_round(law.get(kind, {}), reference)
        if kind in LOCAL_ONLY:  # a re-vote or a village race is of its own year, not a round's
            if any(k == kind for k, _y in found):
                continue  # a bare "Pilkades" beside "Pilkades 2023" is that one
            year = fallback_year
        elif kind in {"pileg", "pilpres"}:
            year = general[-1] if general else nearest
        else:
            year = nearest if nearest and (not years or nearest in years) else default_year
        if kind == "pemilu":
            bare_pemilu = bare_pemilu or (nearest, match, offset_span)
            continue
        # A bare "Pilkada" beside "Pilkada 2020 lalu" in a 2024 story is 2024's; beside
        # "Pilkada 2024" it is that one.
        if year is None or any(
            k == kind and (y >= year or year != fallback_year) for k, y in found
        ):
            continue
        voting = law.get(kind, {}).get(year)
        found[(kind, year)] = Election(
            kind,
            year,
            voting,
            None,
            "law" if voting else None,
            (match.start(), match.end()) if offset_span else None,
        )
    if not found and reference is not None:
        # No race named: candidates for a seat imply it ("pasangan calon Gubernur PBD").
        for kind, pattern in implied:
            match = pattern.search(body) or pattern.search(doc.title)
            year = _nearest_round(law.get(kind, {}), reference) or (
                reference.year if kind == "pilkades" else None
            )
            if match is not None and year and not any(k == kind for k, _y in found):
                span = (match.start(), match.end()) if pattern.search(body) else None
                voting = law.get(kind, {}).get(year)
                found[(kind, year)] = Election(
                    kind, year, voting, None, "law" if voting else None, span
                )
                break
    if not found and bare_pemilu and bare_pemilu[0]:
        # An article about "Pemilu" with no race and no year is about the nearest general election.
        year, match, offset_span = bare_pemilu
        found[("pemilu", year)] = Election(
            "pemilu",
            year,
            law["pemilu"].get(year),
            None,
            "law",
            (match.start(), match.end()) if offset_span else None,
        )
    return list(found.values())


LOCAL_ONLY = {"psu", "pilkades"}
@lru_cache(maxsize=1)
def _undated_words() -> frozenset[str]:
    """Election words that name a participant or a district, not the race: a date near them
    is not the race's ("caleg … 28 November 2023")."""
    return frozenset(w.lower() for w in load_rules("elections.yaml", ("types",)).get("undated", []))


ROUND_WINDOW_DAYS = 450  # a bare race name means a national round at most this far from the article


def _nearest_round(rounds: dict[int, date], reference: date | None) -> int | None:
    if not rounds or reference is None:
        return None
    year, day = min(rounds.items(), key=lambda item: abs((item[1] - reference).days))
    return year if abs((day - reference).days) <= ROUND_WINDOW_DAYS else None


def reference_day(doc: ArticleText) -> date | None:
    """The day an article speaks from: its publication, else the latest date it writes (a
    stored copy without its date line still dates its events: "Rabu (5/2/2025)")."""
    if doc.published_at is not None:
        return doc.published_at.date()
    dates = find_dates(doc.body) + find_dates(doc.title)
    # A date after a weekday is the day of something reported ("Rabu (13/11/2024)"); others are
    # often schedules ("pemungutan suara 14 Februari 2024"), later than the article.
    reported = [
        d
        for text in (doc.body, doc.title)
        for d, start, _e in find_dates(text)
        if _WEEKDAY_BEFORE.search(text, max(0, start - 12), start)
    ]
    written = reported or [d for d, _s, _e in dates]
    return max(written) if written else None


_WEEKDAY_BEFORE = re.compile(
    r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu)\b[\s,(]*(?:tanggal\s+)?$", re.IGNORECASE
)


# Races held by one region: their voting day is local, learned from the text, and their row
# in the elections calendar is per region. Pilkada, Pemilu, Pileg and Pilpres are national.
LOCAL_RACES = {
    "pilkades": "regency",
    "pilbup": "regency",
    "pilwali": "regency",
    "psu": "regency",
    "pilgub": "province",
}


def scope_elections(
    elections: list[Election], regions: list[Region], home: str | None
) -> list[Election]:
    """Give local races the region they are held in: the article's main regency (or its
    province for a governor's race)."""
    main = next(
        (r.code for r in regions if r.role == "event_location" and r.level == "regency"),
        next((r.code for r in regions if r.role == "subject" and r.level == "regency"), home),
    )
    scoped = []
    for election in elections:
        level = LOCAL_RACES.get(election.type)
        scope = None
        if level and main:
            scope = main.split(".")[0] if level == "province" else (main if "." in main else None)
        scoped.append(
            Election(
                election.type,
                election.year,
                election.voting_date,
                scope,
                election.date_source,
                election.span,
            )
        )
    return scoped
