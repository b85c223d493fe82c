"""Persons named with an office in Indonesian news text, aliases resolved within the article.

Indonesian news names an official in two ways: the office first ("Pj Bupati Wajo Andi
Bataralifu", "Ketua KPU Pamekasan, Mahdi,") or the name first ("Muh. Awal Idris, Ketua KPU
Parepare,", "Ahmad selaku Camat"). Later mentions shorten the name ("Sekda Juaini", "Agus",
"AHK"). The offices, acting prefixes and ranks are data (``rules/offices.yaml``); this module
reads names around them and folds the short forms into one person per article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pantau_transforms.article import INSERT_LINE
from pantau_transforms.facts.lexicon import alternation, load_rules
from pantau_transforms.facts.names import Name, name_at, name_before, name_key, name_words
from pantau_transforms.facts.places import Place, district_names, gazetteer, place_at
from pantau_transforms.spans import SpanSet


@dataclass(frozen=True)
class Office:
    canonical: str
    institution: str | None
    level: str  # province | regency | district | village | national
    place_follows: bool


@dataclass(frozen=True)
class OfficeRules:
    pattern: re.Pattern[str]  # acting prefix? + office form, whole words
    offices: dict[str, Office]  # written form -> office
    acting: dict[str, str]  # written acting prefix -> canonical ("Penjabat (Pj)" -> "Pj")
    national: frozenset[str]
    stop: frozenset[str]  # first words of office forms: a name never runs into an office
    division: re.Pattern[str]  # "Koordinator Divisi Hukum KPU": a member of the body
    division_bodies: dict[str, str]  # body -> its member office
    party: re.Pattern[str]  # post, level, party
    parties: dict[str, str]  # written party -> canonical
    staff: re.Pattern[str]  # "Kasubdit Gakkum": a staff head and its unit
    first_words: frozenset[str]  # the words an office or an acting prefix starts with


@lru_cache(maxsize=1)
def office_rules() -> OfficeRules:
    """Compile the office lexicon once; a missing group is an error, not an empty match."""
    data = load_rules(
        "offices.yaml",
        (
            "acting",
            "offices",
            "generic_heads",
            "national_regions",
            "division_heads",
            "division_bodies",
            "staff_heads",
            "party_posts",
            "party_levels",
            "parties",
        ),
    )
    # A form led by a word in lowercase_ok is also written with that word in lowercase
    # ("calon bupati", "anggota DPRD", "pengamat politik").
    lowercase_ok = frozenset(data.get("lowercase_ok", []))
    offices: dict[str, Office] = {}
    for key, spec in data["offices"].items():
        # canonical: the key unless the entry names it (two entries of one office); as_written:
        # each form is its own office ("Menteri Pertanian").
        canonical = spec.get("canonical", key)
        for form in [*([key] if "canonical" not in spec else []), *spec.get("forms", [])]:
            written = acronym.group(1) if (acronym := re.search(r"\(([^()]+)\)", form)) else form
            office = Office(
                written if spec.get("as_written") else canonical,
                spec.get("institution"),
                spec.get("level", "regency"),
                bool(spec.get("place_follows")),
            )
            offices[form] = office
            if form.split()[0] in lowercase_ok:
                offices.setdefault(form[0].lower() + form[1:], office)
                offices.setdefault(form.lower(), office)
    acting = {form: name for name, forms in data["acting"].items() for form in forms}
    heads = alternation(data["generic_heads"])
    # "Kepala BKPSDM", "Kadis PMD", "Kepala Dinas Pemberdayaan Masyarakat dan Desa (DPMD)":
    # an agency acronym after a head word is an office too.
    generic = (
        rf"(?:{heads})\s+(?:(?:Dinas|Badan|Kantor)(?:\s+(?:[A-Z][a-z]+|dan)){{1,7}}\s*"
        rf"\([A-Z][A-Za-z]{{2,10}}\)|(?:Dinas\s+|Badan\s+)?[A-Z][A-Z]{{2,}}[a-z]*"
        rf"|(?:Dinas|Badan)(?:\s+(?:[A-Z][a-z]{{2,}}|dan)){{1,6}})"
    )
    division = (
        rf"(?:{alternation(data['division_heads'])})(?:\s*,|\s+(?:[A-Za-z]+|&)){{1,12}}?"
        rf"\s+(?:{alternation(data['division_bodies'])})"
    )
    ranks = alternation(name_words().ranks)
    # "Kasubdit Gakkum", "Kabid Pengangkatan dan Pemberhentian": a staff head and its unit.
    staff = (
        rf"(?:{alternation(data['staff_heads'])})\s+(?!(?:{ranks})\b)[A-Z][A-Za-z]{{1,12}}"
        rf"(?:\s+dan\s+[A-Z][A-Za-z]{{2,14}})?"
    )
    parties = {form: party for party, forms in data["parties"].items() for form in forms}
    party = (
        rf"(?:{alternation(data['party_posts'])})\s+(?:(?:{alternation(data['party_levels'])})\s+)?"
        rf"(?:{alternation(parties)})"
    )
    # "Pjs (Penjabat Sementara) Bupati": the acting prefix may carry its own expansion.
    pattern = re.compile(
        rf"(?<![\w-])(?:({alternation(acting)})(?:\s*\([A-Za-z ]{{3,30}}\))?\s+)?"
        rf"({party}|{division}|{alternation(offices)}|{staff}|{generic})(?![\w-])"
    )
    # First words of offices end a name, except those that are also people's names ("Abdul
    # Aziz Hakim").
    stop = frozenset(
        form.split()[0]
        for form in [
            *offices,
            *acting,
            *data["generic_heads"],
            *data["staff_heads"],
            *data["division_heads"],
        ]
    ) - frozenset(data.get("name_words", []))
    return OfficeRules(
        pattern,
        offices,
        acting,
        frozenset(data["national_regions"]),
        stop,
        re.compile(division),
        dict(data["division_bodies"]),
        re.compile(
            rf"({alternation(data['party_posts'])})\s+(?:({alternation(data['party_levels'])})\s+)?"
            rf"({alternation(parties)})"
        ),
        parties,
        re.compile(staff),
        frozenset(
            re.match(r"[A-Za-z]+", form).group(0)
            for form in [
                *offices,
                *acting,
                *data["generic_heads"],
                *data["staff_heads"],
                *data["division_heads"],
                *data["party_posts"],
            ]
        ),
    )


def office_of(written: str) -> Office:
    """The office a written form names: a listed one, a division member ("Komisioner KPU"), a
    party post ("Ketua DPC PDI Perjuangan"), a staff head as written ("Kasubdit Gakkum"), or
    an agency head ("Kepala <ACRONYM>")."""
    rules = office_rules()
    if written in rules.offices:
        return rules.offices[written]
    if rules.division.fullmatch(written):
        body = written.split()[-1].strip("()")
        return rules.offices[rules.division_bodies[body]]
    if party := rules.party.fullmatch(written):
        post, level, name = party.groups()
        level = {
            "Dewan Pimpinan Cabang": "DPC",
            "Dewan Pimpinan Daerah": "DPD",
            "Dewan Pimpinan Wilayah": "DPW",
            "Dewan Pimpinan Pusat": "DPP",
        }.get(level or "", level)
        canonical = " ".join(w for w in (post, level, rules.parties[name]) if w)
        return Office(canonical, rules.parties[name] + " {region}", "regency", place_follows=False)
    if rules.staff.fullmatch(written):
        return Office(written, None, "regency", place_follows=False)
    head, agency = written.split(None, 1)
    if acronym := re.search(r"\(([^()]+)\)", written):
        agency = acronym.group(1)
    elif head != "Kepala":  # "Kadis Kesehatan" is "Kepala Dinas Kesehatan"
        agency = f"Dinas {agency}" if head == "Kadis" else f"Badan {agency}"
    agency = _agencies().get(agency, agency)
    return Office(f"Kepala {agency}", agency + " {region}", "regency", place_follows=False)


@lru_cache(maxsize=1)
def _agencies() -> dict[str, str]:
    return dict(load_rules("offices.yaml", ("agencies",))["agencies"])


@lru_cache(maxsize=4)  # the article at hand: persons and quotes both read its offices
def office_matches(text: str) -> tuple[re.Match[str], ...]:
    """Every office written in the text, left to right, not overlapping (as ``finditer``).

    The office pattern is an alternation of hundreds of forms: it is tried only where a word
    that starts some form stands, found by a dict lookup per word.
    """
    rules = office_rules()
    found = []
    reach = 0
    for word in _WORD_START.finditer(text):
        if word.start() < reach or word.group(0) not in rules.first_words:
            continue
        if match := rules.pattern.match(text, word.start()):
            found.append(match)
            reach = match.end()
    return tuple(found)


_WORD_START = re.compile(r"(?<![\w-])[A-Za-z]+")


@lru_cache(maxsize=4096)
def canonical_office(written: str | None) -> str | None:
    """The canonical short form of a written office, acting prefix kept; unknown text as is."""
    if not written:
        return written
    rules = office_rules()
    written = " ".join(written.split())
    match = rules.pattern.fullmatch(written)
    if match is None:
        # "Kapolres Badung", "Ketua KPU Kabupaten Sijunjung": an office and the region it serves.
        match = rules.pattern.match(written)
        rest = written[match.end() :].strip(" ,") if match else ""
        if match is None or not (
            rest in rules.national or rest.lower() in gazetteer() or _REGION_WORDS.fullmatch(rest)
        ):
            return written
    office = office_of(match.group(2)).canonical
    acting = rules.acting.get(match.group(1) or "")
    return f"{acting} {office}" if acting else office


@dataclass
class Person:
    """One person of an article: every form they were written in, the first office held."""

    key: str
    name: str
    office: str | None = None
    institution: str | None = None
    region_code: str | None = None
    span: tuple[int, int] | None = None
    aliases: set[str] = field(default_factory=set)
    ballot_number: int | None = None  # a candidate's number on the ballot

    def to_dict(self) -> dict[str, Any]:
        return {
            "person_key": self.key,
            "name": self.name,
            "office": self.office,
            "institution": self.institution,
            "region_code": self.region_code,
            "ballot_number": self.ballot_number,
            "aliases": sorted(self.aliases - {self.name}),
            "span": self.span,
        }


@dataclass(frozen=True)
class Mention:
    """A person written in the text, with or without an office."""

    name: str
    start: int  # of the whole mention, office included
    end: int
    office: str | None = None
    institution: str | None = None
    region_code: str | None = None
    alias: str | None = None  # an initialism in brackets: "(AHK)"
    ballot_number: int | None = None


_PAREN = re.compile(r"\s*\(([^()\n]{1,40})\)")
# "Dandim 1615/Lotim", "Danrem 091/Aji Surya Natakesuma": the unit's number and name, up to a
# comma or a rank.
# The ranks that end a unit's town name and start its commander's or soldier's name.
_UNIT_RANKS = (r"(?:Letkol|Kolonel|Brigjen|Mayor|Kapten|Letda|Lettu|Mayjen|AKBP|Kompol|AKP|Iptu|Ipda|"
               r"Aiptu|Aipda|Bripka|Brigpol|Koptu|Kopda|Kopka|Serka|Sertu|Serma|Serda|Peltu|Pelda|"
               r"Praka|Pratu|Prada)\b")
_UNIT_NUMBER = re.compile(
    rf"\s+(?:\d{{3,4}}|\d{{2}}(?=/))(?:/\s?[A-Z][\w-]+(?:(?:\s(?!{_UNIT_RANKS})[A-Z][\w-]+){{1,3}}"
    rf"(?=[\s,]*,|\s[A-Z][\w-]+\s*,|\s{_UNIT_RANKS}))?)?"
)
_UNIT_AFTER = re.compile(
    r"\s+(?:Polres(?:ta|tabes)?|Polda|Polsek|Kodim|Korem|Kodam|Koramil|Lanal|Lanud|Kejari|Kejati|"
    r"Setda|Setdakab|Setdaprov|Satpol PP|Sat Brimob|Brimob|Mapolres|Mapolda|"
    r"KPU|Bawaslu|BKPSDMD?|BKD|BKPP|BPBD|Bakesbangpol|Kesbangpol|Dinkes|Disdukcapil|Diskominfo|"
    r"Dispendukcapil|DPMD|Inspektorat|Sekretariat KPU|Sekretariat Bawaslu)(?![\w-])"
)
_NAME_FIRST = re.compile(
    r"(?:,\s*(?:yang\s+(?:tak lain|tidak lain|merupakan|juga(?:\s+merupakan)?|kini(?:\s+menjabat)?|"
    r"menjabat)(?:\s+sebagai)?\s+)?|\s+selaku\s+|\s+sebagai\s+|\s+dari\s+|"
    r"\s+yang juga(?:\s+menjabat)?(?:\s+sebagai)?\s+)$"
)


def _region_for(
    office: Office, place: Place | None, national: bool, home: str | None
) -> str | None:
    """Region code of an office: the place written after it, else the article's home region
    at the office's level (a regency office in a province-wide article stays provincial)."""
    if national or office.level == "national":
        return None
    if place is not None:
        return place.code
    if home is None:
        return None
    return home.split(".")[0] if office.level == "province" else home


