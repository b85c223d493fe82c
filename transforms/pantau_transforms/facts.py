"""Election facts of one article: regions, elections, events (with evidence spans).

Rules are data (``rules/elections.yaml``, ``rules/events.yaml``, ``rules/regions/*.csv``);
this module compiles them once and applies them. Spans are offsets into ``ArticleText.body``.
Persons, quotes and quantities come in their own modules as they grow; the shapes are fixed
here so the warehouse tables stay stable.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pantau_transforms.article import ArticleText
from pantau_transforms.names import name_key as person_match_key  # noqa: F401 - re-exported
from pantau_transforms.places import gazetteer, place_for, region_mentions, seats

RULES = Path(__file__).with_name("rules")

Span = tuple[int, int] | None


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str  # province | regency
    role: str  # event_location | subject | mentioned
    mention: str
    span: Span
    district_code: str | None = None


@dataclass(frozen=True)
class Election:
    type: str
    year: int
    voting_date: date | None
    scope_region_code: str | None
    date_source: str | None  # law | text
    span: Span


@dataclass(frozen=True)
class Event:
    type: str
    date: date | None
    date_text: str | None
    venue: str | None
    region_code: str | None
    election_type: str | None
    election_year: int | None
    topics: list[str]
    confidence: float
    span: Span


@dataclass(frozen=True)
class ArticleFacts:
    regions: list[Region] = field(default_factory=list)
    elections: list[Election] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    persons: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    quantities: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        def plain(item: Any) -> dict[str, Any]:
            data = asdict(item) if not isinstance(item, dict) else dict(item)
            return {k: (v.isoformat() if isinstance(v, date) else list(v) if isinstance(v, tuple) else v)
                    for k, v in data.items()}
        return {name: [plain(item) for item in getattr(self, name)]
                for name in ("events", "elections", "regions", "persons", "quotes", "quantities")}


# --- regions ---------------------------------------------------------------------------------

# "PAMEKASAN, Madura Terkini –", "SELONG –", "Outlet.com] SAMARINDA –": a place in capitals,
# maybe the outlet's name, then a dash, near the start of the body.
# "CELEBES POS, JAKARTA --" puts the outlet first: the part after the comma is tried too.
_DATELINE = re.compile(r"^[^\n]{0,40}?\b([A-Z][A-Z'-]{2,}(?: [A-Z][A-Z'-]{2,}){0,2})\b\s*"
                       r"(?:,\s*([^–—\n]{0,40}?))?\s*(?:–|—|--|-)\s")
_BOILERPLATE_LINE = re.compile(r"^(baca juga|lihat juga|simak juga)\b", re.IGNORECASE)
_VENUE = re.compile(r"\b(?:di|bertempat di)\s+((?:Hotel|Aula|Gedung|Pendopo|Mandhapa|Kantor|Balai|Ruang|"
                    r"Lapangan|Halaman|Econvention|GOR|Mapolres|Makodim|Hall)\b[^,.;()]{2,60})")


# A matter of the whole province: its government, its election bodies or police act, or the
# governor's race is the news.
_PROVINCIAL = re.compile(r"\b(?:Pemprov|Pemerintah Provinsi|Provinsi \w+(?: \w+)? menggelar|KPU Provinsi|"
                         r"Bawaslu Provinsi|Polda|Pilgub|[Pp]emilihan [Gg]ubernur|Gubernur)\b")


def find_regions(doc: ArticleText) -> list[Region]:
    """Regions named in the body (not in "Baca juga" lines), with roles."""
    body = doc.body
    skip = [(m.start(), m.end()) for m in re.finditer(r"(?im)^(?:baca juga|lihat juga|simak juga)\b.*$", body)]
    mentions: dict[str, tuple[Place, str, Span]] = {}
    counts: Counter[str] = Counter()
    spans = [(s, e) for _f, s, e in region_mentions(body) if not any(a <= s < b for a, b in skip)]
    forms = gazetteer()
    context = {places[0].code for s, e in spans
               if len(places := forms[" ".join(body[s:e].split()).lower()]) == 1}
    for start, end in spans:
        place = place_for(body[start:end], doc.outlet_region_code, context)
        if place is None:
            continue
        counts[place.code] += 1
        mentions.setdefault(place.code, (place, body[start:end], (start, end)))
    for _form, start, end in region_mentions(doc.title):
        place = place_for(doc.title[start:end], doc.outlet_region_code)
        if place is not None:
            counts[place.code] += 2
            mentions.setdefault(place.code, (place, doc.title[start:end], None))
    # The event location: the dateline city, else the place of a venue, else the most named.
    location = None
    if (dateline := _DATELINE.match(body)) is not None:
        for group in (1, 2):
            written = dateline.group(group)
            if not written:
                continue
            place = (place_for(written, doc.outlet_region_code, context)
                     or seats().get(" ".join(written.split()).lower()))
            if place is not None:
                location = place.code
                counts[place.code] += 1
                mentions.setdefault(place.code, (place, written, (dateline.start(group), dateline.end(group))))
                break
    if location is None and (venue := _VENUE.search(body)):
        tail = body[venue.end(): venue.end() + 80]
        near = region_mentions(tail)
        if near and (place := place_for(near[0][0], doc.outlet_region_code)):
            location = place.code
    if location is None and counts:
        location = max(counts, key=lambda c: (counts[c], "." in c))
    # The subject: the region named most (the title counts double), other than the location,
    # named at least twice. The province around the location is the subject only of a
    # province-wide matter (a governor's race, a meeting the province holds): otherwise
    # "Lotim, NTB" names the province only to place the regency.
    provincial = _PROVINCIAL.search(doc.title + "\n" + body[:LEAD_CHARS]) is not None
    candidates = [c for c in counts if c != location and counts[c] >= 2 and (
        "." in c or provincial or not (location or "").startswith(c + "."))]
    subject = max(candidates, key=lambda c: (counts[c], "." not in c)) if candidates else None
    found = []
    for code, (place, mention, span) in mentions.items():
        role = "event_location" if code == location else "subject" if code == subject else "mentioned"
        found.append(Region(code=code, name=place.name, level=place.level, role=role,
                            mention=mention, span=span, district_code=place.district_code))
    return found


# --- elections --------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def election_rules() -> tuple[list[tuple[str, re.Pattern[str]]], dict[str, dict[int, date]]]:
    data = yaml.safe_load((RULES / "elections.yaml").read_text(encoding="utf-8"))
    if not data.get("types"):
        raise ValueError(f"{RULES / 'elections.yaml'}: no election types")
    patterns = [(kind, re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)",
                                  re.IGNORECASE))
                for kind, words in data["types"].items()]
    dates = {kind: {int(y): (d if isinstance(d, date) else date.fromisoformat(str(d)))
                    for y, d in years.items()}
             for kind, years in data["national_voting_dates"].items()}
    return patterns, dates


MONTHS = {"januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6,
          "juli": 7, "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11,
          "desember": 12}
_LONG_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_SHORT_DATE = re.compile(r"\((\d{1,2})/(\d{1,2})/(\d{4})\)")
# The year after an election word, maybe past a region name: "Pilbup Sampang 2024",
# "Pilkada Serentak Tahun 2024".
_YEAR = re.compile(r"^\s*(?:(?:serentak|tahun|[A-Z][\w-]*)\s+){0,3}((?:19|20)\d{2})\b")
# Institutions whose names hold an election word but are not an election.
_INSTITUTION = re.compile(r"(komisi|badan pengawas|pengawas|penyelenggara|panitia|asas|undang-undang)\s*$",
                          re.IGNORECASE)
_VOTE_WORDS = re.compile(r"pemungutan suara|pencoblosan|hari pemilihan|digelar|dilaksanakan|berlangsung|"
                         r"diselenggarakan|terlaksana|jatuh pada|pada tanggal|pada", re.IGNORECASE)


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
            found.append((date(int(match.group(3)), int(match.group(2)), int(match.group(1))),
                          match.start(), match.end()))
        except ValueError:
            continue
    return sorted(found, key=lambda item: item[1])


def find_elections(doc: ArticleText) -> list[Election]:
    patterns, law = election_rules()
    body = doc.body
    fallback_year = doc.published_at.year if doc.published_at else None
    taken: list[tuple[int, int]] = []
    found: dict[tuple[str, int], Election] = {}
    dates = find_dates(body)
    pending: list[tuple[str, re.Match[str], bool]] = []
    for text, offset_span in ((body, True), (doc.title, False)):
        for kind, pattern in patterns:
            for match in pattern.finditer(text):
                if offset_span and any(a <= match.start() < b for a, b in taken):
                    continue
                if _INSTITUTION.search(text[max(0, match.start() - 25): match.start()]):
                    continue
                if offset_span:
                    taken.append((match.start(), match.end()))
                after = text[match.end(): match.end() + 30]
                year_match = _YEAR.match(after)
                year = int(year_match.group(1)) if year_match else None
                end = match.end() + (year_match.end() if year_match else 0)
                if year is None:
                    # "Pemilu ... 14 Februari 2024" or a stated voting date close after.
                    near = [d for d in dates if offset_span and 0 <= d[1] - match.end() < 120]
                    year = near[0][0].year if near else None
                if year is None:
                    pending.append((kind, match, offset_span))
                    continue
                voting = None
                source = None
                if offset_span:
                    window = [d for d in dates if -40 < d[1] - end < 140 and d[0].year == year]
                    context = body[end: end + 140]
                    if window and _VOTE_WORDS.search(context):
                        voting, source = window[0][0], "text"
                if kind in law and year in law[kind]:
                    voting, source = law[kind][year], "law"
                key = (kind, year)
                span = (match.start(), end) if offset_span else None
                if key not in found or (found[key].voting_date is None and voting):
                    found[key] = Election(kind, year, voting, None, source, span if key not in found
                                          else found[key].span or span)
    # A race named without a year ("pemilihan bupati") belongs to the year the article's other
    # election mentions give, else to the year of publication.
    years = Counter(year for (_kind, year) in found)
    default_year = years.most_common(1)[0][0] if years else fallback_year
    for kind, match, offset_span in pending:
        if (default_year is None or kind in {"pemilu", "pileg", "pilpres"}
                or any(k == kind for k, _y in found)):
            continue
        voting = law.get(kind, {}).get(default_year)
        found[(kind, default_year)] = Election(
            kind, default_year, voting, None, "law" if voting else None,
            (match.start(), match.end()) if offset_span else None)
    return list(found.values())


# Races held by one region: their voting day is local, learned from the text, and their row
# in the elections calendar is per region. Pilkada, Pemilu, Pileg and Pilpres are national.
LOCAL_RACES = {"pilkades": "regency", "pilbup": "regency", "pilwali": "regency", "psu": "regency",
               "pilgub": "province"}


def scope_elections(elections: list[Election], regions: list[Region],
                    home: str | None) -> list[Election]:
    """Give local races the region they are held in: the article's main regency (or its
    province for a governor's race)."""
    main = next((r.code for r in regions if r.role == "event_location" and r.level == "regency"),
                next((r.code for r in regions if r.role == "subject" and r.level == "regency"), home))
    scoped = []
    for election in elections:
        level = LOCAL_RACES.get(election.type)
        scope = None
        if level and main:
            scope = main.split(".")[0] if level == "province" else (main if "." in main else None)
        scoped.append(Election(election.type, election.year, election.voting_date, scope,
                               election.date_source, election.span))
    return scoped


