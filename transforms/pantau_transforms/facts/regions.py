"""Regions an article names, coded against Kemendagri, each with its role in the story.

event_location: where the reported event happened (the dateline, a venue's town, else the
region named most); subject: the region the story is about when that is elsewhere;
mentioned: the rest. Regions in "Baca juga" lines belong to other articles.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from pantau_transforms.article import INSERT_LINE, LEAD_CHARS, ArticleText, Span
from pantau_transforms.facts.places import (
    Place,
    context_only_forms,
    gazetteer,
    place_at,
    place_for,
    region_mentions,
    seat_place,
)
from pantau_transforms.spans import SpanSet


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str  # province | regency
    role: str  # event_location | subject | mentioned
    mention: str
    span: Span
    district_code: str | None = None


# maybe the outlet's name, then a dash, near the start of the body.
# "CELEBES POS, JAKARTA --" puts the outlet first: the part after the comma is tried too.
_DATELINE = re.compile(
    r"^[^\n]{0,40}?\b([A-Z][A-Z'-]{2,}(?: [A-Z][A-Z'-]{2,}){0,2})\b\s*"
    r"(?:,\s*([^–—\n]{0,40}?))?\s*(?:–|—|--|-)\s"
)
# "Serang -", "Kota Sorong, VoicePapua.com –", "Pontianak, aspirasipublik.com –": a dateline in
# title case, the town first.
_TITLE_DATELINE = re.compile(
    r"^((?:Kota |Kabupaten )?[A-Z][a-z'-]+(?: [A-Z][a-z'-]+){0,2})\s*"
    r"(?:,\s*([^–—\n]{0,40}?)|\s*\([^)\n]{1,30}\))?\s*(?:–|—|--|-)\s"
)
VENUE = re.compile(
    r"\b(?:di|bertempat di)\s+((?:Hotel|Aula|Gedung|Pendopo|Mandhapa|Kantor|Balai|Ruang|"
    r"Lapangan|Halaman|Econvention|GOR|Mapolres|Makodim|Hall)\b[^,.;()]{2,60})"
)


# A matter of the whole province: its government or police act, its election body does, or
# the headline is about the governor's race alone.
_PROVINCE_ACTOR = re.compile(
    r"\b(?:Pemprov|Pemerintah Provinsi|Polda|Sesprov|Sekretaris Provinsi|KPU Provinsi|"
    r"Bawaslu Provinsi|Pj Gubernur|Penjabat Gubernur)\b"
)
_REGENCY_POLICE = re.compile(r"\b(?:Ka|Waka)?[Pp]olres(?:ta|tabes)?\b|\b(?:Ka)?[Pp]olsek\b")
_PROVINCE_BODY = re.compile(r"\b(?:KPU|Bawaslu|DPRD|KIP)\)?\s+(?=[A-Z])")
_GOVERNOR_RACE = re.compile(r"\b(?:Pilgub|[Pp]emilihan [Gg]ubernur)\b")
_REGENCY_RACE = re.compile(
    r"\b(?:Pilbup|Pilwali|Pilkades|[Pp]emilihan [Bb]upati|[Pp]emilihan [Ww]ali ?[Kk]ota|"
    r"Bupati|Wali ?[Kk]ota)\b"
)


# A region's name that names something else: a street ("Jalan Medan Merdeka"), a university
# ("Universitas Papua"), a person ("Reni Syafrudin A. Banjar").
_NOT_A_REGION = re.compile(
    r"(?:\b[A-Z]\.\s|\b(?:Jalan|Jl\.?|Jln\.?|Gang|Universitas|Univ\.|UIN|IAIN|STAIN|Politeknik|"
    r"Institut|Bank|Radio|Harian|Stadion|Bandara|Pelabuhan)\s)$"
)


def _provincial(doc: ArticleText) -> bool:
    lead = doc.title + "\n" + doc.body[:LEAD_CHARS]
    actor = _PROVINCE_ACTOR.search(lead)
    # "Kapolres Ketapang, Polda Kalbar" and "Polres Tanah Karo, Polda Sumatera Utara" name the
    # Polda only to place a regency's police: the regency's matter, not the province's.
    if actor and not (actor.group(0) == "Polda" and _REGENCY_POLICE.search(lead)):
        return True
    for body in _PROVINCE_BODY.finditer(lead):  # "KPU Kaltim", "Bawaslu Provinsi Papua Pegunungan"
        found = place_at(lead, body.end(), doc.outlet_region_code, after_office=True)
        if found is not None and found[0].level == "province":
            return True
    return bool(_GOVERNOR_RACE.search(doc.title)) and not _REGENCY_RACE.search(doc.title)


_CLAUSE = re.compile(r"[^;(\n]{0,100}?(?=\.\s|[;(\n]|$)|[^.;(\n]{0,100}")


def _venue_place(body: str, home: str | None) -> tuple[Place, int] | None:
    """The region of the first venue — in its name ("Hotel Novotel Balikpapan") or right
    after it, before the clause ends ("di Aula Kantor Bupati, Sampang, Rabu …") — and where
    the venue stands in the body."""
    venue = VENUE.search(body)
    if venue is None:
        return None
    clause_end = _CLAUSE.match(body, venue.end()).end()
    # The most specific place wins: "Kantor Bawaslu Provinsi Maluku Utara, Kota Ternate" is
    # in Ternate.
    places = [
        p
        for form, start, end in region_mentions(body)
        if venue.start(1) <= start and end <= clause_end and (p := place_for(form, home))
    ]
    if places:
        return max(places, key=lambda p: p.level == "regency"), venue.start()
    return None


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:dan\s+|serta\s+)?|\s+dan\s+|\s+serta\s+|\s*/\s*)")


def _lead_list(body: str, place_of: Callable[[str], Place | None]) -> list[str]:
    """The regencies a lead lists one after another, when it lists two or more."""
    end = body.find("\n\n")
    lead = body[: min(end if end != -1 else len(body), LEAD_CHARS + 200)]
    best: list[str] = []
    run: list[str] = []
    last_end = None
    for _form, start, stop in region_mentions(body):
        if stop > len(lead):
            break
        place = place_of(lead[start:stop])
        if (
            place is None
            or place.level != "regency"
            or _NOT_A_REGION.search(lead, max(0, start - 14), start)
        ):
            continue
        joined = last_end is not None and _LIST_GAP.fullmatch(lead[last_end:start])
        run = [*run, place.code] if joined else [place.code]
        last_end = stop
        if len(set(run)) > len(best):
            best = list(dict.fromkeys(run))
    return best if len(best) >= 2 else []


# A roundup's paragraph opens on the place it reports: "Di Pringsewu, KPU menetapkan …",
# "Sementara di Kabupaten Mesuji, …", "Dari Pesisir Barat (Pesbar), …".
_PARAGRAPH_OPENER = re.compile(
    r"(?:^|\n)[ \t]*(?:(?:Sementara(?:\s+itu)?|Adapun|Kemudian|Lalu),?\s+)?(?:[Dd]i|[Dd]ari)\s+"
    r"(?:Kabupaten\s+|Kota\s+)?$"
)
_OPENER_CLOSES = re.compile(r"\s*(?:\([^()]{2,12}\))?\s*,")
_HAPPENED = re.compile(
    r"\b(?:terjadi|digelar|berlangsung|dilaksanakan|diselenggarakan|bertempat|melanda|merendam)"
    r"\s+(?:\w+\s+){0,2}?di\s+$",
    re.IGNORECASE,
)


def _happened_in(
    body: str, spans: list[tuple[int, int]], place_of: Callable[[str], Place | None]
) -> set[str]:
    """Regencies written right after "terjadi di", "digelar di", "melanda", or opening a
    paragraph of a roundup ("Di Pringsewu, …"): where it happened."""
    found = set()
    for start, end in spans:
        opens = _PARAGRAPH_OPENER.search(body, max(0, start - 40), start) and _OPENER_CLOSES.match(
            body, end
        )
        if (
            (_HAPPENED.search(body, max(0, start - 40), start) or opens)
            and (place := place_of(body[start:end]))
            and place.level == "regency"
        ):
            found.add(place.code)
    return found


def find_regions(doc: ArticleText) -> list[Region]:
    """Regions named in the body (not in "Baca juga" lines), with roles."""
    body = doc.body
    skip = SpanSet((m.start(), m.end()) for m in INSERT_LINE.finditer(body))
    mentions: dict[str, tuple[Place, str, Span]] = {}
    counts: Counter[str] = Counter()
    spans = [
        (s, e)
        for _f, s, e in region_mentions(body)
        if s not in skip
        and not _NOT_A_REGION.search(body, max(0, s - 14), s)
    ]
    forms = gazetteer()
    context = {
        places[0].code
        for s, e in spans
        if len(places := forms[" ".join(body[s:e].split()).lower()]) == 1
        and body[s:e].lower() not in context_only_forms()
    }
    provinces = {code.split(".")[0] for code in context} | {
        (doc.outlet_region_code or "").split(".")[0]
    }
    memo: dict[str, Place | None] = {}

    def place_of(mention: str) -> Place | None:  # the article's mentions, each read once
        if mention not in memo:
            memo[mention] = place_for(mention, doc.outlet_region_code, context)
        return memo[mention]

    for start, end in spans:
        place = place_of(body[start:end])
        if place is None or (
            body[start:end].lower() in context_only_forms()
            and place.code.split(".")[0] not in provinces
        ):
            continue
        counts[place.code] += 1
        mentions.setdefault(place.code, (place, body[start:end], (start, end)))
    for _form, start, end in region_mentions(doc.title):
        place = place_for(doc.title[start:end], doc.outlet_region_code)
        if place is not None and (
            doc.title[start:end].lower() not in context_only_forms()
            or place.code.split(".")[0] in provinces
        ):
            counts[place.code] += 2
            mentions.setdefault(place.code, (place, doc.title[start:end], None))
    # The event location: the town of a venue named in the lead ("di Hotel Novotel,
    # Balikpapan") — where it happened, even when the outlet writes from elsewhere — else the
    # dateline city, else a venue's town further down, else the region named most.
    venue_place = _venue_place(body, doc.outlet_region_code)
    location, from_dateline = None, False
    if venue_place is not None and venue_place[1] < LEAD_CHARS:
        location = venue_place[0].code
    if (dateline := _DATELINE.match(body) or _TITLE_DATELINE.match(body)) is not None:
        for group in (1, 2):
            written = dateline.group(group)
            if not written:
                continue
            place = place_for(
                written, doc.outlet_region_code, context, prefer_city=True
            ) or seat_place(written, set(counts), doc.outlet_region_code)
            if place is not None:
                from_dateline = location is None
                location = location or place.code
                counts[place.code] += 1
                mentions.setdefault(
                    place.code, (place, written, (dateline.start(group), dateline.end(group)))
                )
                break
    # "REPUBLIKA.CO.ID, JAKARTA — KPU Kabupaten Mukomuko, Bengkulu, mencoret …": a desk's
    # dateline, named nowhere after it, while the lead reports a regency of another province
    # (or of its own province, named again later, "Batam (ANTARA) - KPU Kabupaten Karimun"):
    # that regency is where it happened.
    if from_dateline and not any(
        (p := place_of(body[st:en])) is not None and p.code == location
        for st, en in spans
        if st >= dateline.end()
    ):
        elsewhere = [
            p.code
            for st, en in spans
            if dateline.end() <= st and en <= LEAD_CHARS
            and (p := place_of(body[st:en])) is not None
            and p.level == "regency"
            and p.code in mentions  # a form the article's reading kept, not a bare homonym
            and (p.code.split(".")[0] != location.split(".")[0] or counts[p.code] >= 2)
        ]
        if elsewhere:
            counts[location] = 1  # the desk's town: only mentioned
            location = elsewhere[0]
    if location is None and venue_place is not None:
        location = venue_place[0].code
    if location is None and counts:
        location = max(counts, key=lambda c: (counts[c], "." in c))
    # The subject: the region named most (the title counts double), other than the location,
    # named at least twice and up front (headline or lead). The province around the location
    # is the subject only of a province-wide matter: otherwise "Lotim, NTB" names the province
    # only to place the regency. A province-wide matter makes its province the subject.
    up_front = {
        code for code, (_p, _m, span) in mentions.items() if span is None or span[0] < LEAD_CHARS
    }
    up_front |= {
        p.code
        for _f, st, en in region_mentions(body)
        if en <= LEAD_CHARS and (p := place_of(body[st:en]))
    }
    provincial = _provincial(doc)
    home_province = (location or doc.outlet_region_code or "").split(".")[0]
    candidates = [
        c
        for c in counts
        if c != location
        and counts[c] >= 2
        and c in up_front
        and ("." in c or provincial or not (location or "").startswith(c + "."))
    ]
    if provincial and home_province in counts and home_province != location:
        candidates = [home_province]
    subject = max(candidates, key=lambda c: (counts[c], "." not in c)) if candidates else None
    # A lead that lists regencies ("Hulu Sungai Utara, Hulu Sungai Tengah dan Hulu Sungai
    # Selatan") reports them all: they are where it happened, whatever town the dateline
    # names, and their province is the subject.
    listed = _lead_list(body, place_of)
    subjects = {subject} if subject else set()
    if listed:
        if location not in listed:
            location = listed[0]
        subjects = set(listed) - {location}
        provinces = {code.split(".")[0] for code in listed}
        if len(provinces) == 1 and (province := provinces.pop()) in mentions:
            subjects.add(province)
    # Further down, a regency where something is said to happen ("terjadi di Kabupaten
    # Sambas") is what the story is about too. (Regencies a later sentence merely lists are
    # not: "Bone, Gowa dan Toraja Utara mendapat perhatian" names them in passing.)
    subjects |= {code for code in _happened_in(body, spans, place_of) if code != location}
    found = []
    for code, (place, mention, span) in mentions.items():
        role = (
            "event_location" if code == location else "subject" if code in subjects else "mentioned"
        )
        found.append(
            Region(
                code=code,
                name=place.name,
                level=place.level,
                role=role,
                mention=mention,
                span=span,
                district_code=place.district_code,
            )
        )
    return found
