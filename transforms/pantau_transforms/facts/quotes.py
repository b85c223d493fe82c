"""Direct quotations and who said them.

A quotation in Indonesian news is closed by a cue ("…,” ucap Agus.", "…," terangnya.),
opened by one ("Kapolres menegaskan, “…”"), or stands as its own paragraph after the
sentence that introduces the speaker. A cue with a name or an office names the speaker; a
"-nya" cue or none points back to the person the text was last about. The verbs are data
(``rules/speech.yaml``); persons come from persons.py.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pantau_transforms.facts.lexicon import alternation, load_rules
from pantau_transforms.facts.names import name_at, name_key, name_tokens
from pantau_transforms.facts.persons import (
    _office_region,
    _skip_comma,
    _speech_verb,
    canonical_office,
    office_matches,
    office_rules,
)
from pantau_transforms.spans import SpanSet


@dataclass(frozen=True)
class QuoteRules:
    cue_after: re.Pattern[str]  # at a closing mark: ", ucap" + ("nya" | who)
    speech_before: re.Pattern[str]  # a verb of saying in the words before an opening mark
    pronouns: frozenset[str]
    min_words: int


@lru_cache(maxsize=1)
def quote_rules() -> QuoteRules:
    data = load_rules("speech.yaml", ("cue_verbs", "speech_verbs", "pronouns", "min_words"))
    cues, speech = alternation(data["cue_verbs"]), alternation(data["speech_verbs"])
    return QuoteRules(
        # The cue may stand inside the sentence after the mark, capitalized or not ("Ajaknya").
        cue_after=re.compile(rf"[\s,.]*((?i:{cues}))(nya)?(?![\w])[ ]?", re.UNICODE),
        speech_before=re.compile(rf"(?i:\b(?:{speech}|{cues}nya|menurut)\b)[^.!?]*[,:]?\s*$"),
        pronouns=frozenset(data["pronouns"]),
        min_words=int(data["min_words"]),
    )


@dataclass(frozen=True)
class QuotedSpan:
    start: int  # of the opening mark
    end: int  # after the closing mark (the paragraph's end for a quote left open)
    text_start: int
    text_end: int
    closed: bool


def quoted_spans(body: str) -> list[QuotedSpan]:
    """Quoted passages, paragraph by paragraph; a quote left open runs to its paragraph's end
    (Indonesian news, like English, reopens a long quote in the next paragraph)."""
    found = []
    for paragraph in re.finditer(r"[^\n]+", body):
        text, base = paragraph.group(0), paragraph.start()
        i = 0
        while (opening := _OPENING.search(text, i)) is not None:
            i = opening.start()
            close = _closing(text, i + 1)
            if close == -1:
                found.append(
                    QuotedSpan(base + i, base + len(text), base + i + 1, base + len(text), False)
                )
                break
            found.append(QuotedSpan(base + i, base + close + 1, base + i + 1, base + close, True))
            i = close + 1
    return found


# An opening mark: a curly opening quote, or a straight one not glued to a word before it.
_OPENING = re.compile(r'“|(?<![^\W_])"')
# A closing mark: a curly closing quote, or a straight one glued to the word before it.
_CLOSING = re.compile(r'”|(?<=\S)"')


def _closing(text: str, start: int) -> int:
    """The closing mark after ``start``; a straight mark right after the opening one counts only
    once a word has begun."""
    match = _CLOSING.search(text, start)
    while match is not None and match.group(0) == '"' and match.start() == start:
        match = _CLOSING.search(text, start + 1)
    return match.start() if match else -1


@dataclass(frozen=True)
class _Speaker:
    name: str
    key: str | None  # persons' person_key, None for a speaker named only in the cue


def _mention_positions(
    body: str, persons: list[dict[str, Any]], inside: list[QuotedSpan]
) -> list[tuple[int, int]]:
    """(offset, person index) of every written form of every person outside quotations:
    full names, aliases, name words no other person shares, offices only one person holds."""
    word_owners: dict[str, set[int]] = {}
    office_owners: dict[str, set[int]] = {}
    for index, person in enumerate(persons):
        for word in {
            w for form in [person["name"], *person.get("aliases", [])] for w in name_tokens(form)
        }:
            if len(word) >= 3:
                word_owners.setdefault(word, set()).add(index)
        if person.get("office"):
            office_owners.setdefault(person["office"], set()).add(index)
    forms: dict[str, int] = {}
    for index, person in enumerate(persons):
        for form in [person["name"], *person.get("aliases", [])]:
            forms[form] = index
    forms.update({w: next(iter(o)) for w, o in word_owners.items() if len(o) == 1})
    positions = _form_positions(body, forms)
    holders_of: dict[str, set[int]] = {}  # each written office once: a long body repeats them
    for match in office_matches(body):
        written = match.group(0)
        if _LIST_BEFORE.search(
            body, max(0, match.start() - 20), match.start()
        ) or _LIST_AFTER.match(body, match.end()):
            continue  # "Bupati dan Wakil Bupati": the office in general, not its holder
        if written not in holders_of:
            holders_of[written] = {
                i
                for office, owners in office_owners.items()
                for i in owners
                if office == written
                or office.endswith(" " + written)
                or canonical_office(written) == office
                or office.endswith(" " + canonical_office(written))
            }
        holders = holders_of[written]
        if len(holders) == 1:
            positions.append((match.start(), next(iter(holders))))
    quoted = SpanSet((q.start, q.end) for q in inside)
    return sorted(p for p in positions if p[0] not in quoted)


def _form_positions(body: str, forms: dict[str, int]) -> list[tuple[int, int]]:
    """(offset, person index) of each form written as whole words; of forms that overlap the
    longest wins (str.find per form: no regex to compile per article)."""
    spans = []
    for form, index in forms.items():
        pos = body.find(form)
        while pos != -1:
            end = pos + len(form)
            if not (pos and (body[pos - 1].isalnum() or body[pos - 1] == "-")) and not (
                end < len(body) and (body[end].isalnum() or body[end] == "-")
            ):
                spans.append((pos, end, index))
            pos = body.find(form, pos + 1)
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int]] = []
    reach = -1
    for start, end, index in spans:
        if start >= reach:
            kept.append((start, index))
            reach = end
    return kept


# "Bupati, Wakil Bupati dan Kapolres": an office in a list. A comma after a lowercase word
# ("Dalam arahannya, Kapolres …") opens a sentence, it lists nothing.
_LIST_BEFORE = re.compile(
    r"(?:\b(?:dan|serta|atau|para|[Pp]emilihan|[Cc]alon|kursi|jabatan)|\b[A-Z][\w.-]*\s*,|/)\s*$"
)
_LIST_AFTER = re.compile(r"\s*(?:,|/|dan\b|serta\b|atau\b|se-)")


def _named_speaker(
    body: str, pos: int, persons: list[dict[str, Any]], memo: dict | None = None
) -> tuple[_Speaker, int] | None:
    """Who a cue names right at ``pos``: an office ("tegas Kapolres") or a name ("ujar Jumail")."""
    rules = office_rules()
    office = rules.pattern.match(body, pos)
    if office is not None:
        canonical = canonical_office(office.group(0))
        memo = {} if memo is None else memo  # per article: a long body repeats its cues
        if ("office", canonical) not in memo:
            memo["office", canonical] = [
                p
                for p in persons
                if p.get("office")
                and (p["office"] == canonical or p["office"].endswith(" " + canonical))
            ]
        holders = memo["office", canonical]
        if len(holders) == 1:
            return _Speaker(holders[0]["name"], holders[0]["person_key"]), office.end()
        # Several hold it ("kata Ketua Bawaslu Kudus, M. Wahibul Minan"): the name written
        # after the office and its region says which.
        after, _place, _national = _office_region(body, office.end(), rules.national, None)
        pos = _skip_comma(body, after)
    name = name_at(body, pos, rules.stop)
    if name is None:
        return None
    key = name_key(name.text)
    words = set(key.split())
    memo = {} if memo is None else memo
    if ("name", key) not in memo:
        memo["name", key] = [p for p in persons
                             if words and words <= set(p["person_key"].split())]
    matches = memo["name", key]
    if len(matches) == 1:
        return _Speaker(matches[0]["name"], matches[0]["person_key"]), name.end
    return _Speaker(name.text, None), name.end


_ACCORDING = re.compile(
    r"\b[Mm]enurut\b|\b(?:di|dia)?sampaikan\b|\bdikatakan\b|\bdiungkapkan\b|\bditegaskan\b"
)
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")


def _subject_before(
    body: str, pos: int, mentions: list[tuple[int, int]], quoted: SpanSet
) -> int | None:
    """Who a quote with a "-nya" cue (or none) points back to: the first person named in the
    last sentence before it that has a verb of saying ("Koordinator Divisi …, Nurhalina, yang
    mewakili Ketua Bawaslu Satriadi, menyebut …"), else the person named last.

    ``mentions`` are sorted: the ones before ``pos`` and in a sentence are found by bisection,
    not by a scan of all of them per quote (quadratic on a long body)."""
    count = bisect_left(mentions, (pos, -1))  # the mentions before pos
    if not count:
        return None
    verbs = _speech_verb()
    start = max(0, body.rfind("\n", 0, max(0, pos - 1)))
    start = max(0, body.rfind("\n", 0, start)) if not body[start:pos].strip() else start
    # A paragraph is a few sentences; text with no line break must not be read whole per quote.
    start = max(start, pos - SUBJECT_LOOKBACK_CHARS)
    sentences = [m for m in _SENTENCE.finditer(body, start, pos) if m.group(0).strip()]
    for sentence in reversed(sentences):
        first = bisect_left(mentions, (sentence.start(), -1), 0, count)
        inside = first < count and mentions[first][0] < sentence.end()
        said = verbs.search(sentence.group(0)) or _ACCORDING.search(sentence.group(0))
        if inside and said and sentence.start() not in quoted:
            return mentions[first][1]
    return mentions[count - 1][1]


# Far longer than any paragraph of the corpora (the longest is 2,191 characters).
SUBJECT_LOOKBACK_CHARS = 6000


def find_quotes(body: str, persons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each quote: speaker, speaker_key, text, cue, span (offsets into body)."""
    rules = quote_rules()
    spans = quoted_spans(body)
    mentions = _mention_positions(body, persons, spans)
    in_quotes = SpanSet((q.start, q.end) for q in spans)
    speakers: dict = {}  # _named_speaker's holders of an office and owners of a name
    found: list[dict[str, Any]] = []
    open_quotes: list[dict[str, Any]] = []  # paragraphs of a quote that continues below
    for quoted in spans:
        text_start, text_end = quoted.text_start, quoted.text_end
        while text_end > text_start and body[text_end - 1] in " ,":  # the comma before the cue
            text_end -= 1
        text = body[text_start:text_end]
        if len(text.split()) < rules.min_words:
            continue
        cue_text, speaker = None, None
        cue = rules.cue_after.match(body, quoted.end) if quoted.closed else None
        if cue is not None and (cue.group(2) or cue.end() < len(body)):
            cue_text = cue.group(0).strip(" ,.")
            if not cue.group(2):
                after = body[cue.end() : cue.end() + 12].split()
                if after and after[0].strip(".,") in rules.pronouns:
                    cue_text = f"{cue_text} {after[0].strip('.,')}"
                else:
                    named = _named_speaker(body, cue.end(), persons, speakers)
                    if named is None:
                        cue = None  # "kata" followed by anything else is not an attribution
                    else:
                        speaker, cue_text = named[0], body[quoted.end : named[1]].strip(" ,.")
        if cue is None:
            paragraph_start = body.rfind("\n", 0, quoted.start) + 1
            before = body[paragraph_start : quoted.start]
            if before.strip() and not rules.speech_before.search(before):
                continue  # a title or a scare quote inside a sentence, not speech
        if (
            speaker is None
            and (index := _subject_before(body, quoted.start, mentions, in_quotes)) is not None
        ):
            speaker = _Speaker(persons[index]["name"], persons[index]["person_key"])
        item = {
            "speaker": speaker.name if speaker else None,
            "speaker_key": speaker.key if speaker else None,
            "text": text,
            "cue": cue_text,
            "span": (text_start, text_end),
        }
        if not quoted.closed:
            open_quotes.append(item)
            continue
        if open_quotes:
            # One quotation over several paragraphs (each reopened with a mark, closed once):
            # one quote from its first word to its last, with the speaker named at its end.
            first = open_quotes[0]
            if speaker is None and first["speaker"]:
                item["speaker"], item["speaker_key"] = first["speaker"], first["speaker_key"]
            item["span"] = (first["span"][0], text_end)
            item["text"] = body[first["span"][0] : text_end]
            open_quotes = []
        found.append(item)
    found.extend(open_quotes)
    return sorted(found, key=lambda q: q["span"][0])
