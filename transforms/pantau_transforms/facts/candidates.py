"""Candidate pairs and their results: "paslon nomor urut 2, Zainal Arifin-Ingkong Ala", "Fadia –
Sukirman memperoleh 306.443 suara atau 56,23 persen", recap lists ("1. Anies-Imin: 496.280").

A pair is two persons, the candidate for the top seat and the running mate, with the ballot
number when it is written. Which seat they run for is read near the mention ("paslon Bupati dan
Wakil Bupati", "capres") or else from the article's race and region. A pair's votes, its share
and the level of the recap (TPS, kecamatan, kabupaten, provinsi) make one result row. The words
are data (``rules/candidates.yaml``).
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

from pantau_transforms.article import INSERT_LINE
from pantau_transforms.facts.elections import Election
from pantau_transforms.facts.lexicon import alternation, load_rules
from pantau_transforms.facts.names import name_at, name_before, name_words
from pantau_transforms.facts.places import gazetteer, place_at
from pantau_transforms.facts.quantities import digits_value, plain_number
from pantau_transforms.facts.regions import Region
from pantau_transforms.spans import SpanSet


@dataclass(frozen=True)
class Seat:
    """What a pair runs for: the top office, the deputy's, the race and its region."""

    office: str  # Bupati | Wali Kota | Gubernur | Presiden | Kepala Desa
    election_type: str
    region_code: str | None

    @property
    def top(self) -> str:
        return f"Calon {self.office}"

    @property
    def deputy(self) -> str | None:
        return None if self.office == "Kepala Desa" else f"Calon Wakil {self.office}"


@dataclass(frozen=True)
class Pair:
    names: tuple[str, ...]  # the top candidate, then the running mate (one name for Pilkades)
    spans: tuple[tuple[int, int], ...]
    ballot_number: int | None
    seat: Seat
    start: int
    end: int
    elected: bool = False  # "… ditetapkan sebagai Bupati dan Wakil Bupati Mesuji Terpilih"

    @property
    def offices(self) -> tuple[str | None, str | None]:
        if not self.elected:
            return self.seat.top, self.seat.deputy
        deputy = None if self.seat.office == "Kepala Desa" else f"Wakil {self.seat.office} Terpilih"
        return f"{self.seat.office} Terpilih", deputy


@dataclass(frozen=True)
class CandidateRules:
    trigger: re.Pattern[str]  # "paslon", "pasangan calon", "nomor urut 2", "capres-cawapres"
    trigger_lower: re.Pattern[str]  # the same for lowercase text: a faster pass over a body
    seat_words: dict[str, str]  # written seat word -> office
    seat_word: re.Pattern[str]
    seat_elections: dict[str, str]  # office -> election type
    election_seats: dict[str, str]  # election type -> office
    votes_verb: re.Pattern[str]
    margin: re.Pattern[str]  # "selisih", "terpaut": the number is a gap between pairs, not votes
    levels: dict[str, str]  # written level word -> level
    level: re.Pattern[str]
    not_names: frozenset[str]
    elected: re.Pattern[str]  # right after a pair: "sebagai pasangan terpilih"
    named_after: re.Pattern[str]  # right after two names: "adalah pasangan calon …"