def _institution(office: Office, place: Place | None) -> str | None:
    if office.institution is None:
        return None
    name = place.name if place is not None else ""
    return office.institution.replace("{region}", name).strip() or None


# "bersama para anggota, yaitu A, B dan C", "serta dua anggotanya, A dan B": members of the
# body whose officer was just named.
_MEMBERS = re.compile(r"\b(?:para|dua|tiga|empat|lima|enam|seluruh)?\s*(?:anggota|komisioner)(?:nya)?(?:\s+lainnya)?\s*,?\s*"
                      r"(?:yaitu|yakni|masing-masing|antara lain)?\s*[,:]?\s*(?=[A-Z])")
_MEMBER_OFFICE = {"KPU": "Komisioner KPU", "Bawaslu": "Anggota Bawaslu", "KIP": "Anggota KIP",
                  "DKPP": "Anggota DKPP", "PPK": "Anggota PPK", "Panwascam": "Anggota Panwascam"}


# "Ketua dan Anggota KPU Kabupaten Teluk Bintuni, yakni A, B, C …": the first named chairs the
# body, the others are its members.
_CHAIR_AND_MEMBERS = re.compile(
    r"\bKetua\s+dan\s+(?:para\s+)?Anggota\s+(KPU|Bawaslu|KIP|DKPP|PPK|Panwascam)\b"
)
_LIST_OPENER = re.compile(r"\s*,?\s*(?:yaitu|yakni|masing-masing|antara lain)\s*[,:]?\s*(?=[A-Z])|\s*:\s*(?=[A-Z])")


