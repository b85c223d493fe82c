"""`pantau run`: one nightly run through real Airflow (`airflow dags test`), then its summary."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path

from pantau_scrapers.process import end_group, popen, sigterm_raises

from pantau import paths
from pantau.airflow_env import airflow_env
from pantau.nightly import format_summary

DAG_ID = "pantau_nightly"
# "[DAG TEST] running task <TaskInstance: pantau_nightly.crawl manual__… map_index=3 …"
_RUNNING = re.compile(r"running task <TaskInstance: \w+\.(\w+) \S+(?: map_index=(\d+))?")


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


def run_dag(env: dict[str, str], log_path: Path) -> int:
    """`airflow dags test pantau_nightly`, full log to a file, progress lines to the terminal."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [airflow_bin(), "dags", "test", DAG_ID]
    print(f"Running {' '.join(command[1:])} (full log: {log_path})", flush=True)
    # Its own process group, ended with everything in it (crawls included) if this process is
    # terminated or interrupted; killed by the kernel if this process dies outright.
    with log_path.open("w", encoding="utf-8") as log, sigterm_raises(), popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    ) as process:
        assert process.stdout is not None
        try:
            return _follow(process, log)
        finally:
            end_group(process)


def _follow(process: subprocess.Popen, log) -> int:  # noqa: ANN001
    """Copy the run's output to the log, print progress lines; the run's exit code."""
    for line in process.stdout:
        log.write(line)
        if match := _RUNNING.search(line):
            task, index = match.group(1), match.group(2)
            print(f"  running {task}{f' #{index}' if index else ''}", flush=True)
        elif "outlet " in line and " failed: " in line:
            print("    " + line.split("[error", 1)[-1].split("]", 1)[-1].split(" [")[0].strip(),
                  flush=True)
        elif "Task failed with exception" in line:
            print("    task failed (details in the log)", flush=True)
    return process.wait()


def run_nightly(registry: Path | None, serve_demo_sites: bool,
                faults: dict[str, str] | None = None) -> int:
    """Serve the demo sites if asked, run the DAG once, print the summary; exit code."""
    started = time.perf_counter()
    with ExitStack() as stack:
        env = airflow_env()
        if serve_demo_sites:
            from pantau.demo.sites import running_sites

            sites = stack.enter_context(running_sites(
                registry_path=registry or paths.REPO_ROOT / "scrapers" / "outlets" / "demo.yaml",
                work_dir=paths.data_dir() / "sites",
                faults=faults or None,
            ))
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
        code = run_dag(env, paths.data_dir() / "logs" / f"nightly-{stamp}.log")
    summary_file = paths.data_dir() / "last_summary.json"
    elapsed = time.perf_counter() - started
    if not summary_file.exists() or summary_file.stat().st_mtime < time.time() - elapsed:
        print(f"The run wrote no summary (airflow exited with {code}); see the log above.")
        return code or 1
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    print()
    print(format_summary(summary))
    print(f"  (run took {elapsed:.0f} s; Airflow UI: `make airflow-ui`)")
    failed = bool(summary["outlets_failed"]) or summary.get("critical_checks_failed", 0) > 0
    return 1 if failed or code != 0 else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_nightly(None, serve_demo_sites=os.environ.get("PANTAU_OUTLETS") is None))
