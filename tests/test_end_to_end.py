"""The nightly run end to end: real Airflow (`airflow dags test` on LocalExecutor), real Scrapy
crawls of the local demo sites, trafilatura, DuckDB and GX — then SQL on the warehouse, and the
task logs through Airflow's REST API.

The runs share one Airflow home and one data folder, in order:
  1. a healthy night: every outlet crawled, tables filled, checks passed, warehouse published;
  2. the same night again, while two analysts read the warehouse (one connection held open,
     one reconnecting): nothing added, nobody blocked, every snapshot a whole night;
  3. a night where one outlet answers HTTP 500 and one refuses connections: the others are
     still extracted, loaded and validated; each failure shows in its task's state, in its
     task log (read through the api-server, as the UI reads it) and in the summary;
  4. the night again on a registry without three of the outlets: it reports only its own
     outlets (no ghost of the failures of run 3) and succeeds;
  5. a registry with two bad outlets: the summary's headline is the registry error naming
     both, with no traceback.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
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


def pantau_env(workdir: Path) -> dict[str, str]:
    return {
        "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
        "HOME": str(workdir),
        "PANTAU_DATA": str(workdir / "data"),
        "AIRFLOW_HOME": str(workdir / "airflow"),
    }


def pantau_run(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pantau.cli", "run", *args], cwd=REPO_ROOT, env=pantau_env(workdir),
        capture_output=True, text=True, timeout=900, check=False,
    )


def registry_without(workdir: Path, *outlet_ids: str) -> Path:
    """The demo registry minus some outlets, as a person would edit it."""
    import yaml

    demo = yaml.safe_load((REPO_ROOT / "scrapers" / "outlets" / "demo.yaml").read_text())
    demo["outlets"] = [o for o in demo["outlets"] if o["id"] not in outlet_ids]
    path = workdir / f"without-{'-'.join(outlet_ids)}.yaml"
    path.write_text(yaml.safe_dump(demo, sort_keys=False), encoding="utf-8")
    return path


class AirflowApi:
    """Airflow's REST API (the one the UI reads) as a logged-in user."""

    def __init__(self, base: str, token: str) -> None:
        self.base, self.token = base, token

    def get(self, path: str, **query: object) -> dict:
        url = f"{self.base}/api/v2/{path}" + (f"?{urllib.parse.urlencode(query)}" if query else "")
        request = urllib.request.Request(url, headers={
            "Authorization": f"Bearer {self.token}", "Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())

    def task_log(self, run_id: str, task_id: str, try_number: int, map_index: int = -1) -> str:
        """A task instance's log as the UI shows it: one line per event."""
        run = urllib.parse.quote(run_id, safe="")
        log = self.get(f"dags/pantau_nightly/dagRuns/{run}/taskInstances/{task_id}/logs/"
                       f"{try_number}", map_index=map_index, full_content="true")
        return "\n".join(item.get("event", "") if isinstance(item, dict) else str(item)
                         for item in log["content"])


@contextmanager
def api_server(workdir: Path) -> Iterator[AirflowApi]:
    """`pantau ui` (Airflow's api-server) on a free port of 127.0.0.1, logged in with the
    password it generated; stopped afterwards."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    log = (workdir / "ui.log").open("w")
    env = {**pantau_env(workdir), "AIRFLOW__API__WORKERS": "1"}
    server = subprocess.Popen([sys.executable, "-m", "pantau.cli", "ui", "--port", str(port)],
                              cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        while True:  # start-up time varies with the machine; the server's exit ends the wait
            assert server.poll() is None, (workdir / "ui.log").read_text()[-3000:]
            try:
                with urllib.request.urlopen(f"{base}/api/v2/monitor/health", timeout=5):
                    break
            except OSError:
                time.sleep(0.5)
        passwords = json.loads(
            (workdir / "airflow" / "simple_auth_manager_passwords.json.generated").read_text())
        assert (workdir / "ui.log").read_text().count(passwords["admin"]) == 1  # told to the user
        request = urllib.request.Request(
            f"{base}/auth/token", method="POST",
            data=json.dumps({"username": "admin", "password": passwords["admin"]}).encode(),
            headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            token = json.loads(response.read())["access_token"]
        yield AirflowApi(base, token)
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()


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


def test_end_to_end_task_logs_through_rest_api(workdir: Path) -> None:
    """After run 3, each task instance's log holds its own lines, read as the UI reads them."""
    with api_server(workdir) as api:
        with pytest.raises(urllib.error.HTTPError) as anonymous:
            urllib.request.urlopen(f"{api.base}/api/v2/dags", timeout=60)
        assert anonymous.value.code == 401  # no all-admins: the API wants the login
        (run,) = api.get("dags/pantau_nightly/dagRuns", order_by="-run_after", limit=1)["dag_runs"]
        run_id = urllib.parse.quote(run["dag_run_id"], safe="")
        crawls = {ti["rendered_map_index"]: ti for ti in api.get(
            f"dags/pantau_nightly/dagRuns/{run_id}/taskInstances/crawl/listMapped")["task_instances"]}
        logs = {outlet: api.task_log(run["dag_run_id"], "crawl", ti["try_number"], ti["map_index"])
                for outlet, ti in crawls.items()}
        summary_ti = api.get(f"dags/pantau_nightly/dagRuns/{run_id}/taskInstances/summarize")
        summary_log = api.task_log(run["dag_run_id"], "summarize", summary_ti["try_number"])
        extract_log = api.task_log(run["dag_run_id"], "extract", 1)
    assert crawls["suara-pegunungan"]["state"] == "failed"
    dead = logs["suara-pegunungan"]
    assert "crawl suara-pegunungan: FAILED — connection refused" in dead
    assert "0 fetched" in dead and " bytes" in dead
    assert "crawl madura-terkini: FAILED" in logs["madura-terkini"]
    assert "HTTP 500" in logs["madura-terkini"]
    # Each instance holds its own outlet's lines only.
    assert "madura-terkini" not in dead and "suara-pegunungan" not in logs["gema-lotim"]
    assert "crawl gema-lotim: ok (13 fetched, 0 new, 0 duplicates" in logs["gema-lotim"]
    assert "extract: " in extract_log and "articles from" in extract_log
    assert "Pantau nightly run — night" in summary_log
    assert "FAILED suara-pegunungan: connection refused" in summary_log
    # `pantau run` shows the same summary as the run's note.
    assert run["note"].startswith("Pantau nightly run — night")
    assert "FAILED suara-pegunungan: connection refused" in run["note"]


def test_end_to_end_registry_without_outlets_reports_only_itself(workdir: Path) -> None:
    registry = registry_without(workdir, "benua-etam", "madura-terkini", "suara-pegunungan")
    result = pantau_run(workdir, "--registry", str(registry))
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    night = summary(workdir)
    assert sorted(night["outlets_ok"]) == ["celebes-pos", "gema-lotim", "pojok-kutim"]
    assert night["outlets_failed"] == {} and night["ok"]  # run 3's failures are not this run's
    assert sorted(night["crawls"]) == ["celebes-pos", "gema-lotim", "pojok-kutim"]
    assert night["articles_extracted"] == night["articles_fetched"] == 39
    assert "benua-etam" not in result.stdout and "madura-terkini" not in result.stdout
    assert "crawl gema-lotim: ok" in result.stdout  # progress names outlets, not map indexes
    assert "#0" not in result.stdout and "#1" not in result.stdout


def test_end_to_end_bad_registry_is_the_headline(workdir: Path) -> None:
    bad = registry_without(workdir, "benua-etam").read_text(encoding="utf-8")
    bad = bad.replace("region_code: '52.03'", "region_code: '99.99'", 1)
    bad = bad.replace("platform: generic", "platform: joomla", 1)
    (workdir / "sites").mkdir(exist_ok=True)
    path = workdir / "sites" / "bad.yaml"
    path.write_text(bad.replace("127.0.0.1:0", "127.0.0.1:9"), encoding="utf-8")
    result = pantau_run(workdir, "--registry", str(path), "--no-serve-demo-sites")
    assert result.returncode == 1
    night = summary(workdir)
    assert night["registry_error"] == f"{path}: 2 problems"
    assert night["registry_problems"] == [
        "outlet gema-lotim: field 'region_code': '99.99' is not a province or "
        "regency of the gazetteer (transforms/pantau_transforms/rules/regions/*.csv); check the "
        "Kemendagri code",
        "outlet suara-pegunungan: field 'platform': Input should be 'wordpress', 'blogger' or "
        "'generic'",
    ]
    assert night["outlets_ok"] == [] and night["outlets_failed"] == {} and not night["ok"]
    report = result.stdout.split("Pantau nightly run", 1)[1]
    assert report.startswith(" — night ")
    assert "NOT RUN: the outlet registry cannot be used" in report
    assert "outlet gema-lotim: field 'region_code'" in report
    assert "outlet suara-pegunungan: field 'platform'" in report
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr
