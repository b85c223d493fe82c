"""`pantau run`: one nightly run through real Airflow (`airflow dags test` on LocalExecutor),
then its summary."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path

from pantau_scrapers.process import end_group, popen, sigterm_raises

from pantau import paths
from pantau.airflow_env import airflow_env
from pantau.nightly import format_summary

DAG_ID = "pantau_nightly"
DEMO_REGISTRY = paths.REPO_ROOT / "scrapers" / "outlets" / "demo.yaml"
# The one-line progress events of the steps (pantau/nightly.py logs them under this logger):
# "2026-… [info     ] crawl gema-lotim: ok — 13 fetched, … [pantau.progress] dag_id=…"
_PROGRESS = re.compile(r"\[\s*(\w+)\s*\] (.+?)\s+\[pantau\.progress\]")
_MAP_INDEX = re.compile(r" map_index=(-?\d+)")
_TASK_ID = re.compile(r" task_id=(\w+)")
_CRAWL_OUTLET = re.compile(r"crawl ([\w-]+): ")
# Airflow's line when a task instance ends; a failure its step did not report itself (an
# import error, a killed process, a bug) is shown from it.
_TASK_FINISHED = re.compile(r"TaskInstance Finished: dag_id=\w+, task_id=(\w+), .*?"
                            r"map_index=(-?\d+), .*? state=(\w+),")
# How long the execution API server may take to come up on a busy machine.
API_START_SECONDS = 120


def airflow_bin() -> str:
    return str(Path(sys.executable).with_name("airflow"))


def ensure_airflow_db(env: dict[str, str]) -> None:
    """Create or upgrade Airflow's metadata database (SQLite by default); idempotent."""
    home = Path(env["AIRFLOW_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    marker = home / ".pantau-db-migrated"
    conn = env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
    if marker.exists() and marker.read_text() == conn:
        return
    print("Preparing Airflow's metadata database …", flush=True)
    subprocess.run([airflow_bin(), "db", "migrate"], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    marker.write_text(conn)


def free_port() -> int:
    """A port of 127.0.0.1 nobody listens on right now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def execution_api(env: dict[str, str], log_path: Path) -> Iterator[str]:
    """Airflow's execution API (only that app of the api-server) on a free port of 127.0.0.1,
    for as long as the run lasts; yields its URL.

    Tasks run by an executor report their state and fetch XComs through this API, and their
    supervisor writes each task's log to ``base_log_folder`` — where the UI reads it.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}/execution/"
    command = [airflow_bin(), "api-server", "--apps", "execution", "--host", "127.0.0.1",
               "--port", str(port), "--workers", "1"]
    with log_path.open("w", encoding="utf-8") as log, popen(
        command, env=env, stdout=log, stderr=subprocess.STDOUT
    ) as server:
        try:
            deadline = time.monotonic() + API_START_SECONDS
            while not _answers(url + "health"):
                if server.poll() is not None or time.monotonic() > deadline:
                    tail = log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
                    raise RuntimeError(
                        f"Airflow's execution API did not start on 127.0.0.1:{port} "
                        f"(exit code {server.poll()}); its log {log_path} ends with:\n{tail}")
                time.sleep(0.5)
            yield url
        finally:
            end_group(server)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def run_dag(env: dict[str, str], log_path: Path, invocation: str) -> int:
    """`airflow dags test --use-executor pantau_nightly`: full log to a file, each step's
    progress line to the terminal.

    ``--use-executor`` runs every task through LocalExecutor, as a scheduler would: each task
    in its own supervised process whose log goes to ``base_log_folder/dag_id=…/…/attempt=N.log``.
    Without it, ``dags test`` runs the tasks inside its own process and no task log file is
    written at all — the UI then finds nothing and asks a log server on port 8793 that does
    not exist.
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with execution_api(env, log_path.with_suffix(".api.log")) as api_url:
        env = {
            **env,
            # A one-shot run on this machine, whatever executor a deployment configures.
            "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": api_url,
            # `dags test` queues every ready task at once; the executor runs at most this many
            # (the DAG's own caps apply under a scheduler).
            "AIRFLOW__CORE__PARALLELISM": env.get("AIRFLOW__CORE__PARALLELISM", "4"),
        }
        command = [airflow_bin(), "dags", "test", "--use-executor", DAG_ID,
                   "--conf", json.dumps({"invocation": invocation})]
        print(f"Running {' '.join(command[1:5])} (full log: {log_path})", flush=True)
        # Its own process group, ended with everything in it (crawls included) if this process
        # is terminated or interrupted; killed by the kernel if this process dies outright.
        with log_path.open("w", encoding="utf-8") as log, sigterm_raises(), popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            bufsize=1,
        ) as process:
            try:
                return _follow(process, log)
            finally:
                end_group(process)


def _follow(process: subprocess.Popen, log) -> int:  # noqa: ANN001
    """Copy the run's output to the log, print each step's progress line; the exit code."""
    assert process.stdout is not None
    outlets: dict[str, str] = {}  # map index -> outlet id, from the crawls' own lines
    reported: set[tuple[str, str]] = set()  # (task, map index) that said it failed
    for line in process.stdout:
        log.write(line)
        if match := _PROGRESS.search(line):
            level, text = match.groups()
            task = (_TASK_ID.search(line) or ("", ""))[1]
            index = (_MAP_INDEX.search(line) or ("", "-1"))[1]
            if outlet := _CRAWL_OUTLET.match(text):
                outlets[index] = outlet[1]
            if level in ("error", "critical"):
                reported.add((task, index))
            print(f"  {text}" if level == "info" else f"  {level.upper()}: {text}",
                  flush=True)
        elif (match := _TASK_FINISHED.search(line)) and match[3] == "failed":
            task, index = match[1], match[2]
            if (task, index) not in reported:
                label = f" {outlets.get(index, f'#{index}')}" if index != "-1" else ""
                print(f"  {task}{label}: FAILED (its task log in the UI says why)",
                      flush=True)
    return process.wait()


# Runs with Airflow's own settings in a short process of its own: the runner itself never
# imports Airflow (its ORM and config load would slow every `pantau` command).
_NOTE_SCRIPT = """
import sys
from sqlalchemy import select
from airflow.models.dagrun import DagRun
from airflow.utils.session import create_session
with create_session() as session:
    run = session.scalar(select(DagRun).where(DagRun.dag_id == sys.argv[1],
                                              DagRun.run_id == sys.argv[2]))
    run.note = sys.stdin.read()
"""
# Airflow keeps a run's note in a column of 1000 characters.
NOTE_CHARS = 1000


def set_run_note(env: dict[str, str], run_id: str, text: str) -> None:
    """Show the summary as the run's note in the UI (grid and run details).

    Tasks cannot write it — the execution API has no call for a run's note — so the command
    that started the run writes it once the run is over. Under a scheduler the same summary
    is the `summarize` task's log.
    """
    result = subprocess.run([sys.executable, "-c", _NOTE_SCRIPT, DAG_ID, run_id],
                            input=text[:NOTE_CHARS], env=env, capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:  # the summary is printed anyway; the note is a convenience
        print(f"  (could not set the run's note: {result.stderr.strip().splitlines()[-1:]})")


def run_nightly(registry: Path | None, serve_demo_sites: bool,
                faults: dict[str, str] | None = None) -> int:
    """Serve the demo sites if asked, run the DAG once, print the summary; exit code."""
    started = time.perf_counter()
    with ExitStack() as stack:
        env = airflow_env()
        if serve_demo_sites:
            from pantau_scrapers.registry import RegistryError

            from pantau.demo.sites import running_sites

            try:
                sites = stack.enter_context(running_sites(
                    registry_path=registry or DEMO_REGISTRY,
                    work_dir=paths.data_dir() / "sites",
                    faults=faults or None,
                ))
            except RegistryError as exc:
                # The demo sites are made from the registry, so a bad one stops the run here,
                # before Airflow: the same headline the DAG's summary would give.
                print("Pantau nightly run — NOT RUN: the outlet registry cannot be used")
                print(f"  {exc.headline}")
                for problem in exc.problems if len(exc.problems) > 1 else []:
                    print(f"    {problem}")
                return 1
            env["PANTAU_OUTLETS"] = str(sites.registry_path)
            print(f"Serving {len(sites.outlets)} demo outlets on 127.0.0.1:", flush=True)
            for outlet in sites.outlets:
                fault = (faults or {}).get(outlet.id)
                note = f"  (made to fail: {fault})" if fault else ""
                print(f"  {outlet.id:<18} {outlet.platform:<9} {outlet.base_url}{note}", flush=True)
        elif registry is not None:
            env["PANTAU_OUTLETS"] = str(registry)
        env.setdefault("PANTAU_DATA", str(paths.data_dir()))
        # A one-shot run reports a dead outlet now instead of retrying it ten minutes later.
        env.setdefault("PANTAU_CRAWL_RETRIES", "0")
        ensure_airflow_db(env)
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
        # Marks this invocation's run, so the summary read below is its own and not one an
        # earlier run (or a scheduler's run of the same night) left behind.
        invocation = uuid.uuid4().hex
        log_path = paths.data_dir() / "logs" / f"nightly-{stamp}.log"
        code = run_dag(env, log_path, invocation)
    summary_file = paths.data_dir() / "last_summary.json"
    elapsed = time.perf_counter() - started
    summary = json.loads(summary_file.read_text(encoding="utf-8")) if summary_file.exists() else {}
    if summary.get("invocation") != invocation:
        # Airflow stopped before `summarize` (the DAG did not load, the metadata DB is
        # locked, …): its own last words say why better than any guess made here.
        tail = log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
        print(f"The run wrote no summary (airflow exited with {code}). The end of its log "
              f"({log_path}):")
        print("\n".join(f"  {line[:300]}" for line in tail))
        return code or 1
    text = format_summary(summary)
    set_run_note(env, summary["run_id"], "\n".join(
        line for line in text.splitlines() if not line.startswith("  try: ")))
    print()
    print(text)
    print(f"  (run took {elapsed:.0f} s; task logs: `make airflow-ui`, DAG {DAG_ID})")
    return 0 if summary["ok"] and code == 0 else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_nightly(None, serve_demo_sites=os.environ.get("PANTAU_OUTLETS") is None))