@lru_cache(maxsize=1)
def candidate_rules() -> CandidateRules:
    data = load_rules("candidates.yaml", ("triggers", "seats", "vote_verbs", "levels"))
    seat_words = {form: office for office, spec in data["seats"].items() for form in spec["forms"]}
    return CandidateRules(
        trigger=re.compile(rf"(?<!\w)(?:{alternation(data['triggers'])})(?!\w)", re.IGNORECASE),
        trigger_lower=re.compile(
            rf"(?<!\w)(?:{alternation(t.lower() for t in data['triggers'])})(?!\w)"
        ),
        seat_words={k.lower(): v for k, v in seat_words.items()},
        seat_word=re.compile(rf"(?<!\w)(?:{alternation(seat_words)})(?!\w)", re.IGNORECASE),
        seat_elections={office: spec["election"] for office, spec in data["seats"].items()},
        election_seats={spec["election"]: office for office, spec in data["seats"].items()},
        margin=re.compile(
            rf"(?<!\w)(?:{alternation(data.get('margin_words') or ['selisih'])})(?!\w)", re.IGNORECASE
        ),
        votes_verb=re.compile(
            rf"(?<!\w)(?:{alternation(data['vote_verbs'])})(?!\w)", re.IGNORECASE
        ),
        levels={form.lower(): level for level, forms in data["levels"].items() for form in forms},
        level=re.compile(
            rf"(?<!\w)tingkat\s+({alternation(f for forms in data['levels'].values() for f in forms)})"
            r"(?!\w)",
            re.IGNORECASE,
        ),
        not_names=frozenset(data.get("not_names", [])),
        elected=re.compile(
            rf"[\s,]*(?:[a-z]+\s+){{0,2}}?(?:{alternation(data.get('elected_links') or ['sebagai'])})\s+"
            rf"(?:pasangan\s+)?(?:calon\s+)?(?:(?:{alternation(seat_words)})\s+)?(?:[\w.-]+\s+){{0,3}}?"
            rf"(?:{alternation(data.get('elected_words') or ['terpilih'])})(?!\w)",
            re.IGNORECASE,
        ),
        named_after=re.compile(
            rf"[\s,]*(?:{alternation(data.get('pair_after_links') or ['adalah'])})\s+"
            rf"(?:{alternation(data.get('pair_after_words') or ['pasangan calon'])})(?!\w)",
            re.IGNORECASE,
        ),
    )


def default_seat(
    elections: list[Election], regions: list[Region], home: str | None, body: str = ""
) -> Seat:
    """The seat an article's pairs run for when the text near them does not say: the race the
    article names (a governor's race, a regent's …), else the seat its words name most
    ("calon bupati", "wali kota"), else the kind of its main region."""
    rules = candidate_rules()
    main = next(
        (r.code for r in regions if r.role == "event_location" and r.level == "regency"),
        next(
            (r.code for r in regions if r.role == "subject" and r.level == "regency"),
            next((r.code for r in regions if r.role in ("event_location", "subject")), home),
        ),
    )
    # "… jauh lebih tenang dibandingkan Pilgub 2017 dan Pilbup 2020": races of earlier years are
    # context, the article's pairs run in the latest one.
    latest = max((e.year for e in elections), default=None)
    kinds = [e.type for e in elections if e.year == latest]
    for kind in ("pilkades", "pilbup", "pilwali", "pilgub", "pilpres"):
        if kind in kinds:
            return _seat(rules.election_seats[kind], main)
    named = Counter(rules.seat_words[m.group(0).lower()] for m in rules.seat_word.finditer(body))
    if named and named.most_common(1)[0][0] in ("Bupati", "Wali Kota", "Gubernur"):
        office = named.most_common(1)[0][0]
        if office != "Gubernur" and main and "." not in main:
            return Seat(office, rules.seat_elections[office], None)
        return _seat(office, main)
    if main and "." not in main and "pilkada" in kinds:
        return _seat("Gubernur", main)
    if main and "." in main and int(main.split(".")[1]) >= 71:
        return _seat("Wali Kota", main)
    if main and "." in main:
        return _seat("Bupati", main)
    return _seat("Presiden" if "pemilu" in kinds else "Bupati", main)


def _seat(office: str, main: str | None) -> Seat:
    election = candidate_rules().seat_elections[office]
    if office == "Presiden":
        region = None
    elif office == "Gubernur":
        region = main.split(".")[0] if main else None
    else:
        region = main if main and "." in main else None
    return Seat(office, election, region)