def _names_listed(text: str, pos: int, stop: frozenset[str]) -> list[Name]:
    """The names of a list starting at ``pos``: "A, B, dan C", "A serta B"."""
    names = []
    while (name := _person_name(name_at(text, pos, stop))) is not None:
        names.append(name)
        if not (link := _LIST_LINK.match(text, name.end)):
            break
        pos = link.end()
    return names


def _chair_and_members(text: str, home: str | None, stop: frozenset[str]) -> list[Mention]:
    found = []
    for match in _CHAIR_AND_MEMBERS.finditer(text):
        body = match.group(1)
        end, place, _national = _office_region(text, match.end(), office_rules().national, home)
        opener = _LIST_OPENER.match(text, end)
        if opener is None:
            continue
        region_code = place.code if place is not None else None
        institution = f"{body} {place.name}" if place is not None else body
        for index, name in enumerate(_names_listed(text, opener.end(), stop)):
            # the chair is named first, the members after
            office = f"Ketua {body}" if index == 0 else _MEMBER_OFFICE[body]
            found.append(Mention(name.text, name.start, name.end, office, institution, region_code,
                                 name.alias))
    return found


# An ethics case's complainants (DKPP): "Perkara ini diajukan oleh A, B, dan C", "diadukan
# oleh X", "berawal dari aduan X", "Pengadu dalam perkara ini adalah X". Read only in an article
# about such a case, where those words cannot mean a lawsuit or a police report.
_COMPLAINANTS = re.compile(
    r"\b(?:(?:diajukan|diadukan)\s+(?:oleh\s+)?|(?:berawal\s+dari\s+)?aduan\s+|"
    r"Pengadu(?:\s+dalam\s+perkara\s+(?:ini|tersebut))?\s+(?:adalah|yakni|yaitu|ialah)\s+)"
    r"(?=[A-Z])"
)
_ETHICS_CASE = re.compile(r"\bDKPP\b|\bkode etik\b|\bKEPP\b", re.IGNORECASE)


