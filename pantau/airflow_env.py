"""The environment Pantau runs Airflow in: embedded defaults, nothing to install or start.

Metadata in SQLite under ``.airflow/`` (git-ignored), DAGs from ``dags/``, no examples. Any
``AIRFLOW__*`` variable already set wins, so the same code runs on CeleryExecutor with
PostgreSQL and Redis by exporting their settings (see docker-compose.yaml).
"""

from __future__ import annotations

import os

from pantau.paths import REPO_ROOT


def airflow_env(base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    home = env.setdefault("AIRFLOW_HOME", str(REPO_ROOT / ".airflow"))
    defaults = {
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO_ROOT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home}/airflow.db",
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
        "AIRFLOW__LOGGING__BASE_LOG_FOLDER": f"{home}/logs",
        "AIRFLOW__CORE__MAX_MAP_LENGTH": "2048",
    }
    for key, value in defaults.items():
        env.setdefault(key, value)
    return env
