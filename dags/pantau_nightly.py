"""
### Pantau nightly run

Crawls every outlet of the registry, extracts article bodies and election facts, loads them
into a working copy of the DuckDB warehouse, checks their quality and publishes the copy.

    list_outlets → crawl (one per outlet) → extract → load → validate → publish → summarize

- **Inputs**: the outlet registry (`PANTAU_OUTLETS`, default `scrapers/outlets/demo.yaml`).
- **Outputs**: `data/runs/<night>/` (WARC archives, staging Parquet, quality results, summary)
  and the warehouse (`PANTAU_WAREHOUSE`, default `data/pantau.duckdb`), replaced whole by
  `publish` only when validation passed; until then the night is in `data/work/pantau.duckdb`.
- **Readers** of the warehouse never block the run and never see half a night: the run never
  opens the published file for writing.
- **A dead outlet** fails only its own `crawl` instance (labelled with the outlet id); the other
  outlets are still extracted, loaded and validated, and `summarize` names the failure. An
  outlet whose extraction fails (in its own process, bounded in time) fails alone the same way.
- **Re-running** a night is safe: articles are keyed on their canonical URL, facts are
  replaced per article, so a second run adds nothing. Clear a task to redo just that step.
"""

from __future__ import annotations

import os

import pendulum
from airflow.sdk import dag, get_current_context, task

# A dead outlet is retried once, later in the night; one-shot runs (`pantau run`) set 0.
CRAWL_RETRIES = int(os.environ.get("PANTAU_CRAWL_RETRIES", "1"))


@task(doc_md="Read and validate the outlet registry; one mapped crawl per outlet follows. "
        "A bad registry fails here, once, naming every bad outlet and field.")
def list_outlets() -> list[str]:
    from airflow.sdk.exceptions import AirflowFailException
    from pantau_scrapers.registry import RegistryError

    from pantau.nightly import list_outlets as registry_outlets
    from pantau.nightly import night_of

    context = get_current_context()
    try:
        outlets = registry_outlets(night_of(context), context["run_id"])
    except RegistryError as exc:
        # A person's mistake in a file: no retry fixes it, and the problems are already
        # logged one per line; the message is all the traceback needs to carry.
        raise AirflowFailException(f"registry error: {exc.headline}") from None
    return [outlet["id"] for outlet in outlets]


@task(
    map_index_template="{{ outlet_label }}",
    retries=CRAWL_RETRIES,
    retry_delay=pendulum.duration(minutes=10),
    max_active_tis_per_dagrun=4,
    doc_md="Crawl one outlet with Scrapy in a subprocess into a WARC archive, within the "
    "outlet's time budget. Fails with the real cause (robots.txt, redirects, size cap, "
    "truncation, refused connection, HTTP errors, no article marker) when it yields nothing.",
)
def crawl(outlet_id: str) -> dict:
    from pantau.nightly import crawl as crawl_outlet
    from pantau.nightly import night_of

    context = get_current_context()
    context["outlet_label"] = outlet_id
    return crawl_outlet(outlet_id, night_of(context), context["run_id"])


@task(
    trigger_rule="all_done",
    doc_md="Extract bodies and facts from every successful crawl's archive, each outlet in its "
    "own bounded process: an outlet whose extraction fails is marked failed, the others load.",
)
def extract() -> dict:
    from pantau.nightly import extract as extract_night
    from pantau.nightly import night_of

    context = get_current_context()
    return extract_night(night_of(context), context["run_id"])


@task(max_active_tis_per_dag=1, doc_md="Copy the published warehouse to a working file and load "
      "the night into it in one transaction (the only writer).")
def load() -> dict:
    from pantau.nightly import load as load_night
    from pantau.nightly import night_of

    context = get_current_context()
    return load_night(night_of(context), context["run_id"])


@task(doc_md="Run the Great Expectations suites on the night's rows; fails on a critical check.")
def validate() -> dict:
    from pantau.nightly import night_of
    from pantau.nightly import validate as validate_night

    context = get_current_context()
    return validate_night(night_of(context), context["run_id"])


@task(max_active_tis_per_dag=1, doc_md="Replace the published warehouse by the validated working "
      "file in one atomic rename; readers keep the snapshot they have open. Runs only when "
      "validate passed.")
def publish() -> dict:
    from pantau.nightly import night_of
    from pantau.nightly import publish as publish_night

    context = get_current_context()
    return publish_night(night_of(context), context["run_id"])


@task(
    trigger_rule="all_done",
    doc_md="Log what this run did: outlets, articles, events, checks — or the registry error. "
    "Fails (after logging) when the registry, an outlet or a quality check failed or the night "
    "was not published, so the run itself shows red in the grid.",
)
def summarize() -> dict:
    from pantau.nightly import night_of
    from pantau.nightly import summarize as summarize_night

    context = get_current_context()
    invocation = (context["dag_run"].conf or {}).get("invocation")  # set by `pantau run`
    return summarize_night(night_of(context), context["run_id"], invocation=invocation,
                           raise_on_failure=True)


@dag(
    dag_id="pantau_nightly",
    schedule="0 1 * * *",
    start_date=pendulum.datetime(2026, 11, 1, tz="Asia/Jakarta"),
    catchup=False,
    max_active_runs=1,
    tags=["pantau", "nightly"],
    doc_md=__doc__,
)
def pantau_nightly() -> None:
    crawled = crawl.expand(outlet_id=list_outlets())
    crawled >> extract() >> load() >> validate() >> publish() >> summarize()


pantau_nightly()