def _complainants(text: str, home: str | None, stop: frozenset[str]) -> list[Mention]:
    if not _ETHICS_CASE.search(text):
        return []
    return [
        Mention(name.text, name.start, name.end, "Pengadu", None, home, name.alias)
        for match in _COMPLAINANTS.finditer(text)
        for name in _names_listed(text, match.end(), stop)
    ]


def _members_named_after(text: str, found: list[Mention], stop: frozenset[str]) -> list[Mention]:
    members = []
    # The officer of a list is the last mention (in ``found`` order) with an institution that
    # ends before it. Lists come in text order, so those mentions are a growing set: one pass
    # over them sorted by end, not a scan of ``found`` per list (quadratic on a long body).
    by_end = sorted((m.end, i) for i, m in enumerate(found) if m.institution)
    seen, latest = 0, -1
    for match in _MEMBERS.finditer(text):
        while seen < len(by_end) and by_end[seen][0] <= match.start():
            latest = max(latest, by_end[seen][1])
            seen += 1
        officer = found[latest] if latest >= 0 else None
        if officer is None or match.start() - officer.end > 200:
            continue
        body = next((office for body, office in _MEMBER_OFFICE.items()
                     if officer.institution.split()[0] == body), None)
        if body is None:
            continue
        members.extend(
            Mention(name.text, name.start, name.end, body, officer.institution,
                    officer.region_code, name.alias)
            for name in _names_listed(text, match.end(), stop)
        )
    return members


