from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from pantau_warehouse.load import connect, load_night

from tests.conftest import NIGHT, article, region


def counts(con) -> dict[str, int]:  # noqa: ANN001
    return {
        t: con.execute(f"select count(*) from {t}").fetchall()[0][0]
        for t in ("articles", "article_regions")
    }


def test_load_connect_applies_migrations_once(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    con = connect(path)
    applied = [
        r[0] for r in con.execute("select name from schema_migrations order by 1").fetchall()
    ]
    assert applied[0].startswith("001_") and len(applied) >= 4
    assert con.execute("select name from regions where region_code = '52.03'").fetchall()[0] == (
        "Lombok Timur",
    )
    con.close()
    con = connect(path)
    assert con.execute("select count(*) from schema_migrations").fetchall()[0][0] == len(applied)
    con.close()


def test_load_load_night_twice_changes_nothing(tmp_path: Path, stage: Callable[..., Path]) -> None:
    staging = stage(
        articles=[article("a1"), article("a2")],
        article_regions=[region("a1", "52.03"), region("a2", "52", 0)],
    )
    con = connect(tmp_path / "w.duckdb")
    first = load_night(con, staging, NIGHT)
    after_first = counts(con)
    second = load_night(con, staging, NIGHT)
    assert (first.new, first.unchanged) == (2, 0)
    assert (second.new, second.updated, second.unchanged) == (0, 0, 2)
    assert counts(con) == after_first == {"articles": 2, "article_regions": 2}


def test_load_load_night_edited_article_replaces_facts(
    tmp_path: Path, stage: Callable[..., Path]
) -> None:
    con = connect(tmp_path / "w.duckdb")
    load_night(
        con,
        stage(
            "n1",
            articles=[article("a1")],
            article_regions=[region("a1", "52.03"), region("a1", "52", 1)],
        ),
        NIGHT,
    )
    edited = article("a1", body="Isi berita yang sudah diperbaiki redaksi. " * 4)
    stats = load_night(
        con, stage("n2", articles=[edited], article_regions=[region("a1", "64.08")]), NIGHT
    )
    assert stats.updated == 1
    assert con.execute("select region_code from article_regions").fetchall() == [("64.08",)]
    assert con.execute("select body from articles").fetchall()[0][0] == edited["body"]


def test_load_load_night_rolls_back_on_error(tmp_path: Path, stage: Callable[..., Path]) -> None:
    con = connect(tmp_path / "w.duckdb")
    load_night(con, stage("ok", articles=[article("a1")]), NIGHT)
    broken = article("a2")
    broken["title"] = None  # violates NOT NULL
    try:
        load_night(con, stage("bad", articles=[broken]), NIGHT)
    except Exception:  # noqa: BLE001 - any database error will do
        pass
    else:
        raise AssertionError("a NULL title was loaded")
    assert counts(con)["articles"] == 1


def test_load_connect_documents_tables_and_columns(tmp_path: Path) -> None:
    con = connect(tmp_path / "w.duckdb")
    table_doc = con.execute(
        "select comment from duckdb_tables() where table_name = 'events'"
    ).fetchall()[0][0]
    assert table_doc.startswith("One row per event")
    undocumented = con.execute(
        "select table_name, column_name from duckdb_columns() where schema_name = 'main' "
        "and not internal "
        "and table_name not in ('schema_migrations') and (comment is null or comment = '')"
    ).fetchall()
    assert undocumented == []


def test_load_event_clusters_joins_outlets_reporting_one_event(
    tmp_path: Path, stage: Callable[..., Path]
) -> None:
    second = article("a2") | {"outlet_id": "pojok-kutim"}
    third = article("a3") | {"outlet_id": "benua-etam"}

    def event(aid: str, form: str) -> dict:
        return {
            "event_id": f"{aid}-0",
            "article_id": aid,
            "type": "coordination_meeting",
            "form": form,
            "event_date": NIGHT,
            "date_text": "Rabu (13/11/2024)",
            "venue": None,
            "region_code": "64.71",
            "election_id": "pilkada-2024",
            "topics": [],
            "confidence": 0.9,
            "evidence": "rakor",
            "span_start": 0,
            "span_end": 5,
        }

    con = connect(tmp_path / "w.duckdb")
    load_night(
        con,
        stage(
            articles=[article("a1"), second, third],
            events=[event("a1", "rakor"), event("a2", "rakor"), event("a3", "apel")],
        ),
        NIGHT,
    )
    rows = con.execute(
        "select form, event_count, outlet_count, len(article_ids) from event_clusters order by form"
    ).fetchall()
    # The two rakor reports are one meeting; the apel that day in the same town is another.
    assert rows == [("apel", 1, 1, 1), ("rakor", 2, 2, 2)]
    comment = con.execute(
        "select comment from duckdb_views() where view_name = 'event_clusters'"
    ).fetchall()[0][0]
    assert comment.startswith("One row per real-world event")


def test_load_candidate_results_replaced_with_their_article(
    tmp_path: Path, stage: Callable[..., Path]
) -> None:
    def result(aid: str, votes: int) -> dict:
        return {
            "article_id": aid,
            "ordinal": 0,
            "election_id": "pilbup-2024-82.03",
            "race": "pilbup",
            "region_code": "82.03",
            "ballot_number": 4,
            "candidate": "Piet Hein Babua",
            "running_mate": "Kasman Ahmad",
            "candidate_person_id": "p1",
            "running_mate_person_id": "p2",
            "votes": votes,
            "share": 41.2,
            "level": "kabupaten",
            "evidence": "Piet Hein Babua …",
            "span_start": 0,
            "span_end": 17,
        }

    con = connect(tmp_path / "w.duckdb")
    load_night(
        con, stage("n1", articles=[article("a1")], candidate_results=[result("a1", 37775)]), NIGHT
    )
    edited = article("a1", body="Hasil pleno diperbaiki setelah saksi keberatan. " * 4)
    load_night(con, stage("n2", articles=[edited], candidate_results=[result("a1", 37770)]), NIGHT)
    assert con.execute("select votes, share, level from candidate_results").fetchall() == [
        (37770, 41.2, "kabupaten")
    ]
    assert (
        con.execute("select comment from duckdb_tables() where table_name = 'candidate_results'")
        .fetchall()[0][0]
        .startswith("One row per result of a candidate")
    )


OUTLET = {"id": "gema-lotim", "name": "Gema Lotim", "base_url": "http://127.0.0.1:1/",
          "platform": "blogger", "region_code": "52.03", "timezone": "Asia/Makassar"}


def crawl_verdict(articles: int) -> dict:
    return {"outlet_id": "gema-lotim", "status": "ok", "reason": None, "articles": articles,
            "responses": articles + 1, "statuses": {"200": articles}, "errors": {},
            "finished_at": "2024-11-14T18:30:00+00:00"}


def test_load_load_night_outlets_and_crawl_runs_roll_back_with_the_articles(
    tmp_path: Path, stage: Callable[..., Path]
) -> None:
    con = connect(tmp_path / "w.duckdb")
    broken = article("a1")
    broken["title"] = None  # violates NOT NULL, after outlets and crawl_runs were written
    try:
        load_night(con, stage(articles=[broken]), NIGHT, outlets=[OUTLET],
                   crawls=[crawl_verdict(1)], run_id="r1")
    except Exception:  # noqa: BLE001 - any database error will do
        pass
    else:
        raise AssertionError("a NULL title was loaded")
    result = {t: con.execute(f"select count(*) from {t}").fetchall()[0][0]
              for t in ("outlets", "crawl_runs", "articles", "warehouse_builds")}
    expected = {"outlets": 0, "crawl_runs": 0, "articles": 0, "warehouse_builds": 0}
    assert result == expected


def test_load_load_night_records_its_build(tmp_path: Path, stage: Callable[..., Path]) -> None:
    con = connect(tmp_path / "w.duckdb")
    load_night(con, stage(articles=[article("a1"), article("a2")]), NIGHT, outlets=[OUTLET],
               crawls=[crawl_verdict(2)], run_id="r1")
    result = con.execute(
        "select run_id, night, articles, night_articles, crawl_runs, validated_at, published_at "
        "from warehouse_builds").fetchall()
    assert result == [("r1", NIGHT, 2, 2, 1, None, None)]


def test_load_quality_results_current_is_the_latest_validation_of_each_night(
    tmp_path: Path,
) -> None:
    con = connect(tmp_path / "w.duckdb")
    other_night = date(2024, 11, 15)

    def checks(run_id: str, night: date, hour: int, success: bool) -> None:
        checked_at = datetime(2024, 11, 15, hour, tzinfo=UTC)
        con.executemany(
            "insert into quality_results values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(run_id, night, table, "expect_column_values_to_not_be_null", "article_id", True,
              success, 3, 0 if success else 1, checked_at) for table in ("articles", "events")])

    checks("run-a", NIGHT, 1, False)
    checks("run-b", NIGHT, 2, True)   # the same night validated again: this set is current
    checks("run-c", other_night, 3, True)
    checks("run-c", other_night, 4, True)  # a cleared validate task re-run under the same run id
    result = con.execute(
        "select night, run_id, checked_at, count(*), bool_and(success) "
        "from quality_results_current group by all order by 1").fetchall()
    expected = [(NIGHT, "run-b", datetime(2024, 11, 15, 2, tzinfo=UTC), 2, True),
                (other_night, "run-c", datetime(2024, 11, 15, 4, tzinfo=UTC), 2, True)]
    assert result == expected
    comment = con.execute(
        "select comment from duckdb_views() where view_name = 'quality_results_current'"
    ).fetchall()[0][0]
    assert comment.startswith("One row per expectation per table of the latest validation")
