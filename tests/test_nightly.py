"""The nightly steps' bookkeeping without Airflow: a run reads only the files it wrote."""

from __future__ import annotations

from pathlib import Path

import pytest
from pantau_scrapers.registry import RegistryError

from pantau import nightly, paths

NIGHT = "2024-11-14"


def verdict(outlet_id: str, run_id: str, status: str = "ok", **extra: object) -> None:
    nightly._write_json(paths.raw_dir(NIGHT) / f"{outlet_id}.status.json", {
        "outlet_id": outlet_id, "status": status, "run_id": run_id, "articles": 3,
        "reason": None if status == "ok" else "connection refused", **extra})


def registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    path = tmp_path / "outlets.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("PANTAU_OUTLETS", str(path))
    return path


ONE_OUTLET = """
outlets:
  - {id: gema-lotim, name: Gema Lotim, base_url: "http://127.0.0.1:9/", platform: blogger,
     region_code: "52.03"}
"""


def test_nightly_summarize_ignores_other_runs_of_the_night(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    registry(tmp_path, monkeypatch, ONE_OUTLET)
    # An earlier run of the night, on another registry, left a dead outlet and its counts.
    verdict("kabar-mati", "run-a", status="failed")
    nightly._write_json(paths.night_dir(NIGHT) / "extract.json", {"run_id": "run-a", "articles": 9})
    nightly._write_json(paths.night_dir(NIGHT) / "load.json", {"run_id": "run-a", "new": 9})
    assert [o["id"] for o in nightly.list_outlets(NIGHT, "run-b")] == ["gema-lotim"]
    verdict("gema-lotim", "run-b")

    result = nightly.summarize(NIGHT, "run-b", invocation="cli-1")

    assert result["outlets_ok"] == ["gema-lotim"]
    assert result["outlets_failed"] == {}
    assert result["articles_fetched"] == 3
    assert result["articles_extracted"] == 0 and result["articles_new"] == 0
    assert not result["extracted"] and not result["loaded"] and not result["ok"]
    assert result["invocation"] == "cli-1"
    text = nightly.format_summary(result)
    assert "kabar-mati" not in text and "load NOT done" in text


def test_nightly_crawl_verdicts_of_an_outlet_not_crawled_by_this_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    registry(tmp_path, monkeypatch, ONE_OUTLET)
    nightly.list_outlets(NIGHT, "run-b")
    verdict("gema-lotim", "run-a")  # its crawl task did not run this time (upstream failed)

    result = nightly.summarize(NIGHT, "run-b")

    assert nightly.crawl_verdicts(NIGHT, "run-b") == []
    assert result["outlets_not_crawled"] == ["gema-lotim"] and not result["ok"]
    assert "NOT CRAWLED gema-lotim" in nightly.format_summary(result)


def test_nightly_extract_after_a_removed_outlet(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An outlet crawled by an earlier run and then removed from the registry is no KeyError:
    this run has no verdict of its own to extract, and says so."""
    registry(tmp_path, monkeypatch, ONE_OUTLET)
    verdict("benua-etam", "run-a")
    nightly.list_outlets(NIGHT, "run-b")
    with pytest.raises(RuntimeError, match="no outlet was crawled successfully"):
        nightly.extract(NIGHT, "run-b")


def test_nightly_bad_registry_is_the_summary_headline(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = registry(tmp_path, monkeypatch, ONE_OUTLET.replace('"52.03"', '"99.99"')
                    + ONE_OUTLET.split("outlets:\n")[1].replace("gema-lotim", "kabar-b")
                    .replace("blogger", "joomla"))
    verdict("gema-lotim", "run-a")  # a good earlier run of the night must not show through
    with pytest.raises(RegistryError):
        nightly.list_outlets(NIGHT, "run-b")

    result = nightly.summarize(NIGHT, "run-b")

    assert result["registry_error"] == f"{path}: 2 problems"
    assert [p.split(":")[0] for p in result["registry_problems"]] == [
        "outlet gema-lotim", "outlet kabar-b"]
    assert result["outlets_ok"] == [] and not result["ok"]
    lines = nightly.format_summary(result).splitlines()
    assert lines[0].endswith("NOT RUN: the outlet registry cannot be used")
    assert lines[1] == f"  {path}: 2 problems"
    assert lines[2].startswith("    outlet gema-lotim: field 'region_code'")
    assert lines[3].startswith("    outlet kabar-b: field 'platform'")
    with pytest.raises(nightly.RunIncomplete, match="registry error"):
        nightly.summarize(NIGHT, "run-b", raise_on_failure=True)
