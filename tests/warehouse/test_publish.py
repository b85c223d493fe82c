"""Publishing the warehouse: real nightly steps in real subprocesses, killed with SIGKILL at the
test pause points (``pantau_warehouse.hooks``), and real read-only DuckDB readers held open
across a publish. The published file must never change except by a whole validated night.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest
from pantau_expectations.validate import QualityCheckFailed
from pantau_transforms.batch import write_staging
from pantau_warehouse.hooks import POINTS
from pantau_warehouse.publish import PublishError

from pantau import nightly, paths
from pantau.paths import REPO_ROOT
from tests.conftest import article, region

NIGHT1, NIGHT2, NIGHT3 = "2024-11-14", "2024-11-15", "2024-11-16"
OUTLETS = ("gema-lotim", "pojok-kutim")
# Waiting for a subprocess to reach a point is bounded so a broken run fails the test instead
# of hanging it; it is a deadline, not a measurement.
DEADLINE_SECONDS = 300
COUNTED = ("articles", "article_regions", "outlets", "crawl_runs")


def night_article(article_id: str, night: str, **overrides: object) -> dict:
    seen = date.fromisoformat(night)
    return article(article_id) | {
        "first_seen_night": seen, "last_seen_night": seen,
        "fetched_at": datetime(seen.year, seen.month, seen.day, 18, 0, tzinfo=UTC),
    } | overrides


def write_night(night: str, article_ids: list[str], **overrides: object) -> None:
    """The files crawl and extract leave for a night: staging Parquet and crawl verdicts."""
    rows = [night_article(a, night, **overrides) for a in article_ids]
    write_staging({"articles": rows, "article_regions": [region(a, "52.03") for a in article_ids]},
                  paths.staging_dir(night))
    for outlet_id in OUTLETS:
        verdict = {"outlet_id": outlet_id, "status": "ok", "reason": None,
                   "articles": len(article_ids), "responses": len(article_ids) + 2,
                   "statuses": {"200": len(article_ids)}, "errors": {},
                   "finished_at": f"{night}T18:30:00+00:00"}
        status = paths.raw_dir(night) / f"{outlet_id}.status.json"
        status.parent.mkdir(parents=True, exist_ok=True)
        status.write_text(json.dumps(verdict), encoding="utf-8")


def as_run(night: str, run_id: str) -> None:
    """What list_outlets and the crawls of run ``run_id`` leave: the run's outlets, and its
    crawl verdicts stamped with its run id (the steps read only their own run's files)."""
    (paths.night_dir(night) / "outlets.json").write_text(json.dumps(
        {"run_id": run_id, "registry": "test", "outlets": list(OUTLETS), "error": None,
         "problems": []}), encoding="utf-8")
    for status in paths.raw_dir(night).glob("*.status.json"):
        verdict = json.loads(status.read_text(encoding="utf-8"))
        status.write_text(json.dumps({**verdict, "run_id": run_id}), encoding="utf-8")


def run_night(night: str, run_id: str) -> None:
    """The night's warehouse steps in this process, as the DAG's tasks call them."""
    as_run(night, run_id)
    nightly.load(night, run_id)
    nightly.validate(night, run_id)
    nightly.publish(night, run_id)


def counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        found = {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in COUNTED}
        found["newest_build"] = con.execute(
            "select night::varchar from warehouse_builds order by loaded_at desc limit 1"
        ).fetchall()[0][0]
        return found


def fingerprint(db: Path) -> str:
    """The published file's bytes; a WAL beside it would be a change too."""
    assert not Path(f"{db}.wal").exists()
    return hashlib.sha256(db.read_bytes()).hexdigest()


# The steps of a night as the DAG runs them, each in this one subprocess.
DRIVER = (
    "import sys\n"
    "from pantau import nightly\n"
    "night, run_id, *steps = sys.argv[1:]\n"
    "for step in steps:\n"
    "    getattr(nightly, step)(night, run_id)\n"
)


def start_night(night: str, run_id: str, hook_dir: Path, pause_at: str | None,
                steps: tuple[str, ...] = ("load", "validate", "publish")) -> subprocess.Popen:
    as_run(night, run_id)
    env = dict(os.environ, PANTAU_TEST_HOOK_DIR=str(hook_dir))
    env.pop("PANTAU_TEST_PAUSE_AT", None)
    if pause_at:
        env["PANTAU_TEST_PAUSE_AT"] = pause_at
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, night, run_id, *steps],
        cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def wait_until(done: callable, process: subprocess.Popen | None, what: str) -> None:  # type: ignore[valid-type]
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not done():
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the night's process ended ({process.returncode}) before "
                                 f"{what}:\n" + process.stderr.read()[-3000:])
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what} after {DEADLINE_SECONDS} s")
        time.sleep(0.05)


