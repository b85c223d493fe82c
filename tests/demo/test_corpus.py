"""The real-modelled corpus: every file valid, one real source per article, stored copies and
pages that read as the format says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pantau_transforms.extract import article_from_text, extract_article

from pantau.demo.corpus import load_article, load_corpus, problems, render_page, stored_text
from pantau.paths import REPO_ROOT

CORPUS = load_corpus("all")


def test_corpus_size_and_spread() -> None:
    provinces = {a.outlet.region_code.split(".")[0] for a in CORPUS}
    outlets = {a.outlet.domain for a in CORPUS}
    other = [a for a in CORPUS if not a.gold.get("election_article")]
    heldout = [a for a in CORPUS if a.split == "heldout"]
    assert len(CORPUS) >= 150 and len(provinces) >= 30 and len(outlets) >= 80
    assert len(other) >= 20
    assert len(heldout) >= len(CORPUS) / 4


@pytest.mark.parametrize("article", CORPUS, ids=lambda a: a.path.name)
def test_corpus_article_has_no_problems(article) -> None:  # noqa: ANN001
    assert problems(article) == []


def test_corpus_one_article_per_real_source() -> None:
    sources = [a.source.rstrip("/") for a in CORPUS]
    assert len(sources) == len(set(sources))


def test_corpus_stored_text_keeps_furniture_and_inserts(tmp_path: Path) -> None:
    path = tmp_path / "dev" / "900-52-contoh.yaml"
    path.parent.mkdir()
    path.write_text(
        """source: https://example.org/berita/1
outlet: {name: Contoh, domain: contoh.id, platform: blogger, region_code: "52.03", timezone: Asia/Makassar}
title: "Judul Berita Contoh"
published: "2024-11-13T10:15:00+08:00"
split: dev
above: |
  Iklan
title_line: "Beranda » Politik » Judul Berita Contoh"
header: |
  Rabu, 13 November 2024 | 10:15 WITA
body: |
  SELONG, Contoh – Paragraf pertama yang cukup panjang untuk sebuah berita daerah.
  [[baca: Judul Lain]]
  [[foto: Keterangan foto]]

  Paragraf kedua.
footer: |
  Tags: Pilkada
line_breaks: single
gold: {election_article: false}
""",
        encoding="utf-8",
    )
    article = load_article(path)
    assert stored_text(article).splitlines() == [
        "Iklan",
        "Beranda » Politik » Judul Berita Contoh",
        "Rabu, 13 November 2024 | 10:15 WITA",
        "SELONG, Contoh – Paragraf pertama yang cukup panjang untuk sebuah berita daerah.",
        "Baca juga: Judul Lain",
        "Keterangan foto",
        "Paragraf kedua.",
        "Tags: Pilkada",
    ]
    assert article.slug == "52-contoh"


def test_corpus_article_reads_as_text_and_as_page() -> None:
    article = next(a for a in CORPUS if a.split == "dev" and a.gold.get("quotes"))
    plain = article_from_text(stored_text(article))
    page = extract_article(
        render_page(article), None, outlet_region_code=article.outlet.region_code
    )
    first_quote = " ".join(article.gold["quotes"][0]["text"].split())
    assert first_quote in " ".join(plain.body.split())
    assert first_quote in " ".join(page.body.split())
    assert page.title == article.title


def test_corpus_check_cli_names_the_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "dev" / "901-99-rusak.yaml"
    bad.parent.mkdir()
    bad.write_text(
        "source: not-a-url\noutlet: {name: X, domain: x.id, platform: wordpress, "
        "region_code: '99.99'}\ntitle: T\nbody: pendek\ngold: {}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "pantau.cli", "corpus", "check", str(bad)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert "901-99-rusak.yaml: source must be the real article's URL" in result.stderr
    assert "region_code '99.99' is not in the gazetteer" in result.stderr