# A name of a pair: capitalized words ("Agung Setyawan", "H. Lalu Syamsul Hadi", "Al-Habsyi").
_DASH = re.compile(r"\s*[-–—]\s*|\s+(?:dan|&)\s+|/|\s+(?:yang\s+)?(?:berpasangan|maju|berduet)\s+dengan\s+")
_BALLOT = re.compile(
    r"(?:nomor|nomer|no\.?)\s+urut\s+(0?\d{1,2})\b|(?:nomor|no\.)\s+(0?\d{1,2})\b|"
    r"\b(0\d)\b",
    re.IGNORECASE,
)
# Another pair in a list: "A-B (BERBUDI) serta C-D", "nomor urut 1 A dan B, serta nomor urut 2 …".
_LIST_MORE = re.compile(
    r"\s*(?:\([^()\n]{1,25}\)\s*)?(?:,|;)?\s*(?:serta|dan|sedangkan|lalu|kemudian)?\s*"
    r"(?:(?:pasangan|paslon)\s+)?(?=(?:nomor|no\.?)\s+urut|[A-Z])"
)
# "… pada nomor urut 1": the ballot number after the names.
_BALLOT_AFTER = re.compile(
    r"\s*(?:\([^()\n]{1,25}\)\s*)?,?\s*(?:\w+\s+){0,2}?(?:nomor|no\.?)\s+urut\s+(0?\d{1,2})\b",
    re.IGNORECASE,
)
# Where a pair may start without a trigger: a capitalized word, then within a few words a dash
# or "dan" and another capitalized word; the word before must not be capitalized.
_PAIR_START = re.compile(
    r"(?<![\w.'’-])(?=[A-Z][a-z][\w'’.]*(?:\s[A-Z][\w'’.]*){0,4}(?:\s*[-–—]\s*|\s+dan\s+)[A-Z][a-z])"
)
_PARAGRAPH = re.compile(r"[^\n]+")
_CAPITALIZED_BEFORE = re.compile(
    r"([A-Z][\w'’.]*)\s$"
)  # a name's first word, unless a sentence opener
# A nickname or a pair's acronym in brackets after a name: "(Mualem)", "(Dek Fad)", "(BERBUDI)".
_NICKNAME = re.compile(r"\s*\([A-Za-z'. -]{2,20}\)")
# Words between a trigger and the names that say which pair, not who: "yakni", "petahana".
_FILLER = re.compile(
    r"(?:yakni|yaitu|antara lain|masing-masing|adalah|petahana|penantang|perseorangan|"
    r"independen|dari jalur perseorangan|jalur perseorangan)\b",
    re.IGNORECASE,
)
_DEPUTY = re.compile(
    r"(?:bakal\s+)?(?:calon|cawabup|cawagub|cawalkot|cawapres)(?:\s+wakil\s+(?:bupati|wali\s?kota|gubernur|presiden))?\s+",
    re.IGNORECASE,
)
_HOPEFUL = re.compile(r"(?:bakal\s+)?calon\b", re.IGNORECASE)
_LIST_ITEM = re.compile(r"(?m)^\s*(?:[-•*]\s*)?(\d{1,2})[.)]\s+|^\s*[-•*]\s+")
_VOTES = re.compile(
    r"(?<![\d.,])(\d+,\d+(?=\s*(?:ribu|juta))|\d{1,3}(?:\.\d{3})+|\d{2,})(?:\s*(ribu|juta))?(?![\d]|[.,]\d)"
)
_SHARE = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,3})?)\s*(?:%|persen\b)")


def _name(text: str, pos: int, stop: frozenset[str]) -> tuple[str, int] | None:
    """The name written at ``pos`` (no hyphen inside: the dash separates the pair)."""
    found = name_at(text, pos, stop)
    if found is None:
        return None
    written = found.text
    cut = re.search(r"[-–—]", written)
    if cut and not re.match(
        r"(?:Al|El|Ar|As|Ad|An|At|Asy|Az|Abdul)-", written[max(0, cut.start() - 4) :]
    ):
        written = written[: cut.start()]
    written = written.strip()
    rules = candidate_rules()
    words = written.split()
    while words and (words[-1] in rules.not_names or words[-1].lower() in gazetteer()):
        words.pop()
    if not words or words[0] in rules.not_names or " ".join(words).lower() in gazetteer():
        return None
    written = " ".join(words)
    end = pos + len(written)
    if written == found.text.strip():  # the whole name: past its degrees and initials too
        end = found.end
    if nickname := _NICKNAME.match(text, end):  # "Muzakir Manaf (Mualem)"
        end = nickname.end()
    return written, end


def _pair_at(
    text: str, pos: int, stop: frozenset[str]
) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...], int] | None:
    """Two names joined by a dash or "dan" at ``pos``: the names, their spans and the end."""
    first = _name(text, pos, stop)
    if first is None:
        return None
    link = _DASH.match(text, first[1])
    if link is None:
        return None
    # "calon bupati A dan calon wakil bupati B": the running mate's seat before the name.
    mate_at = link.end()
    if deputy := _DEPUTY.match(text, mate_at):
        mate_at = deputy.end()
    second = _name(text, mate_at, stop)
    if second is None:
        return None
    return (
        (first[0], second[0]),
        ((pos, pos + len(first[0])), (mate_at, mate_at + len(second[0]))),
        second[1],
    )