def office_mentions(text: str, home: str | None) -> list[Mention]:
    """Every office in the text, with the person it names when one is written beside it."""
    rules = office_rules()
    found: list[Mention] = []
    inserts = SpanSet((m.start(), m.end()) for m in INSERT_LINE.finditer(text))
    for match in office_matches(text):
        if match.start() in inserts:
            continue  # "Baca juga" titles name other articles' officials
        if _NOT_A_HOLDER.search(text, max(0, match.start() - 20), match.start()):
            continue  # "Kantor Bupati", "Pemilihan Bupati": a building or a race, not a person
        acting = rules.acting.get(match.group(1) or "", None)
        written, office_end = _agency_office(text, match, home)
        office = office_of(written)
        canonical = f"{acting} {office.canonical}" if acting else office.canonical
        pos = _past_office(text, office_end, office.canonical)
        place, national = None, False
        if office.place_follows:
            pos = _skip_local_place(text, pos)
        else:
            pos, place, national = _office_region(text, pos, rules.national, home)
        pos = _past_qualifiers(text, pos)
        region_code = _region_for(office, place, national, home)
        institution = _institution(office, place)
        pair = _CANDIDATE_PAIR.search(text, max(0, match.start() - 30), match.start())
        name = _person_name(name_at(text, _skip_comma(text, pos), rules.stop))
        if name is not None and pair and canonical.startswith("Wakil "):
            # "calon Bupati dan Wakil Bupati Pamekasan, A dan B": A runs for the top seat.
            second = _AND.match(text, name.end)
            running_mate = second and _person_name(name_at(text, second.end(), rules.stop))
            if running_mate:
                found.append(
                    Mention(
                        name.text,
                        pair.start(),
                        name.end,
                        "Calon " + canonical[6:],
                        institution,
                        region_code,
                        name.alias,
                    )
                )
                found.append(
                    Mention(
                        running_mate.text,
                        pair.start(),
                        running_mate.end,
                        "Calon " + canonical,
                        institution,
                        region_code,
                        running_mate.alias,
                    )
                )
                continue
        if name is not None:
            found.append(
                Mention(
                    name.text,
                    match.start(),
                    name.end,
                    canonical,
                    institution,
                    region_code,
                    name.alias,
                )
            )
            # "Ketua dan Anggota KPU Sijunjung, A, B, C dan D", "anggota Bawaslu A dan B":
            # the office of members covers every name of the list.
            chair = _CHAIR_AND.search(text, max(0, match.start() - 14), match.start())
            if chair and found[-1].office and not found[-1].office.startswith("Ketua"):
                found[-1] = Mention(
                    name.text,
                    match.start(),
                    name.end,
                    "Ketua " + canonical.split(" ", 1)[1],
                    institution,
                    region_code,
                    name.alias,
                )
            link = _LIST_LINK.match(text, name.end)
            if canonical.split(" ", 1)[0] in _MEMBER_OFFICES and link:
                found.extend(
                    Mention(more.text, more.start, more.end, canonical, institution, region_code,
                            more.alias)
                    for more in _names_listed(text, link.end(), rules.stop)
                )
            continue
        before = _person_name(name_before(text, match.start(), _NAME_FIRST, rules.stop))
        if before is not None:
            found.append(
                Mention(
                    before.text,
                    before.start,
                    pos,
                    canonical,
                    institution,
                    region_code,
                    before.alias,
                )
            )
        else:  # an office alone: "tegas Kapolres", kept to resolve speakers
            found.append(Mention("", match.start(), pos, canonical, institution, region_code))
    found.extend(_members_named_after(text, found, rules.stop))
    found.extend(_chair_and_members(text, home, rules.stop))
    found.extend(_complainants(text, home, rules.stop))
    return found


