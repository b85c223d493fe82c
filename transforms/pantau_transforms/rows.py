"""Facts of one article as rows of the warehouse tables (see warehouse/.../004_facts.sql)."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from pantau_transforms.article import ArticleText
from pantau_transforms.facts import extract_facts
from pantau_transforms.facts.names import name_key


def election_id(kind: str, year: int, scope_region_code: str | None) -> str:
    """Key of the elections dimension: national races by type and year, local ones by region."""
    return f"{kind}-{year}" + (f"-{scope_region_code}" if scope_region_code else "")


def person_id(name: str, region_code: str | None) -> str:
    """One person across articles: same name key within the same province."""
    province = (region_code or "").split(".")[0]
    key = f"{name_key(name)}|{province}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _span(item: dict[str, Any]) -> tuple[int | None, int | None]:
    span = item.get("span")
    return (span[0], span[1]) if span else (None, None)


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def fact_rows(doc: ArticleText) -> dict[str, list[dict[str, Any]]]:
    """All fact rows of one article, keyed by table name."""
    facts = extract_facts(doc).to_dict()
    aid = doc.article_id
    rows: dict[str, list[dict[str, Any]]] = {
        "article_regions": [],
        "article_elections": [],
        "elections": [],
        "events": [],
        "persons": [],
        "person_roles": [],
        "quotes": [],
        "quantities": [],
        "candidate_results": [],
    }
    for n, region in enumerate(facts.get("regions", [])):
        start, end = _span(region)
        rows["article_regions"].append(
            {
                "article_id": aid,
                "ordinal": n,
                "region_code": region["code"],
                "district_code": region.get("district_code"),
                "level": region["level"],
                "role": region["role"],
                "mention": region.get("mention"),
                "span_start": start,
                "span_end": end,
            }
        )
    for n, election in enumerate(facts.get("elections", [])):
        start, end = _span(election)
        eid = election_id(election["type"], election["year"], election.get("scope_region_code"))
        voting = _date(election.get("voting_date"))
        rows["elections"].append(
            {
                "election_id": eid,
                "type": election["type"],
                "year": election["year"],
                "scope_region_code": election.get("scope_region_code"),
                "voting_date": voting,
                "date_source": election.get("date_source"),
            }
        )
        rows["article_elections"].append(
            {
                "article_id": aid,
                "ordinal": n,
                "election_id": eid,
                "type": election["type"],
                "year": election["year"],
                "voting_date": voting,
                "mention": doc.body[start:end] if start is not None else None,
                "span_start": start,
                "span_end": end,
            }
        )
    for n, event in enumerate(facts.get("events", [])):
        start, end = _span(event)
        race = next(
            (
                e
                for e in facts.get("elections", [])
                if (e["type"], e["year"])
                == (event.get("election_type"), event.get("election_year"))
            ),
            None,
        )
        eid = (
            election_id(race["type"], race["year"], race.get("scope_region_code")) if race else None
        )
        rows["events"].append(
            {
                "event_id": f"{aid}-{n}",
                "article_id": aid,
                "type": event["type"],
                "form": event.get("form"),
                "event_date": _date(event.get("date")),
                "date_text": event.get("date_text"),
                "venue": event.get("venue"),
                "region_code": event.get("region_code"),
                "election_id": eid,
                "topics": list(event.get("topics") or []),
                "confidence": float(event.get("confidence") or 0.0),
                "evidence": doc.body[start:end] if start is not None else None,
                "span_start": start,
                "span_end": end,
            }
        )
    keys: dict[str, str] = {}
    for n, person in enumerate(facts.get("persons", [])):
        start, end = _span(person)
        region = person.get("region_code") or doc.outlet_region_code
        pid = person_id(person["name"], region)
        keys[person.get("person_key") or person["name"]] = pid
        rows["persons"].append(
            {
                "person_id": pid,
                "name": person["name"],
                "match_key": name_key(person["name"]),
                "province_code": (region or "").split(".")[0] or None,
                "aliases": list(person.get("aliases") or []),
            }
        )
        rows["person_roles"].append(
            {
                "article_id": aid,
                "ordinal": n,
                "person_id": pid,
                "name": person["name"],
                "office": person.get("office"),
                "institution": person.get("institution"),
                "region_code": person.get("region_code"),
                "ballot_number": person.get("ballot_number"),
                "span_start": start,
                "span_end": end,
            }
        )
    for n, quote in enumerate(facts.get("quotes", [])):
        start, end = _span(quote)
        speaker_key = quote.get("speaker_key") or quote.get("speaker")
        rows["quotes"].append(
            {
                "article_id": aid,
                "ordinal": n,
                "person_id": keys.get(speaker_key or ""),
                "speaker": quote.get("speaker"),
                "text": quote["text"],
                "cue": quote.get("cue"),
                "span_start": start,
                "span_end": end,
            }
        )
    for n, quantity in enumerate(facts.get("quantities", [])):
        start, end = _span(quantity)
        rows["quantities"].append(
            {
                "article_id": aid,
                "ordinal": n,
                "value": float(quantity["value"]),
                "unit": quantity.get("unit"),
                "qualifier": quantity.get("qualifier"),
                "counts": quantity.get("counts"),
                "text": quantity["text"],
                "span_start": start,
                "span_end": end,
            }
        )
    names = {
        alias: keys[p.get("person_key") or p["name"]]
        for p in facts.get("persons", [])
        for alias in [p["name"], *(p.get("aliases") or [])]
    }
    for n, result in enumerate(facts.get("results", [])):
        start, end = _span(result)
        race = next(
            (e for e in facts.get("elections", []) if e["type"] == result["election"]), None
        )
        year = race["year"] if race else next((e["year"] for e in facts.get("elections", [])), None)
        candidates = list(result["candidates"]) + [None]
        rows["candidate_results"].append(
            {
                "article_id": aid,
                "ordinal": n,
                "election_id": (
                    election_id(
                        result["election"],
                        year,
                        race.get("scope_region_code") if race else result.get("region_code"),
                    )
                    if year
                    else None
                ),
                "race": result["election"],
                "region_code": result.get("region_code"),
                "ballot_number": result.get("ballot_number"),
                "candidate": candidates[0],
                "running_mate": candidates[1],
                "candidate_person_id": _person_of(candidates[0], names),
                "running_mate_person_id": _person_of(candidates[1], names),
                "votes": int(result["votes"]),
                "share": result.get("share"),
                "level": result["level"],
                "evidence": doc.body[start:end] if start is not None else None,
                "span_start": start,
                "span_end": end,
            }
        )
    return rows


def _person_of(name: str | None, names: dict[str, str]) -> str | None:
    """The person a candidate's written name is (a short form folds into the full one)."""
    if not name:
        return None
    if name in names:
        return names[name]
    words = set(name_key(name).split())
    found = {pid for alias, pid in names.items() if words and words <= set(name_key(alias).split())}
    return found.pop() if len(found) == 1 else None
