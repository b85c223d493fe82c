"""Extraction bounded per article and isolated per outlet: a page over the size cap is
rejected, a body over the cap is cut and flagged, and an outlet whose extraction fails (a
broken archive, a spent time budget) fails alone while the others are staged."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from pantau_transforms.extract import (
    MAX_BODY_CHARS,
    MAX_HTML_BYTES,
    ExtractionError,
    article_from_text,
    extract_article,
)
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pantau import nightly, paths
from pantau.demo.hostile import BODY, article_html

NIGHT = "2024-11-14"
PARAGRAPH = (
    "Bupati Lombok Timur meminta panitia pengawas memastikan logistik pemilihan tiba di setiap "
    "TPS sebelum hari pemungutan suara, kata Sekretaris Daerah dalam rapat koordinasi."
)


def long_page(chars: int) -> bytes:
    paragraphs = "".join(f"<p>{PARAGRAPH} ({n})</p>" for n in range(chars // len(PARAGRAPH) + 1))
    return article_html().replace(BODY.encode(), paragraphs.encode())


def test_extract_article_page_over_size_cap_is_rejected() -> None:
    page = article_html(padding=MAX_HTML_BYTES)
    with pytest.raises(ExtractionError, match=r"page too large to extract \([\d,]+ bytes; cap "
                                              r"8,388,608\)"):
        extract_article(page, "http://127.0.0.1/2024/11/13/besar/")


def test_extract_article_long_body_is_truncated_and_flagged() -> None:
    doc = extract_article(long_page(MAX_BODY_CHARS + 50_000), "http://127.0.0.1/2024/11/13/a/")
    assert doc.truncated_from is not None and doc.truncated_from > MAX_BODY_CHARS
    assert len(doc.body) <= MAX_BODY_CHARS
    assert doc.body.endswith(")")  # cut at a paragraph break, not inside a sentence


def test_extract_article_short_body_is_whole() -> None:
    doc = extract_article(article_html(), "http://127.0.0.1/2024/11/13/a/")
    assert doc.truncated_from is None


def test_article_from_text_long_body_is_truncated_and_flagged() -> None:
    text = "Judul berita yang panjang sekali\n\n" + "\n\n".join(
        f"{PARAGRAPH} ({n})" for n in range(MAX_BODY_CHARS // len(PARAGRAPH) + 100))
    doc = article_from_text(text)
    assert doc.truncated_from is not None and len(doc.body) <= MAX_BODY_CHARS


def write_archive(path: Path, pages: list[tuple[str, bytes]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=UTF-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-11-14T18:00:00Z"}))


def crawled(outlet_id: str) -> None:
    status = paths.raw_dir(NIGHT) / f"{outlet_id}.status.json"
    status.write_text(json.dumps({"outlet_id": outlet_id, "status": "ok", "reason": None,
                                  "articles": 1}))


@pytest.fixture
def two_outlets() -> None:
    """gema-lotim with one good article and one over the body cap; pojok-kutim's archive
    broken (not gzip, not WARC)."""
    write_archive(paths.raw_dir(NIGHT) / "gema-lotim.warc.gz", [
        ("http://127.0.0.1/2024/11/13/rapat-koordinasi-pilkada/", article_html()),
        ("http://127.0.0.1/2024/11/13/panjang/", long_page(MAX_BODY_CHARS + 10_000)),
    ])
    (paths.raw_dir(NIGHT) / "pojok-kutim.warc.gz").write_bytes(b"<html>not an archive</html>")
    crawled("gema-lotim")
    crawled("pojok-kutim")


@pytest.mark.usefixtures("two_outlets")
@pytest.mark.parametrize("workers", [1, 2])  # one child for both outlets, or one each
def test_nightly_extract_broken_outlet_fails_alone(
    monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    monkeypatch.setattr(nightly, "EXTRACT_WORKERS", workers)
    summary = nightly.extract(NIGHT)
    assert summary["per_outlet"] == {"gema-lotim": 2}
    assert summary["truncated"] == 1
    reason = summary["failed_outlets"]["pojok-kutim"]
    assert reason.startswith("extraction failed: ArchiveLoadFailed: ")
    assert reason.endswith("; its articles were not loaded")
    verdicts = {v["outlet_id"]: v for v in nightly.crawl_verdicts(NIGHT)}
    assert verdicts["pojok-kutim"]["status"] == "failed"
    assert verdicts["pojok-kutim"]["reason"] == reason
    assert verdicts["gema-lotim"]["status"] == "ok"
    articles = pq.read_table(paths.staging_dir(NIGHT) / "articles.parquet").to_pylist()
    assert {a["outlet_id"] for a in articles} == {"gema-lotim"} and len(articles) == 2
    flags = pq.read_table(paths.staging_dir(NIGHT) / "extraction_errors.parquet").to_pylist()
    (flag,) = flags
    assert flag["url"].endswith("/panjang/")
    assert "body truncated: " in flag["error"] and "(cap MAX_BODY_CHARS)" in flag["error"]


@pytest.mark.usefixtures("two_outlets")
def test_nightly_extract_outlet_over_time_budget_fails_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (paths.raw_dir(NIGHT) / "pojok-kutim.warc.gz").unlink()
    (paths.raw_dir(NIGHT) / "pojok-kutim.status.json").unlink()
    monkeypatch.setattr(nightly, "EXTRACT_OUTLET_SECONDS", 0.2)  # not even Python starts
    summary = nightly.extract(NIGHT)
    assert summary["failed_outlets"] == {
        "gema-lotim": "extraction failed: did not finish in 0.2 s (PANTAU_EXTRACT_OUTLET_SECONDS)"
                      "; its articles were not loaded"}
    verdict = nightly.crawl_verdicts(NIGHT)[0]
    assert (verdict["status"], verdict["crawl_status"]) == ("failed", "ok")
    monkeypatch.setattr(nightly, "EXTRACT_OUTLET_SECONDS", 900)
    assert nightly.extract(NIGHT)["per_outlet"] == {"gema-lotim": 2}  # cleared and run again
    assert nightly.crawl_verdicts(NIGHT)[0]["status"] == "ok"


def test_nightly_extract_isolated_child_killed_fails_only_its_outlet(tmp_path: Path) -> None:
    """A child killed mid-batch (as the kernel's OOM killer would): the outlet it was on fails
    with the signal, the rest of its batch is extracted by a new child."""
    import signal
    import threading
    import time
    from datetime import UTC, datetime

    import psutil

    slow = paths.raw_dir(NIGHT) / "gema-lotim.warc.gz"
    write_archive(slow, [(f"http://127.0.0.1/2024/11/13/panjang-{n}/",
                          long_page(MAX_BODY_CHARS)) for n in range(6)])
    good = paths.raw_dir(NIGHT) / "pojok-kutim.warc.gz"
    write_archive(good, [("http://127.0.0.1/2024/11/13/rapat/", article_html())])
    jobs = [{"outlet_id": "gema-lotim", "region_code": "52.03", "timezone": "Asia/Makassar",
             "archive": str(slow)},
            {"outlet_id": "pojok-kutim", "region_code": "64.08", "timezone": "Asia/Makassar",
             "archive": str(good)}]
    killed: list[int] = []

    def kill_first_child() -> None:
        me = psutil.Process()
        while not killed:
            for child in me.children(recursive=True):
                try:
                    if "pantau_transforms.batch" in " ".join(child.cmdline()):
                        child.send_signal(signal.SIGKILL)
                        killed.append(child.pid)
                        return
                except psutil.Error:  # gone, or not yet exec'd
                    continue
            time.sleep(0.01)

    killer = threading.Thread(target=kill_first_child, daemon=True)
    killer.start()
    results = nightly.extract_isolated(jobs, NIGHT, datetime.now(UTC), tmp_path)
    killer.join(timeout=60)
    assert killed
    assert results["gema-lotim"].startswith("extraction failed: process died (killed by signal 9")
    assert results["pojok-kutim"].articles == 1