_SKIP_PUNCTUATION = re.compile(r"[\s,:()]+")
_SMALL_NUMBER = re.compile(r"0?\d{1,2}\b(?![.,]\d)")
_REGION_NAME = re.compile(r"(?:Kabupaten |Kota |Provinsi )?[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}")


def _skip(text: str, pos: int) -> int:
    """Past what stands between a trigger and the names: a seat, a region, a ballot number,
    a comma or colon ("paslon Bupati dan Wakil Bupati Kulon Progo nomor urut 1, …")."""
    rules = candidate_rules()
    seat_before = bool(rules.seat_word.search(text, max(0, pos - 40), pos))
    for _ in range(6):
        if moved := _SKIP_PUNCTUATION.match(text, pos):
            pos = moved.end()
        if (seat := rules.seat_word.match(text, pos)) or (seat := _BALLOT.match(text, pos)):
            pos, seat_before = seat.end(), seat_before or seat.re is rules.seat_word
            continue
        if number := _SMALL_NUMBER.match(text, pos):
            pos = number.end()  # "nomor urut 2 Yanni – Jemmi", the trigger took "nomor urut"
            continue
        if (
            hopeful := _HOPEFUL.match(text, pos)
            or _FILLER.match(text, pos)
            or rules.trigger.match(text, pos)
        ):
            pos = hopeful.end()
            continue
        region = _REGION_NAME.match(text, pos)
        if region and region.group(0).lower() in gazetteer():
            pos = region.end()
            continue
        # "calon bupati dan wakil bupati Malang Dewanti …": after a seat, a regency whose name
        # is also a word ("malang") is the seat's region, as after an office.
        if seat_before and (place := place_at(text, pos, None, after_office=True)):
            pos = place[1]
            continue
        break
    return pos


