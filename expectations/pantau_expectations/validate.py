"""Run the quality suites on the rows a night loaded, with Great Expectations (GX Core 1.x).

Suites are JSON files in ``expectations/suites/``: one per warehouse table, each expectation a
GX type with its kwargs and a ``meta.critical`` flag. A failed critical expectation fails the
run with a message naming table, column and how many rows broke it; the others are reported.

GX's SQL data source on DuckDB returns empty metrics (every expectation fails), so the rows
are read from DuckDB through Arrow into pandas and validated with GX's pandas data source.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

logger = logging.getLogger(__name__)

SUITES_DIR = Path(__file__).resolve().parents[1] / "suites"


class QualityCheckFailed(RuntimeError):
    """At least one critical expectation failed; the message lists them."""


@dataclass(frozen=True)
class CheckResult:
    table_name: str
    expectation: str
    column_name: str | None
    is_critical: bool
    success: bool
    element_count: int | None
    unexpected_count: int | None
    why: str | None = None

    def describe(self) -> str:
        column = f".{self.column_name}" if self.column_name else ""
        return (f"{self.table_name}{column}: {self.expectation} failed on "
                f"{self.unexpected_count} of {self.element_count} rows")


def load_suites(folder: Path = SUITES_DIR) -> list[dict]:
    """Every suite file, checked for the fields the runner needs."""
    suites = []
    for path in sorted(folder.glob("*.json")):
        suite = json.loads(path.read_text(encoding="utf-8"))
        for key in ("name", "table", "expectations"):
            if key not in suite:
                raise ValueError(f"{path}: suite has no {key!r}")
        suites.append(suite)
    if not suites:
        raise ValueError(f"{folder}: no suites found")
    return suites


def night_rows(con: duckdb.DuckDBPyConnection, table: str, night: date,
               derived: dict[str, str] | None = None, scope: str = "night"):  # -> pandas.DataFrame
    """The rows of ``table`` that belong to articles seen this night (``scope: all``: every
    row, for dimensions), as pandas via Arrow. ``derived`` adds computed columns, SQL over
    ``t`` (the table) and ``a`` (its article), so a suite can check what spans point at."""
    extra = "".join(f", ({sql}) as {name}" for name, sql in (derived or {}).items())
    if scope == "all":
        return con.sql(f"select t.*{extra} from {table} t").to_arrow_table().to_pandas()
    if table == "articles":
        query = f"select t.*{extra} from articles t where last_seen_night = ?"
    else:
        query = (f"select t.*{extra} from {table} t join articles a using (article_id) "
                 "where a.last_seen_night = ?")
    return con.sql(query, params=[night]).to_arrow_table().to_pandas()


def _value_set(con: duckdb.DuckDBPyConnection, reference: str) -> list:
    table, column = reference.split(".")
    return [row[0] for row in con.execute(f"select distinct {column} from {table}").fetchall()]


def validate_night(con: duckdb.DuckDBPyConnection, night: date,
                   suites: list[dict] | None = None) -> list[CheckResult]:
    """Run every suite on the night's rows; return one result per expectation."""
    import great_expectations as gx  # slow import: only when validation really runs
    from great_expectations.expectations.registry import get_expectation_impl

    context = gx.get_context(mode="ephemeral")
    source = context.data_sources.add_pandas("pantau_warehouse")
    results: list[CheckResult] = []
    for suite_spec in suites or load_suites():
        table = suite_spec["table"]
        frame = night_rows(con, table, night, suite_spec.get("derived"), suite_spec.get("scope", "night"))
        expectations = []
        for spec in suite_spec["expectations"]:
            kwargs = dict(spec["kwargs"])
            meta = dict(spec.get("meta", {}))
            if "value_set_from" in meta:
                kwargs["value_set"] = _value_set(con, meta["value_set_from"])
            expectations.append(get_expectation_impl(spec["type"])(**kwargs, meta=meta))
        suite = context.suites.add(gx.ExpectationSuite(name=suite_spec["name"], expectations=expectations))
        batch = source.add_dataframe_asset(table).add_batch_definition_whole_dataframe(table)
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(name=suite_spec["name"], data=batch, suite=suite)
        )
        outcome = definition.run(batch_parameters={"dataframe": frame})
        for item in outcome.results:
            config = item.expectation_config
            meta = config.meta or {}
            results.append(CheckResult(
                table_name=table,
                expectation=config.type,
                column_name=config.kwargs.get("column"),
                is_critical=bool(meta.get("critical", True)),
                success=bool(item.success),
                element_count=item.result.get("element_count", len(frame)),
                unexpected_count=item.result.get("unexpected_count", 0 if item.success else None),
                why=meta.get("why"),
            ))
    return results


def record_results(con: duckdb.DuckDBPyConnection, results: list[CheckResult], night: date,
                   run_id: str, results_file: Path) -> None:
    """Keep the run's results: a JSON file beside the night's outputs and warehouse rows."""
    checked_at = datetime.now(UTC)
    results_file.parent.mkdir(parents=True, exist_ok=True)
    results_file.write_text(json.dumps(
        {"night": night.isoformat(), "run_id": run_id, "checked_at": checked_at.isoformat(),
         "results": [asdict(r) for r in results]}, indent=2, sort_keys=True), encoding="utf-8")
    con.executemany(
        "insert into quality_results values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(run_id, night, r.table_name, r.expectation, r.column_name, r.is_critical, r.success,
          r.element_count, r.unexpected_count, checked_at) for r in results],
    )


def raise_on_critical(results: list[CheckResult]) -> None:
    failed = [r for r in results if r.is_critical and not r.success]
    if failed:
        raise QualityCheckFailed(
            f"{len(failed)} critical quality check(s) failed:\n"
            + "\n".join(f"  - {r.describe()}" for r in failed)
        )
