"""Regions and their roles: where the event happened, what the story is about, what it names."""

from __future__ import annotations

import pytest
from pantau_transforms.article import ArticleText
from pantau_transforms.facts.regions import find_regions


def roles(title: str, body: str, outlet_region: str | None = None) -> dict[str, str]:
    doc = ArticleText(article_id="t", url=None, title=title, body=body,
                      outlet_region_code=outlet_region)
    return {r.code: r.role for r in find_regions(doc)}


def test_regions_venue_in_the_lead_beats_the_dateline() -> None:
    body = ("SAMARINDA – Pemerintah Provinsi Kalimantan Timur menggelar rapat koordinasi "
            "di Hotel Novotel, Balikpapan, Rabu (13/11/2024). Pjs Bupati Kutim ikut hadir.")
    found = roles("Pemprov Kaltim Gelar Rakor Jelang Pilkada", body, "64")
    assert found["64.71"] == "event_location"  # the meeting was in Balikpapan
    assert found["64"] == "subject"  # the province holds it: a province-wide matter
    assert found["64.72"] == "mentioned" and found["64.08"] == "mentioned"


def test_regions_province_that_only_places_a_regency_is_mentioned() -> None:
    body = ("SELONG – KPU Kabupaten Lombok Timur, Nusa Tenggara Barat, memulai coklit untuk "
            "Pemilihan Gubernur NTB dan Pemilihan Bupati Lotim. Petugas mendatangi warga di "
            "Kecamatan Sakra dan Kecamatan Aikmel.\n\nKPU Lotim menargetkan coklit rampung "
            "sebulan. Warga NTB yang merantau diminta memperbarui data.")
    found = roles("Coklit Dimulai, Petugas KPU Lotim Datangi Rumah Warga", body, "52.03")
    assert found == {"52.03": "event_location", "52": "mentioned"}


def test_regions_baca_juga_and_ambiguous_abbreviations_are_not_the_articles() -> None:
    body = ("BULUKUMBA – Penyeberangan dari Bira ke Benteng, ibu kota Kepulauan Selayar, "
            "ditutup karena gelombang tinggi.\n\nBaca juga: Banjir Rendam Tiga Desa di Kabupaten "
            "Sinjai\n\nKapal baru berlayar lagi bila cuaca membaik.")
    found = roles("Gelombang Tinggi, Penyeberangan Bira-Selayar Ditutup", body, "73")
    assert "73.07" not in found  # Sinjai is only in the "Baca juga" line
    assert "17.09" not in found  # "Benteng" is Selayar's capital here, not Bengkulu Tengah
    assert found["73.02"] == "event_location" and "73.01" in found


def test_regions_jakarta_dateline_names_the_province_and_the_venue_the_city() -> None:
    body = ("KABARSULSEL.COM, JAKARTA -- Pj Bupati Wajo mengikuti Rakornas Bawaslu di Econvention "
            "Ancol, Jakarta Utara, Selasa (17/9/2024). Bupati Wajo diminta menjaga netralitas ASN.")
    found = roles("Hadiri Rakornas, Pj Bupati Wajo Minta ASN Netral", body, "73")
    assert found["31.72"] == "event_location" and found["31"] == "mentioned"
    assert found["73.13"] == "subject"


def test_regions_polda_that_places_a_regency_police_is_no_provincial_matter() -> None:
    body = ("Ketapang – Polda Kalbar, Kapolres Ketapang AKBP Setiadi memimpin apel pergeseran "
            "personel pengamanan TPS di halaman Mapolres Ketapang. Personel Polda Kalbar ikut "
            "membantu pengamanan di Ketapang.")
    found = roles("Kapolres Ketapang Pimpin Apel Pergeseran Personel", body, "61")
    assert found["61.04"] == "event_location"
    assert found["61"] == "mentioned"


def test_regions_each_regency_a_roundup_paragraph_opens_on_is_a_subject() -> None:
    body = ("Empat KPU kabupaten di Lampung menetapkan bupati terpilih hasil Pilkada 2024.\n\n"
            "Di Pringsewu, KPU menetapkan Riyanto Pamungkas dan Umi Laila.\n\n"
            "Dari Pesisir Barat (Pesbar), KPU menyerahkan berita acara kepada DPRD.\n\n"
            "Warga Tanggamus ikut menonton siaran pleno itu.")
    found = roles("Empat KPU di Lampung Tetapkan Kepala Daerah Terpilih", body, "18")
    assert found["18.10"] == "subject" and found["18.13"] == "subject"
    assert found["18.06"] == "mentioned"  # Tanggamus is only named in passing


@pytest.mark.parametrize(("title", "body", "home", "location", "not_primary"), [
    # a seat two regencies share ("Parigi"): the one the article names
    ("KPU Parimo Jadwalkan Tiga Kali Debat Publik",
     "Parigi (ANTARA) - KPU Kabupaten Parigi Moutong, Sulawesi Tengah, menjadwalkan tiga kali "
     "debat publik pasangan calon bupati.", "72.71", "72.08", "32.18"),
    # a national desk's dateline, named nowhere after it: the regency the lead reports
    ("Sebanyak 1.700 Orang Mati di Mukomuko Masih Jadi Pemilih",
     "REPUBLIKA.CO.ID, JAKARTA — KPU Kabupaten Mukomuko, Bengkulu, mencoret 1.700 nama "
     "pemilih karena meninggal dunia.\n\nKPU Mukomuko menyebut coklit sudah selesai.",
     None, "17.06", "31"),
    # a provincial desk (Batam) and a regency of its province the lead reports and names again
    ("KPU Karimun Pastikan Logistik Tiba",
     "Batam (ANTARA) - KPU Kabupaten Karimun, Kepulauan Riau, memastikan logistik pilkada tiba "
     "di gudang PPK.\n\nKetua KPU Karimun Mardanus menyebut distribusi lancar.",
     "21", "21.02", "21.71"),
])
def test_regions_the_dateline_gives_way_to_the_regency_reported(
    title: str, body: str, home: str | None, location: str, not_primary: str
) -> None:
    found = roles(title, body, home)
    assert found[location] == "event_location"
    assert found.get(not_primary, "mentioned") == "mentioned"
