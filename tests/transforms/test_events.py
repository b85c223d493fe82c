"""Event types an article reports, read from the words of its headline, lead and body: words
that name another thing ("netralitas Polri", "pleno penetapan DPT") do not count."""

from __future__ import annotations

import pytest
from pantau_transforms.article import ArticleText
from pantau_transforms.facts import extract_facts


def types(title: str, body: str) -> list[str]:
    doc = ArticleText(article_id="t", url=None, title=title, body=body)
    return [e.type for e in extract_facts(doc).events]


def test_events_officers_told_to_stay_neutral_is_no_asn_neutrality() -> None:
    reported = types(
        "Kapolres Pimpin Apel Pergeseran Personel Pengamanan TPS Pilkada 2024",
        "Kapolres Halmahera Tengah memimpin apel pergeseran 120 personel pengamanan TPS Pilkada "
        "2024 di halaman Mapolres, Selasa (26/11/2024).\n\nKapolres mengingatkan seluruh "
        "personel agar menjaga netralitas Polri selama pengamanan. “Pegang teguh netralitas "
        "kita,” tegasnya. Personel juga berkoordinasi dengan kepala desa setempat.",
    )
    assert "asn_neutrality" not in reported
    assert reported[0] == "coordination_meeting" and "security" in reported


def test_events_civil_servants_told_to_stay_neutral_is_asn_neutrality() -> None:
    reported = types(
        "Bawaslu Ingatkan ASN Jaga Netralitas Jelang Pilkada 2024",
        "Bawaslu Kabupaten Gowa mengingatkan seluruh ASN dan kepala desa menjaga netralitas "
        "menjelang Pilkada 2024. ASN yang tidak netral akan dilaporkan.",
    )
    assert "asn_neutrality" in reported


@pytest.mark.parametrize(
    ("title", "body", "expected", "not_expected"),
    [
        (
            "KPU Gelar Pleno Penetapan DPT Pilkada 2024",
            "KPU Seram Bagian Timur menggelar rapat pleno terbuka penetapan DPT Pilkada 2024. "
            "Jumlah DPT ditetapkan 85.000 pemilih.",
            "voter_registration",
            "counting_recap",
        ),
        (
            "KPU Gelar Pleno Rekapitulasi Suara Pilkada 2024",
            "KPU Gorontalo Utara menggelar rapat pleno rekapitulasi penghitungan suara Pilkada "
            "2024. Paslon nomor urut 1 meraih suara terbanyak.",
            "counting_recap",
            "voter_registration",
        ),
    ],
)
def test_events_pleno_of_voter_lists_is_no_vote_recap(
    title: str, body: str, expected: str, not_expected: str
) -> None:
    reported = types(title, body)
    assert expected in reported and not_expected not in reported


def test_events_civil_servants_who_must_stay_neutral_is_asn_neutrality() -> None:
    reported = types(
        "BKPSDM Sampang Ingatkan Pegawai Jelang Pemilu 2024",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Sampang meminta "
        "pegawainya menjaga sikap menjelang Pemilu 2024. “Saya minta ASN harus netral dan "
        "tidak condong pada salah satu calon,” tutur Kepala BKPSDM Sampang.",
    )
    assert "asn_neutrality" in reported


def test_events_officers_who_must_stay_neutral_is_no_asn_neutrality() -> None:
    reported = types(
        "Kapolres Pimpin Apel Pengamanan Pemilu 2024",
        "Kapolres memimpin apel pengamanan Pemilu 2024 yang dihadiri kepala desa. Ia meminta "
        "seluruh personel wajib netral dan humanis selama bertugas di TPS.",
    )
    assert "asn_neutrality" not in reported


def test_events_a_re_run_of_the_vote_is_voting() -> None:
    reported = types(
        "KPU Gelar PSU di Dua TPS Bengkalis",
        "KPU Bengkalis menggelar pemungutan suara ulang (PSU) Pilkada 2024 di dua TPS atas "
        "rekomendasi Bawaslu. PSU berlangsung sejak pukul 07.00 WIB.",
    )
    assert "voting" in reported
