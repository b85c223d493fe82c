"""Regions an article names, coded against Kemendagri, each with its role in the story.

event_location: where the reported event happened (the dateline, a venue's town, else the
region named most); subject: the region the story is about when that is elsewhere;
mentioned: the rest. Regions in "Baca juga" lines belong to other articles.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pantau_transforms.article import INSERT_LINE, LEAD_CHARS, ArticleText, Span
from pantau_transforms.places import Place, gazetteer, place_for, region_mentions, seats


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
_DATELINE = re.compile(r"^[^\n]{0,40}?\b([A-Z][A-Z'-]{2,}(?: [A-Z][A-Z'-]{2,}){0,2})\b\s*"
                       r"(?:,\s*([^–—\n]{0,40}?))?\s*(?:–|—|--|-)\s")
VENUE = re.compile(r"\b(?:di|bertempat di)\s+((?:Hotel|Aula|Gedung|Pendopo|Mandhapa|Kantor|Balai|Ruang|"
                    r"Lapangan|Halaman|Econvention|GOR|Mapolres|Makodim|Hall)\b[^,.;()]{2,60})")


# A matter of the whole province: its government, its election bodies or police act, or the
# governor's race is the news.
_PROVINCIAL = re.compile(r"\b(?:Pemprov|Pemerintah Provinsi|Provinsi \w+(?: \w+)? menggelar|KPU Provinsi|"
                         r"Bawaslu Provinsi|Polda|Pilgub|[Pp]emilihan [Gg]ubernur|Gubernur)\b")


def find_regions(doc: ArticleText) -> list[Region]:
    """Regions named in the body (not in "Baca juga" lines), with roles."""
    body = doc.body
    skip = [(m.start(), m.end()) for m in INSERT_LINE.finditer(body)]
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
    if location is None and (venue := VENUE.search(body)):
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