def find_pairs(body: str, default: Seat) -> list[Pair]:
    """Every candidate pair written in the body (not in "Baca juga" lines): after a trigger
    ("paslon nomor urut 2, A-B"), in a list after another pair ("A-B (BERBUDI) serta C-D"),
    or anywhere when its votes follow ("sedangkan A dan B … dengan 19.188 suara") or it is the
    short form of a pair already named ("Helmi-Laode 1.258 suara")."""
    from pantau_transforms.facts.persons import office_rules

    rules = candidate_rules()
    stop = office_rules().stop | name_words().not_names
    inserts = [(m.start(), m.end()) for m in INSERT_LINE.finditer(body)]
    pairs: list[Pair] = []
    taken = SpanSet(inserts)  # the pairs read so far and the "Baca juga" lines
    index = _PairIndex(pairs)

    def free(pos: int) -> bool:
        return pos not in taken

    def add(start: int, names_at: int, *, need_votes: bool, need_role: bool = False) -> int | None:
        found = _pair_at(body, names_at, stop)
        if found is None:
            return None
        names, spans, end = found
        elected = rules.elected.match(body, end) is not None
        said = elected or rules.named_after.match(body, end) is not None
        if need_role and not said:
            return None  # a paragraph that counts no votes: only a role after the names tells
        known = index.known(names)
        if need_votes and not (_votes_follow(body, end) or known or said):
            return None
        context = body[max(0, start - 40) : names_at]
        # "pasangan nomor 02 A-B dengan pasangan nomor 01 C-D": the number nearest the names.
        written = list(_BALLOT.finditer(context))
        ballot = (written[-1] if written else None) or _BALLOT_AFTER.match(body, end)
        number = int(next(g for g in ballot.groups() if g)) if ballot else None
        if known:
            # "Paslon Rio-Ulfi" after "Yusuf Rio Wahyu Prayogo - Ulfiyah": the same two persons.
            names, spans = known.names, known.spans
            number = known.ballot_number if number is None else number
        # "Untuk pemilihan Gubernur, suara terbanyak diraih A-B …, kemudian C-D": the seat the
        # sentence names before the pair, however far back in the sentence.
        seat = _seat_near(body[_sentence_start(body, start) : names_at + 1], default)
        pairs.append(Pair(names, spans, number, seat, start, end, elected))
        taken.add(start, end)
        return end

    lowered = body.lower()
    triggers = (
        rules.trigger_lower.finditer(lowered)
        if len(lowered) == len(body)
        else rules.trigger.finditer(body)
    )
    for trigger in triggers:
        if not free(trigger.start()):
            continue
        end = add(trigger.start(), _skip(body, trigger.end()), need_votes=False)
        while end is not None and (more := _LIST_MORE.match(body, end)):
            end = add(more.start(), _skip(body, more.end()), need_votes=False)
    if default.office == "Kepala Desa":
        pairs.extend(p for p in _village_candidates(body, default, stop) if free(p.start))
    # the words of paragraphs that may name a pair without a trigger before it
    elected_word, pair_word = "terpilih", "calon"
    if not pairs and "suara" not in body and elected_word not in lowered and pair_word not in lowered:
        return sorted(pairs, key=lambda p: p.start)  # no pair, no vote: nothing without a trigger
    # Without a trigger, a pair is one whose votes follow or one already named: only the
    # paragraphs that count votes or write a named pair's first word are read for them.
    known = {p.names[0].split()[0] for p in pairs}
    for paragraph in _PARAGRAPH.finditer(body):
        text = paragraph.group(0)
        counts_votes = "suara" in text or any(word in text for word in known)
        if not counts_votes and elected_word not in text.lower() and pair_word not in text.lower():
            continue
        for start in _PAIR_START.finditer(body, paragraph.start(), paragraph.end()):
            before = _CAPITALIZED_BEFORE.search(body, max(0, start.start() - 30), start.start())
            if free(start.start()) and (
                before is None or before.group(1) in name_words().not_names
            ):
                add(start.start(), start.start(), need_votes=True, need_role=not counts_votes)
    # "paslon nomor urut 1 mendulang 8.595 suara": a pair named elsewhere, by its number.
    numbered = numbered_pairs(pairs)
    for ref in _BALLOT_REF.finditer(body):
        known = numbered.get(int(ref.group(1)))
        if known is not None and free(ref.start()):
            pairs.append(Pair(known.names, known.spans, known.ballot_number, known.seat,
                              ref.start(), ref.end()))
            taken.add(ref.start(), ref.end())
    # "A dan B yang dikenal dengan akronim ASSAMI … ASSAMI mengumpulkan 111.590 suara": a pair
    # referred to by its nickname, where its votes follow.
    nicknames: dict[str, Pair] = {}
    for pair in list(pairs):
        nick = _PAIR_NICKNAME.match(body, pair.spans[-1][1]) or _PAIR_NICKNAME.match(body, pair.end)
        written = nick and (nick.group(1) or nick.group(2))
        if written and written not in nicknames and written.lower() not in _NOT_NICKNAMES:
            nicknames[written] = pair
    for nick, known in nicknames.items():
        for ref in re.finditer(rf"(?<![\w-]){re.escape(nick)}(?![\w-])", body):
            if free(ref.start()) and _votes_follow(body, ref.end()):
                pairs.append(replace(known, start=ref.start(), end=ref.end(), elected=False))
                taken.add(ref.start(), ref.end())
    # "… memutuskan pasangan A-B sebagai peraih suara terbanyak. Keduanya mengantongi 775.183
    # suara": the pair named just before.
    named = sorted(pairs, key=lambda p: p.start)
    starts = [p.start for p in named]
    for ref in _BOTH.finditer(body):
        index = bisect_left(starts, ref.start()) - 1
        if index >= 0 and ref.start() - named[index].end < 300 and _votes_follow(body, ref.end()):
            pairs.append(replace(named[index], start=ref.start(), end=ref.end(), elected=False))
    return sorted(pairs, key=lambda p: p.start)


_BOTH = re.compile(r"(?<![\w-])[Kk]eduanya(?![\w-])")


_NOT_NICKNAMES = frozenset({"paslon", "petahana", "incumbent"})
# After a pair, the nickname it is known by: "(ASSAMI)", "yang dikenal dengan akronim ASSAMI".
_PAIR_NICKNAME = re.compile(
    r"\s*(?:\(([A-Z][A-Za-z-]{2,15})\)|,?\s*yang\s+(?:dikenal|akrab\s+disapa|disingkat)"
    r"(?:\s+dengan)?(?:\s+(?:akronim|sebutan|singkatan|tagline|julukan))?\s+([A-Z][A-Za-z-]{2,15}))"
)


# A pair referred to by its ballot number alone, no names after it.
_BALLOT_REF = re.compile(r"(?i:\b(?:paslon|pasangan(?:\s+calon)?|kandidat)\s+(?:\w+\s+)?(?:nomor|nomer|no\.?)"
                         r"(?:\s+urut)?\s+(0?\d{1,2}))\b(?!\s*[,:]?\s*[A-Z])")


