"""The scorer counts what it should, and the extractor holds its floors on the dev set."""

import pytest
from pantau_transforms.scoring import score_demo_articles, score_pairs


def test_scoring_score_pairs_counts_matches() -> None:
    gold = {"regions": [{"code": "52.03", "role": "event_location"}, {"code": "52", "role": "mentioned"}],
            "persons": [{"name": "H.M. Juaini Taufik", "office": "Sekda"}],
            "quantities": [{"value": 209000, "unit": "pemilih"}]}
    predicted = {"regions": [{"code": "52.03", "role": "subject"}, {"code": "64", "role": "mentioned"}],
                 "persons": [{"name": "Juaini Taufik", "office": "Sekda"}],
                 "quantities": [{"value": 209000.0, "unit": "Pemilih"}, {"value": 53, "unit": "desa"}]}
    scores = score_pairs([(predicted, gold)])
    assert (scores["regions"].true_positive, scores["regions"].predicted, scores["regions"].gold) == (1, 2, 2)
    assert scores["primary_regions"].f1 == 1.0
    assert scores["persons_with_office"].f1 == 1.0
    assert scores["quantities"].precision == 0.5 and scores["quantities"].recall == 1.0


# Floors on the dev set: a little under the levels reached when they were last raised (the
# README's score table); a change that lowers one fails here.
DEV_FLOORS = {"regions": 0.97, "primary_regions": 0.95, "elections": 0.95, "voting_dates": 0.95,
              "event_types": 0.85, "persons_with_office": 0.95, "quotes_attributed": 0.95,
              "quantities": 0.95}
# The targets on the held-out part, which rules are never tuned on (see FORMAT.md's `split`).
HELDOUT_TARGETS = {"regions": 0.97, "primary_regions": 0.90, "elections": 0.90, "voting_dates": 0.90,
                   "event_types": 0.80, "persons_with_office": 0.85, "quotes_attributed": 0.85,
                   "quantities": 0.90}


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
    assert heldout_scores[field].f1 >= HELDOUT_TARGETS[field], \
        f"{field}: F1 {heldout_scores[field].f1:.3f}"