# Offices of a body's members: a list of names after one is a list of members.
_MEMBER_OFFICES = frozenset({"Anggota", "Komisioner", "Kuasa", "Hakim"})
_CHAIR_AND = re.compile(r"\bKetua\s+dan\s+$")
_LIST_LINK = re.compile(r"\s*(?:,\s*(?:dan\s+|serta\s+)?|\s+dan\s+|\s+serta\s+)(?=[A-Z])")
_NOT_A_HOLDER = re.compile(
    r"\b(?:[Kk]antor|[Rr]umah [Jj]abatan|[Rr]ujab|[Pp]endopo|[Aa]ula|[Gg]edung|[Hh]alaman|"
    r"[Pp]emilihan|[Pp]ilkada)\s+$"
)
_CANDIDATE_PAIR = re.compile(r"(?:[Bb]akal\s+)?[Cc]alon\s+\w+(?:\s\w+)?\s+dan\s+$")
_AND = re.compile(r"\s+(?:dan|serta|&|-|–)\s+")
_NUMBER = re.compile(
    r"\s*,?\s*(?:(?:nomor urut|no\.? urut|nomor)\s+\d{1,2}|pasangannya|petahana)\b"
)
# "Komisioner KPU Kaltim Divisi Perencanaan, Data dan Informasi, Siti Rahmawati,":
# a division or a duty between the office and the name, running to the comma before the name.
_QUALIFIER = re.compile(
    r"\s+(?:Divisi|Bidang|Koordinator Divisi|Kordiv|yang membidangi|yang menangani|"
    r"(?:dari\s+)?(?:Fraksi|Partai|Dapil|Daerah Pemilihan|Universitas|Fakultas|Institut|"
    r"Sekolah Tinggi|UIN|IAIN|STAIN|Program Studi|Prodi|Lembaga)|Komisi [IV]+|Periode)\b"
)
_BODY_THEN_NAME = re.compile(r"\s+(?:[A-Z][\w'-]*\s+){1,6}\([A-Z][A-Za-z]{1,10}\)\s*,\s*(?=[A-Z])")
_LOCATED = re.compile(r"\s+(?:di|dari|asal)\s+(?:Provinsi\s+)?(?=[A-Z])")
_AFFILIATION_END = re.compile(r"[^,()\n.]{0,80}?\(([A-Za-z]{2,12})\)\s*")
_PLACE_APPOSITION = re.compile(
    r"\s*,\s*(?:Kecamatan|Kabupaten|Kota|Desa|Kelurahan|Distrik|Pemkab|Pemkot|Pemprov)\s+"
    r"[A-Z][\w'-]+(?:\s[A-Z][\w'-]+){0,2}(?=\s*,)"
)


def _agency_office(text: str, match: re.Match[str], home: str | None) -> tuple[str, int]:
    """The written office and where it ends. An agency written out in words ("Kepala Dinas
    Tanaman Pangan dan Hortikultura Kutim") ends where a region begins."""
    written = match.group(2)
    if (
        written in office_rules().offices
        or "(" in written
        or not re.search(r"\b(?:Dinas|Badan)\s", written)
    ):
        return written, match.end()
    for word in re.finditer(r"\S+", written):
        if word.start() > 0 and place_at(
            text, match.start(2) + word.start(), home, after_office=True
        ):
            written = written[: word.start()].rstrip()
            break
    written = re.sub(r"\s+dan$", "", written)
    return written, match.start(2) + len(written)


def _past_office(text: str, pos: int, canonical: str) -> int:
    """Past what restates the office: "Sesprov" after "Sekretaris Provinsi", "(Sekda)",
    "1702/Jayawijaya" after "Dandim"."""
    rules = office_rules()
    again = rules.pattern.match(text, _skip_space(text, pos))
    if again and office_of(again.group(2)).canonical == canonical and not again.group(1):
        pos = again.end()
    if (paren := _PAREN.match(text, pos)) and re.fullmatch(r"[A-Za-z.]{2,15}", paren.group(1)):
        pos = paren.end()  # the office's own abbreviation: "(Bakesbangpol)", "(Sekda)"
    if unit := _UNIT_AFTER.match(text, pos):
        pos = unit.end()  # "Kabag Ops Polres Badung", "Pasi Ops Kodim 1615/Lotim"
    if unit := _UNIT_NUMBER.match(text, pos):
        pos = unit.end()
    return pos


