"""The nightly run end to end: real Airflow (`airflow dags test`), real Scrapy crawls of the
local demo sites, trafilatura, DuckDB and GX — then SQL on the warehouse.

Three runs share one Airflow home and one data folder, in order:
  1. a healthy night: every outlet crawled, tables filled, checks passed, warehouse published;
  2. the same night again, while two analysts read the warehouse (one connection held open,
     one reconnecting): nothing added, nobody blocked, every snapshot a whole night;
  3. a night where one outlet answers HTTP 500 and one refuses connections: the others are
     still extracted, loaded and validated; each failure shows in its task's state, in the
     log and in the summary.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pantau.paths import REPO_ROOT

pytestmark = pytest.mark.slow

TABLES = ("articles", "events", "article_regions", "article_elections", "elections",
          "person_roles", "quotes", "quantities")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e")


def pantau_run(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
        "HOME": str(workdir),
        "PANTAU_DATA": str(workdir / "data"),
        "AIRFLOW_HOME": str(workdir / "airflow"),
    }
    return subprocess.run(
        [sys.executable, "-m", "pantau.cli", "run", *args], cwd=REPO_ROOT, env=env,
        capture_output=True, text=True, timeout=900, check=False,
    )


def table_counts(workdir: Path) -> dict[str, int]:
    with duckdb.connect(str(workdir / "data" / "pantau.duckdb"), read_only=True) as con:
        return {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in TABLES}


def summary(workdir: Path) -> dict:
    return json.loads((workdir / "data" / "last_summary.json").read_text())


def crawl_states(workdir: Path) -> dict[str, str]:
    """Outlet label -> state of the crawl task instances of the newest run (Airflow's own DB)."""
    with sqlite3.connect(workdir / "airflow" / "airflow.db") as db:
        run_id = db.execute(
            "select run_id from dag_run where dag_id = 'pantau_nightly' "
            "order by id desc limit 1").fetchall()[0][0]
        rows = db.execute(
            "select rendered_map_index, state from task_instance "
            "where dag_id = 'pantau_nightly' and task_id = 'crawl' and run_id = ?", [run_id],
        ).fetchall()
    return dict(rows)


def test_end_to_end_healthy_night(workdir: Path) -> None:
    result = pantau_run(workdir)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    night = summary(workdir)
    assert len(night["outlets_ok"]) == 6 and night["outlets_failed"] == {}
    assert night["articles_new"] >= 45
    assert night["critical_checks_failed"] == 0
    assert night["validated"] and night["checks_passed"] >= 20
    assert night["published"] and not (workdir / "data" / "work" / "pantau.duckdb").exists()
    assert "quality checks:" in result.stdout and "try: duckdb" in result.stdout
    assert set(crawl_states(workdir).values()) == {"success"}

    counts = table_counts(workdir)
    assert counts["articles"] == night["articles_new"]
    assert counts["events"] > 0 and counts["article_regions"] > 0
    with duckdb.connect(str(workdir / "data" / "pantau.duckdb"), read_only=True) as con:
        # Every outlet contributed, and every article is Indonesian with a clean body.
        per_outlet = dict(con.execute(
            "select outlet_id, count(*) from articles group by 1").fetchall())
        assert len(per_outlet) == 6 and min(per_outlet.values()) >= 5
        leftovers = con.execute(
            "select count(*) from articles where regexp_matches(body, "
            "'(?m)^(Tinggalkan Balasan|Leave a Reply|Berikan Balasan|Pos terkait|Iklan)$')"
        ).fetchall()[0][0]
        assert leftovers == 0
        # Evidence spans point into the body.
        bad_spans = con.execute(
            "select count(*) from events e join articles a using (article_id) "
            "where e.span_start is not null and "
            "substr(a.body, e.span_start + 1, e.span_end - e.span_start) <> e.evidence"
        ).fetchall()[0][0]
        assert bad_spans == 0
        # Every fact's evidence span holds what the fact says.
        for table, column in (("quotes", "text"), ("quantities", "text")):
            wrong = con.execute(
                f"select count(*) from {table} t join articles a using (article_id) "
                f"where substr(a.body, t.span_start + 1, t.span_end - t.span_start) <> t.{column}"
            ).fetchall()[0][0]
            assert wrong == 0, table
        named = con.execute(
            "select count(*), count(*) filter (where strpos(substr(a.body, r.span_start + 1, "
            "r.span_end - r.span_start), split_part(r.name, ' ', -1)) > 0) "
            "from person_roles r join articles a using (article_id)").fetchall()[0]
        assert named[0] > 100 and named[0] == named[1]
        # One person across outlets of a province: the Pjs Bupati of Kutai Timur.
        agus = con.execute(
            "select p.name, list(distinct a.outlet_id order by a.outlet_id), list(distinct r.office) "
            "from persons p join person_roles r using (person_id) join articles a using (article_id) "
            "where p.match_key = 'agus hari kesuma' group by all").fetchall()
        assert agus == [("HM Agus Hari Kesuma", ["benua-etam", "pojok-kutim"], ["Pjs Bupati"])]
        # The Balikpapan rakor of 13 November 2024, reported by two outlets, is one cluster.
        cluster = con.execute(
            "select outlet_count, form from event_clusters where region_code = '64.71' "
            "and event_date = date '2024-11-13' and type = 'coordination_meeting' order by form"
        ).fetchall()
        assert ("rakor" in [f for _n, f in cluster]) and max(n for n, _f in cluster) == 2
        # The seed-fact article from Lombok Timur is there with its election.
        pilkades = con.execute(
            "select count(*) from article_elections ae join articles a using (article_id) "
            "where a.outlet_id = 'gema-lotim' and ae.type = 'pilkades' and ae.year = 2023 "
            "and ae.voting_date = date '2023-03-15'").fetchall()[0][0]
        assert pilkades >= 1


def test_end_to_end_second_run_adds_nothing(workdir: Path, tmp_path: Path) -> None:
    before = table_counts(workdir)
    warehouse = workdir / "data" / "pantau.duckdb"
    readers = [subprocess.Popen(
        [sys.executable, "-m", "tests.warehouse.reader", str(warehouse), str(tmp_path),
         "--mode", mode], cwd=REPO_ROOT) for mode in ("hold", "reconnect")]
    try:
        result = pantau_run(workdir)
    finally:
        (tmp_path / "stop").touch()
        for reader in readers:
            reader.wait(timeout=120)
    assert result.returncode == 0, result.stdout[-4000:]
    held = json.loads((tmp_path / "hold.json").read_text())
    fresh = json.loads((tmp_path / "reconnect.json").read_text())
    assert held["errors"] == [] and fresh["errors"] == []
    # The held connection kept the first run's snapshot; the reconnecting reader moved from it
    # to the second run's, each a whole validated night.
    assert len(held["snapshots"]) == 1 and held["queries"] > 1
    assert [s["run_id"] for s in fresh["snapshots"]][:1] == [held["snapshots"][0]["run_id"]]
    assert len(fresh["snapshots"]) == 2
    night = summary(workdir)
    assert night["articles_new"] == 0 and night["articles_updated"] == 0
    assert night["articles_duplicate"] == before["articles"]
    assert table_counts(workdir) == before


def test_end_to_end_dead_outlets_fail_alone(workdir: Path) -> None:
    before = table_counts(workdir)
    result = pantau_run(workdir, "--fault", "madura-terkini=http500",
                        "--fault", "suara-pegunungan=refuse")
    assert result.returncode == 1
    night = summary(workdir)
    assert sorted(night["outlets_failed"]) == ["madura-terkini", "suara-pegunungan"]
    assert "HTTP 500" in night["outlets_failed"]["madura-terkini"]
    assert "connection refused" in night["outlets_failed"]["suara-pegunungan"]
    assert len(night["outlets_ok"]) == 4
    # The healthy outlets went all the way through.
    assert night["articles_extracted"] > 0 and night["critical_checks_failed"] == 0
    assert night["articles_duplicate"] == night["articles_extracted"]
    assert table_counts(workdir) == before
    states = crawl_states(workdir)
    assert states["madura-terkini"] == "failed" and states["suara-pegunungan"] == "failed"
    assert sum(state == "success" for state in states.values()) == 4
    assert "FAILED madura-terkini" in result.stdout
    with duckdb.connect(str(workdir / "data" / "pantau.duckdb"), read_only=True) as con:
        failed = dict(con.execute(
            "select outlet_id, reason from crawl_runs where status = 'failed'").fetchall())
    assert set(failed) == {"madura-terkini", "suara-pegunungan"}
