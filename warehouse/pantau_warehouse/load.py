"""Load a night's staging Parquet into the DuckDB warehouse, in one transaction.

The schema lives in ``sql/schema/*.sql`` (applied in order, each file once, recorded in
``schema_migrations``); the load steps in ``sql/load/*.sql`` read ``stg_<table>`` temp
tables made from the night's Parquet files. Loads are idempotent: articles upsert on their
id, an article's facts are replaced as a whole, so loading the same night twice changes no
count. The nightly run loads into a working copy of the warehouse, never into the published
file analysts read (see :mod:`pantau_warehouse.publish`).
"""

from __future__ import annotations

import csv
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from pantau_warehouse.hooks import pause_point

logger = logging.getLogger(__name__)

SQL_DIR = Path(__file__).with_name("sql")
REGIONS_DIR = Path(__file__).resolve().parents[2] / "transforms" / "pantau_transforms" / "rules" / "regions"

# Tables the loader fills from staging, in dependency order.
FACT_TABLES = (
    "article_regions", "article_elections", "elections", "events", "persons",
    "person_roles", "quotes", "quantities", "candidate_results",
)


@dataclass
class LoadStats:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    table_rows: dict[str, int] = field(default_factory=dict)


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; the writer creates the folder and applies pending migrations."""
    if read_only:
        return duckdb.connect(str(path), read_only=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    migrate(con)
    return con


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply every schema file not yet recorded in ``schema_migrations``; return their names."""
    con.execute(
        "create table if not exists schema_migrations ("
        " name varchar primary key, applied_at timestamptz not null)"
    )
    applied = {row[0] for row in con.execute("select name from schema_migrations").fetchall()}
    done = []
    for path in sorted((SQL_DIR / "schema").glob("*.sql")):
        if path.name in applied:
            continue
        con.execute("begin transaction")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("insert into schema_migrations values (?, ?)", [path.name, datetime.now(UTC)])
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        done.append(path.name)
        logger.info("applied migration %s", path.name)
    if done or not con.execute("select count(*) from regions").fetchall()[0][0]:
        load_regions(con)
    if done:
        apply_comments(con)
    return done


_TABLE = re.compile(r"^create (?:table if not exists|or replace view) (\w+)")
_COLUMN = re.compile(r"^\s+(\w+)\s+[^-]*--\s*(.+)$")


def schema_comments() -> list[tuple[str, str | None, str]]:
    """(table, column or None, text) from the schema files' comments.

    The comment line right above ``create table`` or ``create view`` describes it (its grain); a trailing
    ``-- …`` on a column line describes the column. They become DuckDB comments, so analysts
    read them with ``select * from duckdb_columns()`` next to the data.
    """
    found: list[tuple[str, str | None, str]] = []
    for path in sorted((SQL_DIR / "schema").glob("*.sql")):
        block: list[str] = []
        table = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := _TABLE.match(line):
                table = match.group(1)
                if block:
                    found.append((table, None, " ".join(block)))
            elif table and (match := _COLUMN.match(line)):
                found.append((table, match.group(1), match.group(2).strip()))
            elif line.startswith(");") or line.startswith("with ") or line.startswith("select"):
                table = None
            # The comment block right above a create statement describes it.
            block = block + [line.lstrip("- ").strip()] if line.startswith("--") else []
    return found


def apply_comments(con: duckdb.DuckDBPyConnection) -> None:
    views = {row[0] for row in con.execute("select view_name from duckdb_views() where not internal").fetchall()}
    for table, column, text in schema_comments():
        literal = text.replace("'", "''")
        kind = "view" if table in views else "table"
        target = f"column {table}.{column}" if column else f"{kind} {table}"
        con.execute(f"comment on {target} is '{literal}'")