@pytest.fixture(scope="module")
def night1_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder where night 1 (articles a1, a2) was loaded, validated and published —
    made once, since validation alone takes seconds."""
    data = tmp_path_factory.mktemp("night1") / "data"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PANTAU_DATA", str(data))
        write_night(NIGHT1, ["a1", "a2"])
        run_night(NIGHT1, "run-night1")
    return data


@pytest.fixture
def published_night1(night1_template: Path) -> Path:
    """This test's own copy of the night-1 data folder; the published warehouse in it."""
    shutil.copytree(night1_template, paths.data_dir())
    return paths.warehouse_path()


# Night 2 re-sees a2 unchanged and brings a3, a4: 4 articles, 4 regions, 2 nights × 2 crawls.
EXPECTED_AFTER_NIGHT2 = {"articles": 4, "article_regions": 4, "outlets": 6, "crawl_runs": 4,
                         "newest_build": NIGHT2}


@pytest.mark.parametrize("point", POINTS)
def test_publish_sigkill_leaves_published_warehouse_unchanged(
    point: str, published_night1: Path, tmp_path: Path
) -> None:
    before, before_counts = fingerprint(published_night1), counts(published_night1)
    write_night(NIGHT2, ["a2", "a3", "a4"])
    hook_dir = tmp_path / "hooks"
    if point.startswith("publish"):
        # Loaded and validated here (the same code, without a second GX start-up); the
        # publish is the process killed.
        nightly.load(NIGHT2, "run-night2")
        nightly.validate(NIGHT2, "run-night2")
        process = start_night(NIGHT2, "run-night2", hook_dir, point, steps=("publish",))
    else:
        process = start_night(NIGHT2, "run-night2", hook_dir, point)
    reached = hook_dir / f"{point}.reached"
    wait_until(reached.exists, process, f"pause point {point}")
    os.kill(int(reached.read_text()), signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL

    assert fingerprint(published_night1) == before
    assert counts(published_night1) == before_counts
    assert before_counts["newest_build"] == NIGHT1 and before_counts["crawl_runs"] == 2
    # The next run of the night completes it: the right counts, published.
    run_night(NIGHT2, "run-night2-again")
    assert counts(published_night1) == EXPECTED_AFTER_NIGHT2
    assert not paths.work_warehouse_path().exists()


def test_publish_rerun_of_a_night_changes_no_counts(published_night1: Path) -> None:
    write_night(NIGHT2, ["a2", "a3", "a4"])
    run_night(NIGHT2, "run-night2")
    assert counts(published_night1) == EXPECTED_AFTER_NIGHT2
    run_night(NIGHT2, "run-night2-again")
    assert counts(published_night1) == EXPECTED_AFTER_NIGHT2
    with duckdb.connect(str(published_night1), read_only=True) as con:
        # Each run is a build and a validation of its own; the current results are the last.
        assert con.execute("select count(*) from warehouse_builds").fetchall() == [(3,)]
        assert con.execute("select distinct run_id from quality_results_current "
                           "where night = date '2024-11-15'").fetchall() == [("run-night2-again",)]


def test_publish_sigkill_mid_load_leaves_no_crawl_runs_without_articles(
    published_night1: Path, tmp_path: Path
) -> None:
    write_night(NIGHT2, ["a2", "a3", "a4"])
    hook_dir = tmp_path / "hooks"
    process = start_night(NIGHT2, "run-night2", hook_dir, pause_at="load-before-commit")
    reached = hook_dir / "load-before-commit.reached"
    wait_until(reached.exists, process, "the load's last statement before commit")
    os.kill(int(reached.read_text()), signal.SIGKILL)
    process.wait()
    # The killed transaction held the crawl verdicts as well as the articles: DuckDB's recovery
    # of the working file drops both.
    with duckdb.connect(str(paths.work_warehouse_path()), read_only=True) as con:
        assert con.execute("select count(*) from crawl_runs where night = ?",
                           [date.fromisoformat(NIGHT2)]).fetchall()[0][0] == 0
        assert con.execute("select count(*) from articles").fetchall()[0][0] == 2


def test_publish_reader_held_open_across_publish_never_blocked_nor_sees_half_a_night(
    published_night1: Path, tmp_path: Path
) -> None:
    reports = tmp_path / "readers"
    reports.mkdir()
    readers = {
        mode: subprocess.Popen(
            [sys.executable, "-m", "tests.warehouse.reader", str(published_night1), str(reports),
             "--mode", mode], cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)
        for mode in ("hold", "reconnect")
    }

    def queries(mode: str) -> int:
        report = reports / f"{mode}.json"
        return json.loads(report.read_text())["queries"] if report.exists() else 0

    try:
        for mode, reader in readers.items():
            wait_until(lambda m=mode: queries(m) >= 1, reader, f"the {mode} reader's first query")
        write_night(NIGHT2, ["a2", "a3", "a4"])
        hook_dir = tmp_path / "hooks"
        # The night's steps while both readers query: the load (copy of the published file
        # and load) in a process of its own, the validation here (it touches only the working
        # file; here GX starts once per session), the publish in a process that stops with the
        # sealed file ready to rename until both readers have queried again.
        loader = start_night(NIGHT2, "run-night2", hook_dir, None, steps=("load",))
        _out, err = loader.communicate(timeout=DEADLINE_SECONDS)
        assert loader.returncode == 0, err[-3000:]
        nightly.validate(NIGHT2, "run-night2")
        writer = start_night(NIGHT2, "run-night2", hook_dir, "publish-before-replace",
                             steps=("publish",))
        wait_until((hook_dir / "publish-before-replace.reached").exists, writer,
                   "the sealed working file")
        marks = {mode: queries(mode) for mode in readers}
        for mode, reader in readers.items():
            wait_until(lambda m=mode: queries(m) > marks[m] + 3, reader, f"{mode} queries")
        (hook_dir / "publish-before-replace.go").touch()
        _out, err = writer.communicate(timeout=DEADLINE_SECONDS)
        assert writer.returncode == 0, err[-3000:]
        marks = {mode: queries(mode) for mode in readers}
        for mode, reader in readers.items():
            wait_until(lambda m=mode: queries(m) > marks[m] + 3, reader, f"{mode} queries")
    finally:
        (reports / "stop").touch()
        for reader in readers.values():
            reader.wait(timeout=DEADLINE_SECONDS)
    held = json.loads((reports / "hold.json").read_text())
    fresh = json.loads((reports / "reconnect.json").read_text())
    assert held["errors"] == [] and fresh["errors"] == []
    # The open connection keeps the snapshot it opened; a new connection sees the new night,
    # and nothing in between.
    assert [s["night"] for s in held["snapshots"]] == [NIGHT1]
    assert [(s["night"], s["articles"]) for s in fresh["snapshots"]] == [(NIGHT1, 2), (NIGHT2, 4)]
    assert counts(published_night1) == EXPECTED_AFTER_NIGHT2


def test_publish_refuses_a_build_not_validated(published_night1: Path) -> None:
    before = fingerprint(published_night1)
    write_night(NIGHT2, ["a3"])
    nightly.load(NIGHT2, "run-night2")
    with pytest.raises(PublishError, match="has not passed validation"):
        nightly.publish(NIGHT2, "run-night2")
    with pytest.raises(PublishError, match="no build of night 2024-11-15 by run other-run"):
        nightly.publish(NIGHT2, "other-run")
    assert fingerprint(published_night1) == before


def test_publish_failed_validation_keeps_the_night_out_of_every_later_snapshot(
    published_night1: Path,
) -> None:
    before = fingerprint(published_night1)
    write_night(NIGHT2, ["bad"], url="ftp://example.invalid/bad")  # breaks a critical regex check
    nightly.load(NIGHT2, "run-night2")
    with pytest.raises(QualityCheckFailed):
        nightly.validate(NIGHT2, "run-night2")
    with pytest.raises(PublishError):
        nightly.publish(NIGHT2, "run-night2")
    assert fingerprint(published_night1) == before
    # The failed night stays queryable in the working file, never in the published one …
    with duckdb.connect(str(paths.work_warehouse_path()), read_only=True) as con:
        bad = con.execute("select count(*) from articles where article_id = 'bad'").fetchall()
    assert bad == [(1,)]
    # … and the next night is built on what was published, not on the failed night.
    write_night(NIGHT3, ["a5"])
    run_night(NIGHT3, "run-night3")
    with duckdb.connect(str(published_night1), read_only=True) as con:
        ids = [r[0] for r in con.execute("select article_id from articles order by 1").fetchall()]
        nights = con.execute(
            "select distinct night::varchar from quality_results order by 1").fetchall()
    assert ids == ["a1", "a2", "a5"]
    assert nights == [(NIGHT1,), (NIGHT3,)]


def test_publish_cleared_publish_task_run_again_is_a_no_op(published_night1: Path) -> None:
    before = fingerprint(published_night1)
    assert nightly.publish(NIGHT1, "run-night1")["seconds"] == 0.0
    assert fingerprint(published_night1) == before


def test_publish_takes_over_a_wal_left_beside_the_published_file(published_night1: Path) -> None:
    # A writer of the days before publishing wrote the published file in place and was killed
    # before its checkpoint: its commit is only in the WAL beside the file.
    in_place_writer = (
        "import duckdb, os, signal, sys\n"
        "con = duckdb.connect(sys.argv[1])\n"
        "con.execute(\"set checkpoint_threshold = '1TB'\")\n"
        "con.execute(\"insert into crawl_runs values (date '2024-11-01', 'gema-lotim', 'failed', "
        "'HTTP 500', 0, 3, '{}', '{}', null)\")\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    subprocess.run([sys.executable, "-c", in_place_writer, str(published_night1)], check=False)
    assert Path(f"{published_night1}.wal").exists()
    write_night(NIGHT2, ["a2", "a3", "a4"])
    run_night(NIGHT2, "run-night2")
    # The WAL's commit was taken into the new night; the stale WAL, which DuckDB would refuse
    # beside the new file, is gone.
    assert not Path(f"{published_night1}.wal").exists()
    assert counts(published_night1) == EXPECTED_AFTER_NIGHT2 | {"crawl_runs": 5}