def _past_qualifiers(text: str, pos: int) -> int:
    """Past a ballot number, a district apposition or a division written before the name."""
    for pattern in (_NUMBER, _PLACE_APPOSITION):
        if match := pattern.match(text, pos):
            pos = match.end()
    # "Ketua Relawan Sahabat Sangatta Selatan (SSS), Zainul Abdi": the body's name, its short
    # form, then the holder.
    if (body := _BODY_THEN_NAME.match(text, pos)) and name_at(text, body.end(), office_rules().stop):
        return body.end()
    # "Pengamat Politik di Provinsi Kalimantan Tengah Donny …": where the office holder works.
    if (located := _LOCATED.match(text, pos)) and (
        place := place_at(text, located.end(), None, after_office=True)
    ):
        pos = place[1]
    if _QUALIFIER.match(text, pos):
        # "Universitas Andalas (Unand) Edi Indrizal", "Universitas Diponegoro (Undip) Semarang
        # Nur Hidayat Sardini": the institution's short name in brackets closes it, maybe a
        # town after it, then the name and its verb.
        if paren := _AFFILIATION_END.match(text, pos):
            after = paren.end()
            if town := place_at(text, after, None):
                after = _skip_space(text, town[1])
            name = name_at(text, after, office_rules().stop)
            if name is not None and re.match(r",| [a-z]", text[name.end : name.end + 2]):
                return after
        stop = min(
            (i for i in (text.find(". ", pos), text.find("\n", pos)) if i != -1), default=len(text)
        )
        # The name is the one closed by a comma ("Divisi Perencanaan, Data dan Informasi,
        # Siti Rahmawati,"), else one a verb follows ("…, Adi Saputro mengatakan").
        loose = None
        for comma in re.finditer(r",\s*", text[pos : min(stop, pos + 100)]):
            after = pos + comma.end()
            name = name_at(text, after, office_rules().stop)
            if name is None:
                continue
            if text.startswith(",", name.end):
                return pos + comma.start()
            if loose is None and re.match(
                r" (?!dan |serta |atau )[a-z]|\.|$", text[name.end : name.end + 5]
            ):
                loose = pos + comma.start()
        if loose is not None:
            return loose
    return pos


def _person_name(name: Name | None) -> Name | None:
    """The name unless it is a place: "Bupati Bone" names a regency, not a man called Bone."""
    if name is None:
        return None
    written = name.text.lower()
    if written in gazetteer() or written in district_names():
        return None
    return name


def _without_place(name: Name | None) -> Name | None:
    """ "Kaltim Sri Wahyuni" after an office's region: the name starts after the place."""
    if name is None or (found := place_at(name.text, 0, None, after_office=True)) is None:
        return name
    offset = found[1] + 1
    if offset >= len(name.text):
        return None
    return Name(name.text[offset:], name.start + offset, name.end, name.alias)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


def _skip_comma(text: str, pos: int) -> int:
    pos = _skip_space(text, pos)
    if pos < len(text) and text[pos] == ",":
        pos = _skip_space(text, pos + 1)
    return pos


_REGION_WORDS = re.compile(r"(?:Kabupaten|Kota|Provinsi|Kab\.)\s+\S.*")
_UNKNOWN_REGION = re.compile(
    r"(?:Kabupaten|Kota|Provinsi|Kab\.)\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?(?=\s*,)"
)


def _office_region(
    text: str, pos: int, national: frozenset[str], home: str | None
) -> tuple[int, Place | None, bool]:
    """The region written right after an office: "Kutai Timur (Kutim)", "RI", "Provinsi Papua"."""
    start = _skip_space(text, pos)
    for word in sorted(national, key=len, reverse=True):
        if (
            text.startswith(word, start)
            and not text[start + len(word) : start + len(word) + 1].isalnum()
        ):
            return start + len(word), None, True
    found = place_at(text, start, home, after_office=True)
    if found is None:
        # "Kabupaten Benteng", a region the gazetteer writes otherwise: not the person's name.
        if unknown := _UNKNOWN_REGION.match(text, start):
            return unknown.end(), None, False
        return pos, None, False
    place, end = found
    if (paren := _PAREN.match(text, end)) and place_at(paren.group(1), 0, home):
        end = paren.end()
    elif city := _CITY_AFTER.match(text, end):
        # "Kapolresta Bogor Kota", "Kapolres Malang Kota": the city's force, not the regency's
        kota = gazetteer().get(" ".join(f"kota {text[start:end]}".split()).lower())
        place, end = (kota[0] if kota else place), city.end()
    return end, place, False


_CITY_AFTER = re.compile(r" Kota(?= [A-Z])")


# "Camat Masamba, Muh. Ikhsan", "Kepala Desa Tlambah Moh. Sahri": a district or village name
# stands between a local office and the person; it is one or two capitalized words before a
# comma, or a known district name.
_LOCAL_PLACE = re.compile(
    r"\s*(?:Desa\s+|Kelurahan\s+|Kecamatan\s+|Distrik\s+|Kampung\s+)?"
    r"[A-Z][a-z'-]+(?:\s[A-Z][a-z'-]+){0,2}(?=\s*,\s*[A-Z])"
)


_ONE_OR_TWO_WORDS = re.compile(r"\s*([A-Z][a-z'-]+(?:\s[A-Z][a-z'-]+)?)")