# A village head candidate runs alone, named with a number or votes: "Alwi (nomor 1)",
# "petahana Shoim (632 suara)", "Supandi dengan 21 suara".
_VILLAGE_MARK = re.compile(
    r"\s*\((?:nomor(?:\s+urut)?\s+\d{1,2}\)|(?:nomor(?:\s+urut)?\s+\d{1,2},\s*)?[\d.]+\s+suara\))"
    r"|,?\s+(?:yang\s+)?(?:meraih|memperoleh|mendapat|mengantongi|meraup|dengan)\s+[\d.]+\s+suara"
)
_BEFORE_MARK = re.compile(r"\s*$")


def _village_candidates(body: str, seat: Seat, stop: frozenset[str]) -> list[Pair]:
    found = []
    for mark in _VILLAGE_MARK.finditer(body):
        name = name_before(body, mark.start(), _BEFORE_MARK, stop)
        if (
            name is None
            or name.text.lower() in gazetteer()
            or name.text.split()[0] in candidate_rules().not_names
        ):
            continue
        ballot = _BALLOT.search(mark.group(0))
        number = int(next(g for g in ballot.groups() if g)) if ballot else None
        found.append(
            Pair(
                (name.text,),
                ((name.start, name.start + len(name.text)),),
                number,
                seat,
                name.start,
                mark.start(),
            )
        )
    return found


def _seat_near(context: str, default: Seat) -> Seat:
    """The seat written just before a pair ("calon Gubernur", "paslon Bupati"), else the default."""
    rules = candidate_rules()
    seats = list(rules.seat_word.finditer(context))
    if not seats:
        return default
    written = seats[-1]
    seat = _seat(
        rules.seat_words[written.group(0).lower()],
        default.region_code if default.office != "Presiden" else None,
    )
    if seat.office == "Gubernur" and default.region_code:
        seat = Seat(seat.office, seat.election_type, default.region_code.split(".")[0])
    return seat


def _votes_follow(body: str, end: int) -> bool:
    window = body[end : _sentence_end(body, end)]
    votes = _VOTES.search(window)
    return votes is not None and _votes_context(window, votes)


def _known(names: tuple[str, ...], pairs: list[Pair]) -> Pair | None:
    """The pair already found whose names these are, in full or short ("Helmi" of "Helmi Umar",
    "Ulfi" of "Ulfiyah")."""

    def same(short: str, full: str) -> bool:
        a, b = set(short.lower().split()), set(full.lower().split())
        if not a:
            return False
        # "Rio-Ulfi" of "Yusuf Rio Wahyu Prayogo - Ulfiyah": a word or its first letters.
        return a <= b or b <= a or all(
            len(w) >= 3 and any(x.startswith(w) for x in b) for w in a
        )

    return next(
        (
            p
            for p in pairs
            if len(p.names) == len(names)
            and all(same(x, y) for x, y in zip(names, p.names, strict=True))
        ),
        None,
    )


class _PairIndex:
    """``_known`` over a growing list of pairs, through the words of their first names: a pair
    whose names match shares a word with them, so only those pairs are tried (in list order,
    the first match wins as in ``_known``). A long body names hundreds of pairs; trying each
    one for each new pair took quadratic time."""

    def __init__(self, pairs: list[Pair]) -> None:
        self.pairs = pairs
        self.indexed = 0
        self.by_word: dict[str, list[int]] = {}
        self.wordless: list[int] = []  # a first name of no word matches any (as in ``_known``)

    def known(self, names: tuple[str, ...]) -> Pair | None:
        """``_known(names, pairs)`` over the pairs found so far."""
        for position in range(self.indexed, len(self.pairs)):  # pairs added since last call
            first = self.pairs[position].names[:1]
            words = set(first[0].lower().split()) if first else set()
            for word in words:
                self.by_word.setdefault(word, []).append(position)
            if not words:
                self.wordless.append(position)
        self.indexed = len(self.pairs)
        if not names:
            return _known(names, self.pairs)
        lists = [self.by_word.get(word, []) for word in set(names[0].lower().split())]
        previous = -1
        for position in heapq.merge(*lists, self.wordless):
            if position == previous:
                continue
            previous = position
            if _known(names, [self.pairs[position]]):
                return self.pairs[position]
        return None


