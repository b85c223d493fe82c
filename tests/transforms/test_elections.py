"""Elections an article refers to, when real copies write them without a year or a race word."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pantau_transforms.article import ArticleText
from pantau_transforms.facts.elections import find_elections


def elections(body: str, title: str = "Berita", published: datetime | None = None) -> set:
    doc = ArticleText(article_id="t", url=None, title=title, body=body, published_at=published)
    return {
        (e.type, e.year, e.voting_date.isoformat() if e.voting_date else None)
        for e in find_elections(doc)
    }


def test_elections_bare_race_is_the_nearest_round_to_the_article() -> None:
    # Published in February 2025, a bare "Pilkada" is the round of November 2024.
    body = "Sengketa hasil Pilkada Maluku Tenggara kandas di Mahkamah Konstitusi pekan ini."
    assert elections(body, published=datetime(2025, 2, 6, tzinfo=UTC)) == {
        ("pilkada", 2024, "2024-11-27")
    }


def test_elections_without_a_publication_date_the_latest_written_date_counts() -> None:
    body = (
        "KPU menggelar pleno rekapitulasi Pilkada di aula kantornya, Rabu (4/12/2024), "
        "dihadiri saksi pasangan calon."
    )
    assert elections(body) == {("pilkada", 2024, "2024-11-27")}


def test_elections_year_after_a_bracketed_region() -> None:
    body = (
        "Gugatan Perselisihan Hasil (PHPU Pilbup) Kabupaten Maluku Tenggara (Malra) tahun 2024 "
        "resmi kandas di Mahkamah Konstitusi."
    )
    assert ("pilbup", 2024, "2024-11-27") in elections(
        body, published=datetime(2025, 2, 6, tzinfo=UTC)
    )


def test_elections_a_revote_is_of_its_own_year() -> None:
    body = (
        "Mahkamah Konstitusi memerintahkan PSU di seluruh TPS Banjarbaru untuk Pilkada 2024, "
        "paling lambat 60 hari setelah putusan."
    )
    found = elections(body, published=datetime(2025, 2, 25, tzinfo=UTC))
    assert ("psu", 2025, None) in found and ("pilkada", 2024, "2024-11-27") in found


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "KPU menggelar pengundian nomor urut pasangan calon Gubernur PBD, Senin (23/9/2024).",
            {("pilgub", 2024, "2024-11-27")},
        ),
        (
            "Pasangan capres-cawapres Prabowo-Gibran unggul di Cilacap, Sabtu (2/3/2024).",
            {("pilpres", 2024, "2024-02-14")},
        ),
    ],
)
def test_elections_implied_by_candidates_or_named_by_their_words(body: str, expected: set) -> None:
    assert elections(body) == expected


def test_elections_a_story_with_no_race_has_none() -> None:
    body = "Banjir merendam 130 desa di Aceh Tamiang, Rabu (2/11/2022), warga mengungsi ke masjid."
    assert elections(body) == set()


def test_elections_a_bare_village_race_beside_its_year_is_that_one() -> None:
    # No publication date; the voting days written are schedules, not the day of the article.
    body = (
        "Pemungutan suara Pilkades Serentak Tahun 2023 dilaksanakan pada 15 Maret 2023 di 53 desa. "
        "Pilkades ini pemanasan menuju Pemilu 2024 pada 14 Februari 2024."
    )
    assert {t for t, _y, _d in elections(body)} == {"pilkades", "pemilu"}
    assert ("pilkades", 2023, "2023-03-15") in elections(body)
