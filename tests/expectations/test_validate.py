"""The GX suites run on real rows read from DuckDB and really fail on corrupted ones."""

from collections.abc import Callable
from pathlib import Path

import pytest
from pantau_expectations.validate import (
    QualityCheckFailed,
    load_suites,
    raise_on_critical,
    record_results,
    validate_night,
)
from pantau_warehouse.load import connect, load_night, upsert_outlets

from tests.conftest import NIGHT, article, region

OUTLET = {
    "id": "gema-lotim",
    "name": "Gema Lotim",
    "base_url": "http://127.0.0.1:1/",
    "platform": "blogger",
    "region_code": "52.03",
    "timezone": "Asia/Makassar",
}


def warehouse(tmp_path: Path, staging: Path):  # noqa: ANN201
    con = connect(tmp_path / "w.duckdb")
    upsert_outlets(con, [OUTLET])
    load_night(con, staging, NIGHT)
    return con


def test_validate_load_suites_every_table_has_a_suite() -> None:
    tables = {suite["table"] for suite in load_suites()}
    assert {"articles", "article_regions", "events", "quantities", "quotes"} <= tables


def test_validate_validate_night_clean_rows_pass(
    tmp_path: Path, stage: Callable[..., Path]
) -> None:
    con = warehouse(
        tmp_path,
        stage(
            articles=[article("a1"), article("a2")],
            article_regions=[region("a1", "52.03"), region("a2", "64")],
        ),
    )
    results = validate_night(con, NIGHT)
    assert results and all(r.success for r in results if r.is_critical)
    raise_on_critical(results)  # does not raise


def test_validate_validate_night_catches_unknown_region_and_null_url(
    tmp_path: Path, stage: Callable[..., Path]
) -> None:
    rows = [article("a1"), article("a2", url=""), article("a3")]
    con = warehouse(
        tmp_path,
        stage(
            articles=rows,
            article_regions=[region("a1", "52.03"), region("a2", "99.99"), region("a3", "52.77")],
        ),
    )
    # An empty URL is loaded; NULL it afterwards, as a broken upstream step would.
    con.execute("update articles set url = null where article_id = 'a2'")
    results = validate_night(con, NIGHT)
    failed = {(r.table_name, r.column_name, r.expectation): r for r in results if not r.success}
    unknown = failed[("article_regions", "region_code", "expect_column_values_to_be_in_set")]
    assert unknown.unexpected_count == 2 and unknown.element_count == 3
    assert failed[("articles", "url", "expect_column_values_to_not_be_null")].unexpected_count == 1
    with pytest.raises(QualityCheckFailed) as error:
        raise_on_critical(results)
    message = str(error.value)
    assert (
        "article_regions.region_code: expect_column_values_to_be_in_set failed on 2 of 3 rows"
        in message
    )
    assert "articles.url: expect_column_values_to_not_be_null failed on 1 of 3 rows" in message

    record_results(con, results, NIGHT, "manual__test", tmp_path / "quality.json")
    stored = con.execute(
        "select count(*) from quality_results where not success and is_critical"
    ).fetchall()[0][0]
    assert stored >= 2
    assert (tmp_path / "quality.json").exists()


def test_validate_candidate_results_share_and_evidence(
    tmp_path: Path, stage: Callable[..., Path]
) -> None:
    body = "Paslon nomor urut 4, Piet Hein Babua dan Kasman Ahmad, meraih 37.775 suara. " * 2

    def result(ordinal: int, share: float, candidate: str) -> dict:
        return {
            "article_id": "a1",
            "ordinal": ordinal,
            "election_id": None,
            "race": "pilbup",
            "region_code": "82.03",
            "ballot_number": 4,
            "candidate": candidate,
            "running_mate": "Kasman Ahmad",
            "candidate_person_id": None,
            "running_mate_person_id": None,
            "votes": 37775,
            "share": share,
            "level": "kabupaten",
            "evidence": body[:75],
            "span_start": 0,
            "span_end": 75,
        }

    con = warehouse(
        tmp_path,
        stage(
            articles=[article("a1", body=body)],
            candidate_results=[
                result(0, 41.2, "Piet Hein Babua"),
                result(1, 141.2, "Piet Hein Babua"),
                result(2, 41.2, "Bernard Sagrim"),
            ],
        ),
    )
    failed = {
        (r.column_name, r.expectation): r.unexpected_count
        for r in validate_night(con, NIGHT)
        if r.table_name == "candidate_results" and not r.success
    }
    assert failed == {
        ("share", "expect_column_values_to_be_between"): 1,
        ("evidence_ok", "expect_column_values_to_be_in_set"): 1,
    }
