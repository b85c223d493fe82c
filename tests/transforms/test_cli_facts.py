"""`pantau extract` on files: one JSON object per good file, a clear error per bad one."""

import json
import subprocess
import sys
from pathlib import Path

from pantau.paths import REPO_ROOT

TEXT = """Bawaslu Lotim Gelar Rakor Pengawasan Pilkada 2024
SELONG – Badan Pengawas Pemilu Kabupaten Lombok Timur menggelar rapat koordinasi pengawasan
tahapan kampanye Pilkada 2024 di aula kantor bupati, Senin (7/10/2024).

Rapat itu diikuti para camat dan panitia pengawas kecamatan dari seluruh Lotim.
"""


def run_extract(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pantau.cli", "extract", *args], cwd=REPO_ROOT,
                          capture_output=True, text=True, check=False, timeout=120)


def test_cli_facts_extract_text_and_errors_per_file(tmp_path: Path) -> None:
    good = tmp_path / "rakor.txt"
    good.write_text(TEXT, encoding="utf-8")
    english = tmp_path / "english.txt"
    english.write_text("Weather report\n" + "It rained all day in the capital and the roads "
                       "were flooded for hours, so schools closed early. " * 3, encoding="utf-8")
    missing = tmp_path / "missing.html"
    result = run_extract(str(english), str(good), str(missing))
    assert result.returncode == 1
    (line,) = result.stdout.strip().splitlines()
    record = json.loads(line)
    assert set(record) == {"article", "events", "elections", "regions", "persons", "quotes", "quantities",
                           "results"}
    assert {"code": "52.03", "role": "event_location"}.items() <= {
        k: v for k, v in record["regions"][0].items() if k in ("code", "role")}.items()
    assert ("pilkada", 2024, "2024-11-27") in {
        (e["type"], e["year"], e["voting_date"]) for e in record["elections"]}
    assert record["events"][0]["type"] == "coordination_meeting"
    assert record["events"][0]["date"] == "2024-10-07"
    body = record["article"]["body"]
    for region in record["regions"]:
        start, end = region["span"]
        assert body[start:end] == region["mention"]
    assert "english.txt: not Indonesian" in result.stderr
    assert "missing.html" in result.stderr