def load_regions(con: duckdb.DuckDBPyConnection) -> int:
    """Fill the regions dimension from the Kemendagri CSVs shipped with the transforms."""
    rows = []
    with (REGIONS_DIR / "provinces.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows.append((row["code"], "province", None, row["name"], row["code"], None))
    with (REGIONS_DIR / "regencies.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows.append((row["code"], "regency", row["kind"], row["name"], row["province_code"],
                         row["seat"] or None))
    con.execute("delete from regions")
    con.executemany("insert into regions values (?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def upsert_outlets(con: duckdb.DuckDBPyConnection, outlets: list[dict]) -> None:
    """The registry's outlets; ``load_night`` calls it inside the night's transaction."""
    if not outlets:
        return  # DuckDB's executemany refuses an empty list
    now = datetime.now(UTC)
    con.executemany(
        "insert or replace into outlets values (?, ?, ?, ?, ?, ?, ?)",
        [(o["id"], o["name"], o["base_url"], o["platform"], o["region_code"], o["timezone"], now)
         for o in outlets],
    )


def record_crawls(con: duckdb.DuckDBPyConnection, night: date, crawls: list[dict]) -> None:
    """One row per outlet for this night: ok with counts, or failed with the reason."""
    if not crawls:
        return  # DuckDB's executemany refuses an empty list
    con.executemany(
        "insert or replace into crawl_runs values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (night, c["outlet_id"], c["status"], c.get("reason"), c.get("articles", 0),
             c.get("responses", 0), json.dumps(c.get("statuses", {})),
             json.dumps(c.get("errors", {})), c.get("finished_at"))
            for c in crawls
        ],
    )


def build_sql(name: str) -> str:
    """A statement of ``sql/builds/`` (the rows of ``warehouse_builds``)."""
    return (SQL_DIR / "builds" / f"{name}.sql").read_text(encoding="utf-8")


def load_night(con: duckdb.DuckDBPyConnection, staging: Path, night: date, *,
               outlets: list[dict] | None = None, crawls: list[dict] | None = None,
               run_id: str | None = None) -> LoadStats:
    """Load one night's staging folder, with the registry's ``outlets``, the night's crawl
    verdicts (``crawls``) and its ``warehouse_builds`` row (when ``run_id`` is given): all in
    one transaction, so a killed load leaves no crawl_runs row claiming articles that are not
    there."""
    stats = LoadStats()
    con.execute("begin transaction")
    try:
        if outlets is not None:
            upsert_outlets(con, outlets)
        if crawls is not None:
            record_crawls(con, night, crawls)
        _stage(con, staging)
        new, updated, unchanged = con.execute(
            """
            select
                count(*) filter (where a.article_id is null),
                count(*) filter (where a.content_hash <> s.content_hash),
                count(*) filter (where a.content_hash = s.content_hash)
            from (select distinct on (article_id) article_id, content_hash from stg_articles) s
            left join articles a using (article_id)
            """
        ).fetchall()[0]
        stats.new, stats.updated, stats.unchanged = new, updated, unchanged
        for path in sorted((SQL_DIR / "load").glob("*.sql")):
            con.execute(path.read_text(encoding="utf-8"))
        for table in ("articles", *FACT_TABLES):
            stats.table_rows[table] = con.execute(f"select count(*) from {table}").fetchall()[0][0]
        if run_id is not None:
            con.execute(build_sql("record_load"),
                        {"run_id": run_id, "night": night, "loaded_at": datetime.now(UTC)})
        pause_point("load-before-commit")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    logger.info(
        "night %s loaded: %d new, %d updated, %d unchanged articles", night, new, updated, unchanged
    )
    return stats


def _stage(con: duckdb.DuckDBPyConnection, staging: Path) -> None:
    """Temp tables ``stg_<table>`` from the Parquet files; empty ones shaped like the target."""
    for table in ("articles", *FACT_TABLES):
        parquet = staging / f"{table}.parquet"
        con.execute(f"drop table if exists stg_{table}")
        if parquet.exists():
            con.execute(
                f"create temp table stg_{table} as "
                f"(select * from {table} limit 0) union all by name "
                f"(select * from read_parquet(?))",
                [str(parquet)],
            )
        else:
            con.execute(f"create temp table stg_{table} as select * from {table} limit 0")
