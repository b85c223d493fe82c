"""Events an article reports: type, day, venue, place and election, with the evidence sentence.

Signal words per type are data (``rules/events.yaml``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from pantau_transforms.article import LEAD_CHARS, ArticleText, Span
from pantau_transforms.facts.elections import MONTHS, Election
from pantau_transforms.facts.lexicon import alternation, load_rules, whole_words
from pantau_transforms.facts.regions import VENUE, Region


@dataclass(frozen=True)
class Event:
    type: str
    form: str | None  # the meeting's kind for a coordination_meeting: rakor, apel, deklarasi …
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
class EventRules:
    types: dict[str, re.Pattern[str]]
    case_types: list[str]
    case_words: re.Pattern[str]
    meeting_forms: dict[str, re.Pattern[str]]
    not_after: dict[str, re.Pattern[str]]  # type -> words that make its signal a mere label
    not_before: dict[str, re.Pattern[str]]  # type -> words after its signal that make it another's
    report_weight: dict[str, int]  # type -> weight at which it is reported besides the main one
    requires: dict[str, re.Pattern[str]]  # type -> words one of which the article must hold

    any_word: re.Pattern[str]  # where any signal word starts (lowercase text), the longest one
    kinds_of: dict[str, tuple[tuple[str, int], ...]]  # longest word -> (type, its word's length)

    def scan(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """The (start, end) of every signal word of every type in ``text`` that names the event
        itself ("masa kampanye" is a period of time and "alat peraga kampanye" a poster, not a
        rally), as each type's own pattern would find them, in one pass over the lowercase text."""
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter whose lowercase is longer: offsets would shift
            return {
                kind: [
                    m.span()
                    for m in pattern.finditer(text)
                    if not self._label(kind, text, m.start(), m.end())
                ]
                for kind, pattern in self.types.items()
            }
        found: dict[str, list[tuple[int, int]]] = {}
        reach: dict[str, int] = {}
        for match in self.any_word.finditer(lowered):
            start = match.start()
            for kind, length in self.kinds_of[match.group(1)]:
                if start < reach.get(kind, 0):
                    continue  # inside this type's previous word
                reach[kind] = start + length
                if not self._label(kind, text, start, start + length):
                    found.setdefault(kind, []).append((start, start + length))
        return found

    def _label(self, kind: str, text: str, start: int, end: int) -> bool:
        before, after = self.not_after.get(kind), self.not_before.get(kind)
        return (before is not None and before.search(text, max(0, start - 20), start) is not None) or (
            after is not None and after.match(text, end) is not None
        )


def _kinds_of(types: dict[str, list[str]]) -> dict[str, tuple[tuple[str, int], ...]]:
    """For each signal word, the types that match where it does: each type's longest word that
    is the word itself or its first words ("melanggar" in "melanggar netralitas")."""
    words = {w.lower() for ws in types.values() for w in ws}
    table = {}
    for word in words:
        kinds = []
        for kind, kind_words in types.items():
            prefixes = [
                len(w)
                for w in (x.lower() for x in kind_words)
                if word.startswith(w)
                and (len(w) == len(word) or not (word[len(w)].isalnum() or word[len(w)] == "_"))
            ]
            if prefixes:
                kinds.append((kind, max(prefixes)))
        table[word] = tuple(kinds)
    return table


@lru_cache(maxsize=1)
def event_rules() -> EventRules:
    data = load_rules("events.yaml", ("types", "case_words", "meeting_forms", "report_weight"))
    meeting_words = [word for words in data["meeting_forms"].values() for word in words]
    types = {"coordination_meeting": meeting_words, **data["types"]}
    return EventRules(
        types={kind: whole_words(words) for kind, words in types.items()},
        case_types=list(data.get("case_types", [])),
        case_words=whole_words(data["case_words"]),
        meeting_forms={form: whole_words(words) for form, words in data["meeting_forms"].items()},
        not_after={
            kind: re.compile(whole_words(words).pattern + r"\s+$", re.IGNORECASE)
            for kind, words in (data.get("not_after") or {}).items()
        },
        not_before={
            kind: re.compile(r"\s+" + whole_words(words).pattern, re.IGNORECASE)
            for kind, words in (data.get("not_before") or {}).items()
        },
        any_word=re.compile(
            rf"(?<!\w)(?=({alternation(w.lower() for ws in types.values() for w in ws)})(?!\w))"
        ),
        kinds_of=_kinds_of(types),
        report_weight={
            kind: int((data.get("report_weights") or {}).get(kind, data["report_weight"]))
            for kind in types
        },
        requires={kind: whole_words(words) for kind, words in (data.get("requires") or {}).items()},
    )


def meeting_form(doc: ArticleText) -> str | None:
    """What kind of meeting the story is about: the first form named in the headline, the
    lead, then the body. Two outlets reporting one rakor agree on it; an apel the same day
    in the same town is another event."""
    forms = event_rules().meeting_forms
    for text in (doc.title, doc.body[:LEAD_CHARS], doc.body):
        hits = [(m.start(), form) for form, pattern in forms.items() if (m := pattern.search(text))]
        if hits:
            return min(hits)[1]
    return None


