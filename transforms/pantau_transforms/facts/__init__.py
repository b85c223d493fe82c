"""All election facts of one article: regions, elections, events, persons, quotes, quantities
and candidate results.

Each kind has its module and its rules as data; this one applies them in order (regions
first: elections, events and offices are placed with them) and holds the result. Spans are
offsets into ``ArticleText.body``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from pantau_transforms.article import ArticleText
from pantau_transforms.facts.candidates import (
    candidate_persons,
    default_seat,
    find_pairs,
    find_results,
)
from pantau_transforms.facts.elections import Election, find_elections, scope_elections
from pantau_transforms.facts.events import Event, find_events
from pantau_transforms.facts.persons import find_persons
from pantau_transforms.facts.quantities import find_quantities
from pantau_transforms.facts.quotes import find_quotes
from pantau_transforms.facts.regions import Region, find_regions


@dataclass(frozen=True)
class ArticleFacts:
    regions: list[Region] = field(default_factory=list)
    elections: list[Election] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    persons: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        def plain(item: Any) -> dict[str, Any]:
            data = asdict(item) if not isinstance(item, dict) else dict(item)
            return {
                k: (
                    v.isoformat() if isinstance(v, date) else list(v) if isinstance(v, tuple) else v
                )
                for k, v in data.items()
            }

        return {
            name: [plain(item) for item in getattr(self, name)]
            for name in (
                "events",
                "elections",
                "regions",
                "persons",
                "quotes",
                "quantities",
                "results",
            )
        }


def extract_facts(doc: ArticleText) -> ArticleFacts:
    """All facts of one article."""
    regions = find_regions(doc)
    elections = scope_elections(find_elections(doc), regions, doc.outlet_region_code)
    events = find_events(doc, regions, elections)
    home = next((r.code for r in regions if r.role == "event_location"), doc.outlet_region_code)
    pairs = find_pairs(doc.body, default_seat(elections, regions, home, doc.body))
    persons = find_persons(doc.body, doc.title, home, candidate_persons(pairs))
    return ArticleFacts(
        regions=regions,
        elections=elections,
        events=events,
        persons=persons,
        quotes=find_quotes(doc.body, persons),
        quantities=find_quantities(doc.body),
        results=find_results(doc.body, doc.title, pairs),
    )
