"""Precision, recall and F1 of extracted facts against hand-written gold annotations.

Fields (as in the demo articles' ``gold`` blocks, see pantau/demo/articles/FORMAT.md):
regions (codes), primary regions (codes with role event_location or subject), elections
(type, year), voting dates (type, year, date), event types (the set of types an article reports: each event's type and
its topics), persons with office (fuzzy name + office), quotes (fuzzy speaker + quote prefix),
quantities (value + unit, units through the unit gazetteer: "paslon" is "pasangan calon"), results (votes of a candidate pair, by ballot number or name), and
whether the article is about an election at all (accuracy: one item per article, right or
wrong). Counts are summed over articles (micro-averaged). Pure functions: gold and predictions
are plain dicts, so the same scorer reads an external JSONL gold set.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from pantau_transforms.facts.names import name_key
from pantau_transforms.facts.persons import canonical_office
from pantau_transforms.facts.quantities import unit_key

FIELDS = (
    "regions",
    "primary_regions",
    "elections",
    "voting_dates",
    "event_types",
    "persons_with_office",
    "quotes_attributed",
    "quantities",
    "results",
    "election_article",
)
PRIMARY_ROLES = {"event_location", "subject"}
NAME_SIMILARITY = 85  # rapidfuzz token_set_ratio on name keys: "Juaini" ~ "H.M. Juaini Taufik"


@dataclass
class Counts:
    true_positive: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def match_count(predicted: list, gold: list, same: Callable[[Any, Any], bool]) -> int:
    """Greedy one-to-one matching: how many gold items a distinct prediction matches."""
    used: set[int] = set()
    hits = 0
    for item in gold:
        for index, guess in enumerate(predicted):
            if index not in used and same(guess, item):
                used.add(index)
                hits += 1
                break
    return hits


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").lower()).strip(" .,\"“”'")


def same_person(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return fuzz.token_set_ratio(name_key(a), name_key(b)) >= NAME_SIMILARITY


def same_office(a: str | None, b: str | None) -> bool:
    """Offices compare by their canonical short form: "Kepala Badan Kesbangpol" is
    "Kepala Bakesbangpol", "Anggota KPU" is "Komisioner KPU" (rules/offices.yaml)."""
    return _norm(canonical_office(a)).replace(".", "") == _norm(canonical_office(b)).replace(
        ".", ""
    )


def same_quote_text(predicted: str, gold: str) -> bool:
    p, g = _norm(predicted), _norm(gold)
    return bool(g) and (p.startswith(g[:40]) or g[:40] in p)


def field_items(facts: dict[str, list[dict]], field: str) -> list:
    """The comparable items of one field, from predictions or gold alike."""
    if field == "regions":
        return sorted({r["code"] for r in facts.get("regions", [])})
    if field == "primary_regions":
        return sorted(
            {r["code"] for r in facts.get("regions", []) if r.get("role") in PRIMARY_ROLES}
        )
    if field == "elections":
        return sorted({(e["type"], int(e["year"])) for e in facts.get("elections", [])})
    if field == "voting_dates":
        return sorted(
            {
                (e["type"], int(e["year"]), str(e["voting_date"]))
                for e in facts.get("elections", [])
                if e.get("voting_date")
            }
        )
    if field == "event_types":
        return sorted(
            {kind for e in facts.get("events", []) for kind in [e["type"], *e.get("topics", [])]}
        )
    if field == "persons_with_office":
        return [(p["name"], p.get("office")) for p in facts.get("persons", []) if p.get("office")]
    if field == "quotes_attributed":
        return [(q.get("speaker"), q["text"]) for q in facts.get("quotes", []) if q.get("speaker")]
    if field == "quantities":
        return [
            (float(q["value"]), _norm(unit_key(q.get("unit")))) for q in facts.get("quantities", [])
        ]
    if field == "results":
        return [
            (r.get("ballot_number"), r.get("candidates") or [], int(r["votes"]))
            for r in facts.get("results", [])
            if r.get("votes") is not None
        ]
    raise ValueError(f"unknown field {field!r}")


SAME: dict[str, Callable[[Any, Any], bool]] = {
    "persons_with_office": lambda p, g: same_person(p[0], g[0]) and same_office(p[1], g[1]),
    "quotes_attributed": lambda p, g: same_person(p[0], g[0]) and same_quote_text(p[1], g[1]),
    "quantities": lambda p, g: abs(p[0] - g[0]) < 1e-6 and p[1] == g[1],
    "results": lambda p, g: (
        p[2] == g[2]
        and (
            (p[0] is not None and p[0] == g[0])
            or (bool(p[1]) and bool(g[1]) and same_person(p[1][0], g[1][0]))
        )
    ),
}


def is_election_article(facts: dict[str, Any]) -> bool:
    """Gold says so; a prediction is an election article when it finds an election."""
    if "election_article" in facts:
        return bool(facts["election_article"])
    return bool(facts.get("elections"))


def score_pairs(pairs: Iterable[tuple[dict, dict]]) -> dict[str, Counts]:
    """Sum counts over (predicted facts, gold facts) pairs, per field."""
    totals = {field: Counts() for field in FIELDS}
    for predicted, gold in pairs:
        article = totals["election_article"]
        article.true_positive += is_election_article(predicted) == is_election_article(gold)
        article.predicted += 1
        article.gold += 1
        for field in FIELDS[:-1]:
            p, g = field_items(predicted, field), field_items(gold, field)
            same = SAME.get(field, lambda a, b: a == b)
            totals[field].true_positive += match_count(p, g, same)
            totals[field].predicted += len(p)
            totals[field].gold += len(g)
    return totals


def format_scores(scores: dict[str, Counts]) -> str:
    lines = [f"{'field':<22}{'precision':>10}{'recall':>9}{'F1':>7}{'gold':>7}{'pred':>7}"]
    for field, c in scores.items():
        lines.append(
            f"{field:<22}{c.precision:>10.3f}{c.recall:>9.3f}{c.f1:>7.3f}"
            f"{c.gold:>7}{c.predicted:>7}"
        )
    return "\n".join(lines)


def format_summary(columns: dict[str, dict[str, Counts]]) -> str:
    """F1 per field (rows) and article set (columns), with the number of gold items."""
    lines = [f"{'field':<22}" + "".join(f"{name:>16}" for name in columns)]
    for field in FIELDS:
        cells = []
        for scores in columns.values():
            counts = scores[field]
            cells.append(f"{counts.f1:>9.3f} ({counts.gold:>4})" if counts.gold else f"{'-':>16}")
        lines.append(f"{field:<22}" + "".join(cells))
    lines.append(
        "F1 per field (gold items in brackets); election_article is accuracy over articles."
    )
    return "\n".join(lines)


def demo_text(body: str) -> str:
    """A demo body as a page leaves it after extraction: inserts become their own lines."""
    body = re.sub(r"\[\[baca:\s*(.+?)\]\]", r"Baca juga: \1", body)
    return re.sub(r"\[\[foto:\s*(.+?)\]\]", r"\1", body)


def score_demo_articles(split: str = "dev", source: str = "html") -> dict[str, Counts]:
    """Score the extractor on the bundled demo articles (text bodies or rendered pages)."""
    return score_pairs(pair for _name, pair in demo_pairs(split, source))


def demo_pairs(split: str = "dev", source: str = "html") -> list[tuple[str, tuple[dict, dict]]]:
    """(file name, (predicted, gold)) of the bundled demo articles."""
    from pantau_scrapers.registry import DEFAULT_REGISTRY, load_registry

    from pantau.demo.sites import all_articles
    from pantau.demo.themes import render_site
    from pantau_transforms.article import ArticleText
    from pantau_transforms.extract import article_from_text, extract_article
    from pantau_transforms.facts import extract_facts

    outlets = {o.id: o for o in load_registry(DEFAULT_REGISTRY)}
    articles = [a for a in all_articles() if split == "all" or a.split == split]
    pages: dict[str, dict[str, bytes]] = {}
    pairs = []
    for article in articles:
        outlet = outlets[article.outlet_id]
        if source == "html":
            if outlet.id not in pages:
                live = outlet.model_copy(update={"base_url": "http://127.0.0.1:8000/"})
                outlet_articles = [a for a in all_articles() if a.outlet_id == outlet.id]
                rendered, paths = render_site(live, outlet_articles)
                pages[outlet.id] = {
                    a.slug: rendered[p][0] for a, p in zip(outlet_articles, paths, strict=True)
                }
            doc = extract_article(
                pages[outlet.id][article.slug],
                None,
                outlet_id=outlet.id,
                outlet_region_code=outlet.region_code,
                timezone=outlet.timezone,
            )
        else:
            plain = article_from_text(article.title + "\n\n" + demo_text(article.body))
            doc = ArticleText(
                article_id=plain.article_id,
                url=None,
                title=article.title,
                body=plain.body,
                published_at=article.published,
                outlet_region_code=outlet.region_code,
                language=plain.language,
            )
        pairs.append(
            (
                f"{article.outlet_id}/{article.path.name}",
                (extract_facts(doc).to_dict(), article.gold),
            )
        )
    return pairs


def corpus_pairs(split: str = "dev", source: str = "text", *, with_names: bool = False) -> list:
    """(predicted, gold) of the real-modelled corpus: from each article's stored copy read as
    `pantau extract` reads a text file, or from the page the demo themes render of it."""
    from pantau.demo.corpus import load_corpus, stored_text
    from pantau_transforms.extract import article_from_text, extract_article
    from pantau_transforms.facts import extract_facts

    pairs = []
    for article in load_corpus(split):
        if source == "html":
            from pantau.demo.corpus import render_page

            doc = extract_article(
                render_page(article),
                None,
                outlet_id=article.outlet.id,
                outlet_region_code=article.outlet.region_code,
                timezone=article.outlet.timezone,
            )
        else:
            doc = article_from_text(stored_text(article), name=str(article.path))
        pair = (extract_facts(doc).to_dict(), article.gold)
        pairs.append((article.path.name, pair) if with_names else pair)
    return pairs


def score_corpus(split: str = "dev", source: str = "text") -> dict[str, Counts]:
    """Score the extractor on the real-modelled corpus (pantau/demo/corpus/FORMAT.md)."""
    return score_pairs(corpus_pairs(split, source))


def differences(predicted: dict, gold: dict, field: str) -> tuple[list, list]:
    """(missed gold items, wrong predictions) of one article and field: what to look at when a
    score drops."""
    p, g = field_items(predicted, field), field_items(gold, field)
    same = SAME.get(field, lambda a, b: a == b)
    used: set[int] = set()
    missed = []
    for item in g:
        hit = next((i for i, guess in enumerate(p) if i not in used and same(guess, item)), None)
        if hit is None:
            missed.append(item)
        else:
            used.add(hit)
    return missed, [guess for i, guess in enumerate(p) if i not in used]