# The day of a reported event: Indonesian news writes it with the weekday, "Rabu (13/11/2024)"
# or "Senin, 4 Maret 2024"; dates without a weekday are usually schedules (voting day).
_WEEKDAY_DATE = re.compile(
    r"\b(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu)\s*(?:\((\d{1,2})/(\d{1,2})/(\d{4})\)|"
    r",?\s*(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4}))",
    re.IGNORECASE,
)
# Relative days, resolved against the publication date; vaguer ones ("belum lama ini",
# "pekan lalu") leave the day unknown.
RELATIVE_DAYS = {"kemarin": -1, "hari ini": 0, "kemarin lusa": -2, "tadi pagi": 0, "tadi malam": 0}
_RELATIVE = re.compile(
    r"\b(" + "|".join(sorted(RELATIVE_DAYS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)


def event_day(doc: ArticleText) -> tuple[date | None, str | None]:
    """(day, words) of the reported event, from the first weekday date or relative day
    (the headline's when the body has none: a text pasted without its headline starts with
    its dateline paragraph there)."""
    match = _WEEKDAY_DATE.search(doc.body) or _WEEKDAY_DATE.search(doc.title)
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


def find_events(doc: ArticleText, regions: list[Region], elections: list[Election]) -> list[Event]:
    if not elections:
        return []  # Pantau's events are election events; a flood report has none
    rules = event_rules()
    scores: Counter[str] = Counter()
    first_hit: dict[str, tuple[int, int]] = {}
    # Where a word stands says how much it tells: the headline most, the lead next (the first
    # paragraph, or its first sentences when the whole article is one paragraph).
    lead_end = doc.body.find("\n\n")
    lead_end = min(len(doc.body) if lead_end == -1 else lead_end, LEAD_CHARS)
    in_body, in_title = rules.scan(doc.body), rules.scan(doc.title)
    for kind, needed in rules.requires.items():
        if not (needed.search(doc.title) or needed.search(doc.body)):
            in_body.pop(kind, None)
            in_title.pop(kind, None)
    for kind in rules.types:
        hits = in_body.get(kind, [])
        scores[kind] += (
            len(hits)
            + sum(1 for start, _end in hits if start < lead_end)
            + TITLE_WEIGHT * len(in_title.get(kind, []))
        )
        if hits:
            first_hit[kind] = hits[0]
    if not scores or max(scores.values()) == 0:
        kind, confidence = "other", 0.3
    else:
        kind, top = scores.most_common(1)[0]
        confidence = round(min(1.0, top / (sum(scores.values()) or 1) + 0.2), 2)
        meeting = rules.types["coordination_meeting"]
        if meeting.search(doc.title) or meeting.search(doc.body[:lead_end]):
            kind, confidence = "coordination_meeting", max(confidence, 0.7)
    # Every other type the article reports: its words weigh enough (a headline word, or several
    # in the body), or it is a case (a finding, a report, a sanction) told at least twice.
    kinds = [(kind, confidence)]
    for extra, weight in scores.most_common():
        if extra != kind and weight >= rules.report_weight[extra]:
            kinds.append((extra, round(min(0.9, 0.3 + weight / 10), 2)))
    if rules.case_words.search(doc.body):
        for extra in rules.case_types:
            if extra not in {k for k, _c in kinds} and len(in_body.get(extra, [])) >= 2:
                kinds.append((extra, 0.6))
    reported = [k for k, _c in kinds]
    # What the events of one article share is read once: the day, the venue, the place.
    venue = VENUE.search(doc.body)
    shared = _Shared(
        event_day(doc),
        venue.group(1).strip() if venue else None,
        next((r.code for r in regions if r.role == "event_location"), None),
        elections[0] if elections else None,
    )
    return [
        _event(
            doc,
            k,
            c,
            first_hit.get(k),
            shared,
            [t for t in reported if t != k] if k == kind else [],
        )
        for k, c in kinds
    ]


@dataclass(frozen=True)
class _Shared:
    day: tuple[date | None, str | None]
    venue: str | None
    location: str | None
    election: Election | None


def _event(
    doc: ArticleText, kind: str, confidence: float, span: Span, shared: _Shared, topics: list[str]
) -> Event:
    if span:  # widen the evidence to the sentence holding the signal word
        sentence_end = doc.body.rfind(". ", 0, span[0])
        start = max(
            sentence_end + 2 if sentence_end != -1 else 0, doc.body.rfind("\n", 0, span[0]) + 1
        )
        stop = doc.body.find(". ", span[1])
        span = (start, stop + 1 if stop != -1 else len(doc.body))
    event_date, date_text = shared.day
    election = shared.election
    form = meeting_form(doc) if kind == "coordination_meeting" else None
    return Event(
        type=kind,
        form=form,
        date=event_date,
        date_text=date_text,
        venue=shared.venue,
        region_code=shared.location,
        election_type=election.type if election else None,
        election_year=election.year if election else None,
        topics=[t for t in topics if t != kind],
        confidence=confidence,
        span=span,
    )