# --- events -----------------------------------------------------------------------------------

def _words(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def event_rules() -> tuple[dict[str, re.Pattern[str]], list[str], re.Pattern[str]]:
    data = yaml.safe_load((RULES / "events.yaml").read_text(encoding="utf-8"))
    if not data.get("types") or not data.get("case_words"):
        raise ValueError(f"{RULES / 'events.yaml'}: no event types or case words")
    types = {kind: _words(words) for kind, words in data["types"].items()}
    return types, list(data.get("case_types", [])), _words(data["case_words"])


# The day of a reported event: Indonesian news writes it with the weekday, "Rabu (13/11/2024)"
# or "Senin, 4 Maret 2024"; dates without a weekday are usually schedules (voting day).
_WEEKDAY_DATE = re.compile(
    r"\b(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu)\s*(?:\((\d{1,2})/(\d{1,2})/(\d{4})\)|"
    r",?\s*(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4}))", re.IGNORECASE)
# Relative days, resolved against the publication date; vaguer ones ("belum lama ini",
# "pekan lalu") leave the day unknown.
RELATIVE_DAYS = {"kemarin": -1, "hari ini": 0, "kemarin lusa": -2, "tadi pagi": 0, "tadi malam": 0}
_RELATIVE = re.compile(r"\b(" + "|".join(sorted(RELATIVE_DAYS, key=len, reverse=True)) + r")\b",
                       re.IGNORECASE)


def event_day(doc: ArticleText) -> tuple[date | None, str | None]:
    """(day, words) of the reported event, from the first weekday date or relative day."""
    match = _WEEKDAY_DATE.search(doc.body)
    if match:
        try:
            if match.group(1):
                day = date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
            else:
                day = date(int(match.group(6)), MONTHS[match.group(5).lower()], int(match.group(4)))
            return day, match.group(0)
        except ValueError:
            pass
    relative = _RELATIVE.search(doc.body)
    if relative and doc.published_at is not None:
        offset = RELATIVE_DAYS[relative.group(1).lower()]
        return doc.published_at.date() + timedelta(days=offset), relative.group(0)
    return None, None


TITLE_WEIGHT = 3  # a signal word in the headline counts as three in the body
LEAD_CHARS = 400  # the lead: about two sentences


def find_events(doc: ArticleText, regions: list[Region], elections: list[Election]) -> list[Event]:
    if not elections:
        return []  # Pantau's events are election events; a flood report has none
    rules, case_types, case_words = event_rules()
    scores: Counter[str] = Counter()
    first_hit: dict[str, tuple[int, int]] = {}
    # Where a word stands says how much it tells: the headline most, the lead next (the first
    # paragraph, or its first sentences when the whole article is one paragraph).
    lead_end = doc.body.find("\n\n")
    lead_end = min(len(doc.body) if lead_end == -1 else lead_end, LEAD_CHARS)
    for kind, pattern in rules.items():
        hits = list(pattern.finditer(doc.body))
        scores[kind] += (len(hits) + sum(1 for h in hits if h.start() < lead_end)
                         + TITLE_WEIGHT * len(pattern.findall(doc.title)))
        if hits:
            first_hit[kind] = (hits[0].start(), hits[0].end())
    topics = sorted(k for k in ("asn_neutrality", "logistics", "security") if scores[k])
    if not scores or max(scores.values()) == 0:
        kind, confidence = "other", 0.3
    else:
        kind, top = scores.most_common(1)[0]
        confidence = round(min(1.0, top / (sum(scores.values()) or 1) + 0.2), 2)
        meeting = rules["coordination_meeting"]
        if meeting.search(doc.title) or meeting.search(doc.body[:lead_end]):
            kind, confidence = "coordination_meeting", max(confidence, 0.7)
    kinds = [(kind, confidence)]
    if case_words.search(doc.body):
        for extra in case_types:
            if extra != kind and len(rules[extra].findall(doc.body)) >= 2:
                kinds.append((extra, 0.6))
    return [_event(doc, k, c, first_hit.get(k), regions, elections, topics) for k, c in kinds]


def _event(doc: ArticleText, kind: str, confidence: float, span: Span, regions: list[Region],
           elections: list[Election], topics: list[str]) -> Event:
    if span:  # widen the evidence to the sentence holding the signal word
        sentence_end = doc.body.rfind(". ", 0, span[0])
        start = max(sentence_end + 2 if sentence_end != -1 else 0,
                    doc.body.rfind("\n", 0, span[0]) + 1)
        stop = doc.body.find(". ", span[1])
        span = (start, stop + 1 if stop != -1 else len(doc.body))
    event_date, date_text = event_day(doc)
    venue = _VENUE.search(doc.body)
    location = next((r.code for r in regions if r.role == "event_location"), None)
    election = elections[0] if elections else None
    return Event(type=kind, date=event_date, date_text=date_text,
                 venue=venue.group(1).strip() if venue else None, region_code=location,
                 election_type=election.type if election else None,
                 election_year=election.year if election else None,
                 topics=[t for t in topics if t != kind], confidence=confidence, span=span)


def extract_facts(doc: ArticleText) -> ArticleFacts:
    """All facts of one article."""
    from pantau_transforms.persons import find_persons
    from pantau_transforms.quantities import find_quantities
    from pantau_transforms.quotes import find_quotes

    regions = find_regions(doc)
    elections = scope_elections(find_elections(doc), regions, doc.outlet_region_code)
    events = find_events(doc, regions, elections)
    home = next((r.code for r in regions if r.role == "event_location"), doc.outlet_region_code)
    persons = find_persons(doc.body, doc.title, home)
    return ArticleFacts(regions=regions, elections=elections, events=events, persons=persons,
                        quotes=find_quotes(doc.body, persons),
                        quantities=find_quantities(doc.body))
