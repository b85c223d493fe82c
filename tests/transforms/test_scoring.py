"""The scorer counts what it should, and the extractor holds its floors on the dev set."""

import pytest
from pantau_transforms.scoring import score_corpus, score_demo_articles, score_pairs


def test_scoring_score_pairs_counts_matches() -> None:
    gold = {
        "regions": [
            {"code": "52.03", "role": "event_location"},
            {"code": "52", "role": "mentioned"},
        ],
        "persons": [{"name": "H.M. Juaini Taufik", "office": "Sekda"}],
        "quantities": [{"value": 209000, "unit": "pemilih"}],
    }
    predicted = {
        "regions": [{"code": "52.03", "role": "subject"}, {"code": "64", "role": "mentioned"}],
        "persons": [{"name": "Juaini Taufik", "office": "Sekda"}],
        "quantities": [{"value": 209000.0, "unit": "Pemilih"}, {"value": 53, "unit": "desa"}],
    }
    scores = score_pairs([(predicted, gold)])
    assert (
        scores["regions"].true_positive,
        scores["regions"].predicted,
        scores["regions"].gold,
    ) == (1, 2, 2)
    assert scores["primary_regions"].f1 == 1.0
    assert scores["persons_with_office"].f1 == 1.0
    assert scores["quantities"].precision == 0.5 and scores["quantities"].recall == 1.0


def test_scoring_results_events_units_and_election_articles() -> None:
    gold = {
        "election_article": True,
        "events": [{"type": "voting"}, {"type": "counting_recap"}],
        "quantities": [{"value": 3, "unit": "paslon"}],
        "results": [
            {"ballot_number": 2, "candidates": ["Usman Sidik", "Bassam Kasuba"], "votes": 19781},
            {"ballot_number": None, "candidates": ["Helmi Umar Muksin"], "votes": 16660},
        ],
    }
    predicted = {
        "elections": [{"type": "pilbup", "year": 2020}],
        "events": [{"type": "voting", "topics": ["counting_recap", "security"]}],
        "quantities": [{"value": 3, "unit": "pasangan calon"}],
        "results": [
            {"ballot_number": 2, "candidates": ["Usman", "Bassam"], "votes": 19781},
            {"ballot_number": None, "candidates": ["Helmi"], "votes": 16660},
            {"ballot_number": 1, "candidates": ["Helmi"], "votes": 1258},
        ],
    }
    scores = score_pairs([(predicted, gold), ({"elections": []}, {"election_article": True})])
    # Event types are an article's types and topics: voting, counting_recap right, security wrong.
    assert (scores["event_types"].true_positive, scores["event_types"].predicted) == (2, 3)
    assert scores["quantities"].f1 == 1.0  # "paslon" is "pasangan calon" in the unit gazetteer
    assert (
        scores["results"].true_positive,
        scores["results"].predicted,
        scores["results"].gold,
    ) == (2, 3, 2)
    assert (scores["election_article"].true_positive, scores["election_article"].gold) == (1, 2)


# Floors on the dev set: a little under the levels reached when they were last raised (the
# README's score table); a change that lowers one fails here.
DEV_FLOORS = {
    "regions": 0.97,
    "primary_regions": 0.95,
    "elections": 0.95,
    "voting_dates": 0.95,
    "event_types": 0.78,
    "persons_with_office": 0.95,
    "quotes_attributed": 0.95,
    "quantities": 0.95,
}
# The targets on the held-out part, which rules are never tuned on (see FORMAT.md's `split`).
HELDOUT_TARGETS = {
    "regions": 0.97,
    "primary_regions": 0.90,
    "elections": 0.90,
    "voting_dates": 0.90,
    "event_types": 0.80,
    "persons_with_office": 0.85,
    "quotes_attributed": 0.85,
    "quantities": 0.90,
    "election_article": 0.95,
}


@pytest.fixture(scope="module")
def dev_scores() -> dict:
    return score_demo_articles(split="dev", source="html")


@pytest.fixture(scope="module")
def heldout_scores() -> dict:
    return score_demo_articles(split="heldout", source="html")


@pytest.mark.parametrize("field", sorted(DEV_FLOORS))
def test_scoring_score_demo_articles_dev_floors(field: str, dev_scores: dict) -> None:
    assert dev_scores[field].f1 >= DEV_FLOORS[field], f"{field}: F1 {dev_scores[field].f1:.3f}"


@pytest.mark.parametrize("field", sorted(HELDOUT_TARGETS))
def test_scoring_score_demo_articles_heldout_targets(field: str, heldout_scores: dict) -> None:
    assert heldout_scores[field].gold > 0
    assert heldout_scores[field].f1 >= HELDOUT_TARGETS[field], (
        f"{field}: F1 {heldout_scores[field].f1:.3f}"
    )


# Floors on the real-modelled dev part (pantau/demo/corpus/dev, read as stored page copies): a
# little under the figures of the README, which the rules were tuned to. They guard the rules
# against regressions; the targets are reported, not asserted, since not all are met.
REAL_DEV_FLOORS = {
    "regions": 0.91,
    "primary_regions": 0.82,
    "elections": 0.89,
    "voting_dates": 0.89,
    "event_types": 0.76,
    "persons_with_office": 0.84,
    "quotes_attributed": 0.90,
    "quantities": 0.89,
    "results": 0.93,
    "election_article": 0.97,
}


@pytest.fixture(scope="module")
def real_dev_scores() -> dict:
    return score_corpus(split="dev", source="text")


@pytest.mark.parametrize("field", sorted(REAL_DEV_FLOORS))
def test_scoring_score_corpus_dev_floors(field: str, real_dev_scores: dict) -> None:
    assert real_dev_scores[field].gold > 0
    assert real_dev_scores[field].f1 >= REAL_DEV_FLOORS[field], (
        f"{field}: F1 {real_dev_scores[field].f1:.3f}"
    )