def _skip_local_place(text: str, pos: int) -> int:
    if match := _LOCAL_PLACE.match(text, pos):
        return match.end()
    words = _ONE_OR_TWO_WORDS.match(text, pos)
    if words:
        for candidate in (words.group(1), words.group(1).split()[0]):
            if candidate.lower() in district_names():
                return words.start(1) + len(candidate)
    return pos


def resolve_persons(mentions: list[Mention]) -> list[Person]:
    """Fold the mentions of one article into persons: a name whose words are all part of a
    fuller name (titles aside) is that person; an office alone is not a person."""
    persons: list[Person] = []
    # The persons by each word of their key: the first person holding every word of a name
    # is among those holding its first word (a scan of every person per mention took
    # quadratic time on a long body).
    by_word: dict[str, list[tuple[frozenset[str], Person]]] = {}
    for mention in sorted(
        (m for m in mentions if m.name), key=lambda m: -len(name_key(m.name).split())
    ):
        key = name_key(mention.name)
        if not key:
            continue
        words = frozenset(key.split())
        person = next(
            (p for held, p in by_word.get(key.split()[0], ()) if words <= held), None
        )
        if person is None:
            person = Person(key=key, name=mention.name)
            persons.append(person)
            held = frozenset(key.split())
            for word in held:
                by_word.setdefault(word, []).append((held, person))
        elif len(mention.name) > len(person.name) and name_key(mention.name) == person.key:
            person.name = mention.name  # the fullest written form: titles and ranks kept
        person.aliases.add(mention.name)
        if mention.alias:
            person.aliases.add(mention.alias)
        if mention.ballot_number is not None:
            person.ballot_number = mention.ballot_number
        if mention.office and (
            person.office is None or (person.span is not None and mention.start < person.span[0])
        ):
            person.office, person.institution = mention.office, mention.institution
            person.region_code, person.span = mention.region_code, (mention.start, mention.end)
        elif person.span is None or mention.start < person.span[0] and person.office is None:
            person.span = (mention.start, mention.end)
    return sorted(persons, key=lambda p: p.span or (0, 0))


@lru_cache(maxsize=1)
def _speech_verb() -> re.Pattern[str]:
    verbs = load_rules("speech.yaml", ("speech_verbs",))["speech_verbs"]
    return re.compile(rf"\b(?:{alternation(verbs)})\b")


# "Inaq Sahnun (52), mengaku", "Ahmad Ridwan, warga Tering, mengatakan": a name, maybe an
# age or a lowercase apposition, then a verb of saying.
_SPEAKER_SEPARATOR = re.compile(
    r"(?:\s*\(\d{1,3}(?:\s*tahun)?\))?(?:\s*,\s*[a-z][^,.\n]{0,60})?\s*,?\s*$"
)


def speaker_mentions(text: str) -> list[Mention]:
    """People who speak without an office: the subject of a verb of saying. One word alone
    ("Juaini menegaskan") only names someone already known, so it is kept for resolution."""
    stop = office_rules().stop
    found = []
    for verb in _speech_verb().finditer(text):
        name = _person_name(
            _without_place(name_before(text, verb.start(), _SPEAKER_SEPARATOR, stop))
        )
        if name is not None:
            found.append(Mention(name.text, name.start, name.end, alias=name.alias))
    return found


def find_persons(
    body: str, title: str, region_code: str | None, candidates: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Each person: person_key, name, aliases, office, institution, region_code, ballot_number,
    span. ``candidates`` are the persons of candidate pairs (candidates.py)."""
    del title  # headlines shorten names and offices; the body always says them in full
    pairs = [
        Mention(
            c["name"],
            c["span"][0],
            c["span"][1],
            c["office"],
            None,
            c["region_code"],
            ballot_number=c.get("ballot_number"),
        )
        for c in candidates or []
    ]
    # A pair's names are read by candidates.py; an office read over them ("wakil bupati … A-B")
    # would make one person of two.
    pair_spans = SpanSet((p.start, p.end) for p in pairs)
    offices = [
        m
        for m in office_mentions(body, region_code)
        if not (m.name and pair_spans.overlaps(m.start, m.end))
    ]
    # A speaker read over an office and its holder ("Pengamat Politik Sumatera Selatan Ade
    # Indra Chaniago menanggapi") is that holder, already read with the office.
    held = SpanSet((m.start, m.end) for m in offices if m.name)
    speakers = [m for m in speaker_mentions(body) if not held.overlaps(m.start, m.end)]
    persons = resolve_persons([*offices, *pairs, *speakers])
    # A one-word speaker who matched nobody with an office is more often a sentence's first
    # word than a person: keep speakers with a full name only.
    return [p.to_dict() for p in persons if p.office or len(p.key.split()) >= 2]