def numbered_pairs(pairs: list[Pair]) -> dict[int, Pair]:
    """The pair of each ballot number, from the mentions that write both."""
    return {p.ballot_number: p for p in pairs if p.ballot_number is not None}


def find_results(body: str, title: str, pairs: list[Pair]) -> list[dict[str, Any]]:
    """One row per pair whose votes are written right after it (in its sentence, before the
    next pair): votes, share, level of the recap, evidence span."""
    rows: list[dict[str, Any]] = []
    seen: set[tuple[int | None, tuple[str, ...], int]] = set()
    # The first start of the pairs after each one (a suffix minimum: one pass, not one per pair).
    later_starts = [len(body) + 1] * (len(pairs) + 1)
    for index in range(len(pairs) - 1, -1, -1):
        later_starts[index] = min(pairs[index].start, later_starts[index + 1])
    levels = _RecapLevels(body)
    # find_pairs gives a short mention ("paslon Agung-Ambar") the names of the pair named in
    # full before it, so one pair's mentions share its names, and here its ballot number.
    numbers: dict[tuple[str, ...], int] = {}
    for pair in pairs:
        if pair.ballot_number is not None:
            numbers.setdefault(pair.names, pair.ballot_number)
    for index, pair in enumerate(pairs):
        if pair.ballot_number is None and pair.names in numbers:
            # "pasangan A-B selaku pemohon … pasangan nomor 02 A-B … A-B 31.141 suara": the
            # number the article gives the pair anywhere.
            pair = replace(pair, ballot_number=numbers[pair.names])
        limit = min(later_starts[index + 1], _sentence_end(body, pair.end))
        window = body[pair.end : limit]
        # "A dan B … hasil Pilkada serentak 2024" names the pair, but the year is no votes.
        found = [
            v
            for v in _VOTES.finditer(window)
            if _votes_context(window, v) and not _a_year(window, v)
        ]
        if not found:
            continue
        votes = found[0]
        # "Selisih antara paslon A-B dan C-D mencapai 67.957 suara": the gap, no pair's votes.
        rules = candidate_rules()
        sentence = _sentence_start(body, pair.start)
        gap_before = rules.margin.search(body, sentence, pair.start)
        if (gap_before and "antara" in body[gap_before.end() : pair.start]) or (
            rules.margin.search(window, 0, votes.start())
        ):
            continue
        # "8.595 suara di Kecamatan Susut, 12.586 suara di Kecamatan Bangli …": one row per
        # district the sentence counts.
        by_place = [v for v in found if _VOTES_IN_PLACE.match(window, v.end())]
        per_district = bool(by_place) and by_place[0] is votes
        for extra in by_place[1:] if per_district else []:
            extra_value = int(digits_value(extra.group(1)))
            if (pair.ballot_number, pair.names, extra_value) not in seen:
                seen.add((pair.ballot_number, pair.names, extra_value))
                rows.append(_row(pair, extra_value, None, "kecamatan",
                                 (pair.end + extra.start(), pair.end + extra.end())))
        value = digits_value(votes.group(1)) * {"ribu": 1000, "juta": 1000000}.get(
            (votes.group(2) or "").lower(), 1
        )
        share = _SHARE.match(
            re.sub(r"^[\s(,]*(?:atau\s+)?", "", window[votes.end() :]).rstrip()
        ) or _SHARE.search(window, votes.end(), min(len(window), votes.end() + 30))
        share_value = None
        if share:
            share_value = plain_number(Decimal(share.group(1).replace(",", ".")))
            if not 0 <= share_value <= 100:
                share_value = None
        key = (pair.ballot_number, pair.names, int(value))
        if key in seen:
            continue
        seen.add(key)
        level = "kecamatan" if per_district else _level(levels, title, pair)
        rows.append(_row(pair, int(value), share_value, level, (pair.start, pair.end + votes.end())))
    return sorted(rows, key=lambda r: r["span"][0])


def _row(pair: Pair, votes: int, share: float | None, level: str, span: tuple[int, int]) -> dict[str, Any]:
    return {"election": pair.seat.election_type, "region_code": pair.seat.region_code,
            "ballot_number": pair.ballot_number, "candidates": list(pair.names), "votes": votes,
            "share": share, "level": level, "span": span}


_VOTES_IN_PLACE = re.compile(r"\s*suara\s+di\s+(?:Kecamatan\s+|Distrik\s+)?[A-Z]")


