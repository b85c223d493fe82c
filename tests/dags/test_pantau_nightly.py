"""The DAG file parses cleanly, fast, and without the heavy stack at top level.

"Heavy" is measured as what parsing the file adds to what Airflow itself already imported.
"""

import json
import subprocess
import sys

from pantau.airflow_env import airflow_env
from pantau.paths import REPO_ROOT

DAG_FILE = REPO_ROOT / "dags" / "pantau_nightly.py"
HEAVY = ("great_expectations", "scrapy", "trafilatura", "duckdb", "pantau_transforms",
         "pantau_warehouse", "pantau_expectations", "twisted")


def _parse_in_fresh_process() -> dict:
    code = f"""
import json, sys
from airflow.dag_processing.dagbag import DagBag
before = set(sys.modules)
bag = DagBag(dag_folder={str(DAG_FILE)!r})
dag = bag.dags.get("pantau_nightly")
print(json.dumps({{
    "errors": {{k: str(v) for k, v in bag.import_errors.items()}},
    "heavy": sorted(m for m in set(sys.modules) - before if m.split(".")[0] in {HEAVY!r}),
    "tasks": sorted(dag.task_ids) if dag else [],
    "schedule": dag.timetable.expression if dag else None,
    "catchup": dag.catchup if dag else None,
    "tz": str(dag.timetable.timezone) if dag else None,
    "doc": bool(dag and dag.doc_md),
    "task_docs": all(t.doc_md for t in dag.tasks) if dag else False,
    "map_template": dag.get_task("crawl").map_index_template if dag else None,
}}))
"""
    out = subprocess.run([sys.executable, "-c", code], env=airflow_env(), capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_dag_pantau_nightly_parses_without_heavy_imports() -> None:
    result = _parse_in_fresh_process()
    assert result["errors"] == {}
    assert result["heavy"] == []
    assert result["tasks"] == ["crawl", "extract", "list_outlets", "load", "publish", "summarize",
                               "validate"]
    assert result["catchup"] is False
    assert result["schedule"] == "0 1 * * *"
    assert "Asia/Jakarta" in result["tz"]
    assert result["doc"] and result["task_docs"]
    assert result["map_template"] == "{{ outlet_label }}"
