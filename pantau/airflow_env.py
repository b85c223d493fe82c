"""The environment Pantau runs Airflow in: embedded defaults, nothing to install or start.

Metadata in SQLite under ``.airflow/`` (git-ignored), DAGs from ``dags/``, no examples, task
logs under ``.airflow/logs`` (the folder the api-server reads them from). Any ``AIRFLOW__*``
variable already set wins, so the same code runs on CeleryExecutor with PostgreSQL and Redis
by exporting their settings (see docker-compose.yaml).

The UI is private by default: the API server binds 127.0.0.1, the simple auth manager knows one
user, ``admin``, whose password is generated once into ``.airflow/`` (see
:func:`ui_password`), and the JWT secret every Airflow process signs and checks tokens with is
generated once into ``.airflow/secrets/`` — never a default string.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from pantau.paths import REPO_ROOT

UI_USER = "admin"


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
        # Private by default: only this machine reaches the UI and the REST API ...
        "AIRFLOW__API__HOST": "127.0.0.1",
        # ... and only with a login (no all-admins mode): one admin, password generated.
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{UI_USER}:admin",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(password_file(Path(home))),
    }
    for key, value in defaults.items():
        env.setdefault(key, value)
    if not env.get("AIRFLOW__API_AUTH__JWT_SECRET"):
        # The scheduler/executor signs task tokens and the api-server checks them: every
        # process must share one secret, so it is made once and kept beside the metadata DB.
        env["AIRFLOW__API_AUTH__JWT_SECRET"] = _stored_secret(Path(home) / "secrets" / "jwt_secret")
    return env


def password_file(home: Path) -> Path:
    """Where the simple auth manager keeps its users' passwords (Airflow's own default name)."""
    return home / "simple_auth_manager_passwords.json.generated"


def ui_password(env: dict[str, str]) -> str:
    """The UI password of ``admin``, generated into the password file on first use.

    Airflow's simple auth manager would generate it too, but only once the server is up and
    only into its log; made here, it can be told to the person starting the UI.
    """
    path = Path(env["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"])
    passwords = json.loads(path.read_text(encoding="utf-8") or "{}") if path.exists() else {}
    if UI_USER not in passwords:
        passwords[UI_USER] = secrets.token_urlsafe(12)
        _write_private(path, json.dumps(passwords) + "\n")
    return passwords[UI_USER]


def _stored_secret(path: Path) -> str:
    if not path.exists():
        # 64 bytes: the length RFC 7518 asks of an HS512 key (Airflow warns below it).
        _write_private(path, secrets.token_urlsafe(64) + "\n", replace=False)
    return path.read_text(encoding="utf-8").strip()


def _write_private(path: Path, text: str, *, replace: bool = True) -> None:
    """Write a file only its owner can read, whole or not at all. With ``replace=False`` the
    first writer wins, so two processes starting at once still agree on one secret."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    if replace:
        os.replace(part, path)
        return
    try:
        os.link(part, path)
    except FileExistsError:
        pass
    finally:
        part.unlink()