def _a_year(window: str, votes: re.Match[str]) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", votes.group(1))) and (
        "suara" not in window[votes.end() : votes.end() + 12].lower()
    )


def _votes_context(window: str, votes: re.Match[str]) -> bool:
    """Digits are votes when "suara" follows them, a verb of winning or a colon precedes."""
    rules = candidate_rules()
    after = window[votes.end() : votes.end() + 12].lower()
    before = window[: votes.start()]
    if "suara" in after:
        return True
    if re.search(r"(?i)\btahun\s*$", before):
        return False  # "… Pemilihan Bupati Tahun 2024": a year
    if re.fullmatch(r"\s*[:=]\s*", before) or rules.votes_verb.search(before):
        return not re.match(r"\s*(?:%|persen|tps|desa|kecamatan|pemilih|orang)", after)
    return False


_FULL_STOP = re.compile(
    r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})\.\s|\n|;"
)  # not "Hi. Ahmad", "M. Rahmi"


def _sentence_start(body: str, pos: int) -> int:
    """Where the sentence holding pos begins, at most 250 characters back."""
    floor = max(0, pos - 250)
    stops = [m.end() for m in _FULL_STOP.finditer(body, floor, pos)]
    return max([floor, *stops, body.rfind("\n", floor, pos) + 1])


def _sentence_end(body: str, pos: int) -> int:
    stop = _FULL_STOP.search(body, pos)
    return min(stop.start() if stop else len(body), pos + 220)


_PLENO_PPK = re.compile(r"\bpleno\s+(?:terbuka\s+)?(?:rekapitulasi\s+)?(?:\w+\s+){0,4}PPK\b")
_AT_TPS = re.compile(r"\bdi\s+TPS\s+\d")


class _RecapLevels:
    """The recap levels a body writes, read once: ``_level`` asks for the last one before each
    pair, and reading the body up to every pair again took quadratic time."""

    def __init__(self, body: str) -> None:
        rules = candidate_rules()
        written = [(m.start(), m.end(), rules.levels[m.group(1).lower()])
                   for m in rules.level.finditer(body)]
        written += [(m.start(), m.end(), "kecamatan") for m in _PLENO_PPK.finditer(body)]
        # Ordered by end: the levels written wholly before an offset are a prefix.
        written.sort(key=lambda w: w[1])
        self.ends = [end for _start, end, _level in written]
        self.best: list[tuple[int, str]] = []  # the greatest (start, level) of each prefix
        for start, _end, level in written:
            self.best.append(max(self.best[-1], (start, level)) if self.best else (start, level))
        tps = _AT_TPS.search(body)
        self.first_tps_end = tps.end() if tps else None
        self.rekapitulasi = "rekapitulasi" in body.lower()

    def before(self, pos: int) -> str | None:
        count = bisect_right(self.ends, pos)
        return self.best[count - 1][1] if count else None

    def tps_before(self, pos: int) -> bool:
        return self.first_tps_end is not None and self.first_tps_end <= pos


def _level(levels: _RecapLevels, title: str, pair: Pair) -> str:
    """The level of the recap a pair's votes come from: the last one written before them in
    the body ("tingkat kecamatan", "pleno PPK"), else the headline's, else the seat's."""
    rules = candidate_rules()
    if (written := levels.before(pair.start)) is not None:
        return written
    if headline := rules.level.search(title):
        return rules.levels[headline.group(1).lower()]
    if levels.tps_before(pair.start) and not levels.rekapitulasi:
        return "tps"
    office, region = pair.seat.office, pair.seat.region_code
    if office == "Presiden":
        return "nasional" if region is None else "kabupaten"
    if office == "Gubernur":
        return "provinsi"
    if office == "Kepala Desa":
        return "desa"
    return "kabupaten"


def candidate_persons(pairs: list[Pair]) -> list[dict[str, Any]]:
    """The persons of the pairs as mentions for persons.py: name, office, region, ballot, span."""
    found = []
    for pair in pairs:
        offices = pair.offices
        for name, span, office in zip(pair.names, pair.spans, offices, strict=False):
            if office is None:
                continue
            found.append(
                {
                    "name": name,
                    "office": office,
                    "region_code": pair.seat.region_code,
                    "ballot_number": pair.ballot_number,
                    "span": span,
                }
            )
    return found
