"""Where Pantau keeps its files. Every path can be moved with an environment variable."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def data_dir() -> Path:
    """Root of run outputs (archives, staging, quality results): ``PANTAU_DATA`` or ./data."""
    return Path(os.environ.get("PANTAU_DATA", REPO_ROOT / "data"))


def warehouse_path() -> Path:
    """The published DuckDB warehouse analysts open: ``PANTAU_WAREHOUSE`` or data/pantau.duckdb.

    The nightly run never writes it in place; it is replaced whole by ``publish``."""
    return Path(os.environ.get("PANTAU_WAREHOUSE", data_dir() / "pantau.duckdb"))


def work_warehouse_path() -> Path:
    """The working file a night is loaded and validated in: ``work/`` beside the published one.

    Beside it, not under ``data/``, so that ``os.replace`` onto the published path stays a
    rename within one file system even when ``PANTAU_WAREHOUSE`` points elsewhere."""
    published = warehouse_path()
    return published.parent / "work" / published.name


def night_dir(night: str) -> Path:
    """Everything one night's run writes: data/runs/<YYYY-MM-DD>/."""
    return data_dir() / "runs" / night


def raw_dir(night: str) -> Path:
    return night_dir(night) / "raw"


def staging_dir(night: str) -> Path:
    return night_dir(night) / "staging"
