"""Pantau's Airflow settings keep the UI private: local bind, a login, generated secrets."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from pantau.airflow_env import UI_USER, airflow_env, ui_password


def test_airflow_env_private_by_default(tmp_path: Path) -> None:
    env = airflow_env({"AIRFLOW_HOME": str(tmp_path)})
    assert env["AIRFLOW__API__HOST"] == "127.0.0.1"
    assert env["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS"] == "admin:admin"
    assert not any("ALL_ADMINS" in key for key in env)


def test_airflow_env_jwt_secret_generated_once_and_kept(tmp_path: Path) -> None:
    first = airflow_env({"AIRFLOW_HOME": str(tmp_path)})["AIRFLOW__API_AUTH__JWT_SECRET"]
    second = airflow_env({"AIRFLOW_HOME": str(tmp_path)})["AIRFLOW__API_AUTH__JWT_SECRET"]
    stored = tmp_path / "secrets" / "jwt_secret"
    assert first == second == stored.read_text().strip()
    assert len(first) >= 64
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    other = airflow_env({"AIRFLOW_HOME": str(tmp_path / "other")})["AIRFLOW__API_AUTH__JWT_SECRET"]
    assert other != first  # generated per home, never a default string


def test_airflow_env_jwt_secret_from_the_environment_wins(tmp_path: Path) -> None:
    env = airflow_env({"AIRFLOW_HOME": str(tmp_path), "AIRFLOW__API_AUTH__JWT_SECRET": "x" * 80})
    assert env["AIRFLOW__API_AUTH__JWT_SECRET"] == "x" * 80
    assert not (tmp_path / "secrets").exists()


def test_airflow_env_ui_password_generated_into_the_auth_managers_file(tmp_path: Path) -> None:
    env = airflow_env({"AIRFLOW_HOME": str(tmp_path)})
    password = ui_password(env)
    path = Path(env["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"])
    assert path == tmp_path / "simple_auth_manager_passwords.json.generated"
    assert json.loads(path.read_text()) == {UI_USER: password}
    assert len(password) >= 16 and ui_password(env) == password
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
