"""trafilatura plus the boilerplate rules on pages shaped like regional news themes."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from pantau_transforms.extract import (
    ExtractionError,
    article_from_text,
    article_id,
    canonical_url,
    clean_body,
    extract_article,
)

BODY = [
    "SELONG – Panitia pemilihan kepala desa di Lombok Timur menggelar rapat persiapan akhir "
    "di aula kantor bupati pada Senin pagi.",
    "Rapat itu membahas pengamanan, distribusi kotak suara, dan kesiapan petugas di setiap desa "
    "yang akan memilih kepala desa baru bulan depan.",
    "“Semua petugas harus sudah siap paling lambat tiga hari sebelum pemungutan suara,” kata "
    "Ketua Panitia Kabupaten, Lalu Ahmad Fauzi.",
]


def page(extra_after: str = "", date_html: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>Rapat akhir panitia Pilkades Lotim – Gema Lotim</title>
<link rel="canonical" href="http://127.0.0.1:8001/2023/03/rapat-akhir.html?utm_source=fb">
</head><body class="single single-post">
<header><nav><a href="/">Beranda</a> <a href="/politik">Politik</a></nav><div class="ad">Iklan</div></header>
<main><article><h1 class="entry-title">Rapat akhir panitia Pilkades Lotim</h1>{date_html}
<div class="entry-content"><div class="views">by -139 Views</div>{paragraphs}
<div class="ad">Iklan</div></div></article>{extra_after}</main>
<aside><h3>Berita Terkini</h3><ul><li><a href="/a">Harga cabai turun di Sumbawa</a></li></ul></aside>
<footer>© Gema Lotim</footer></body></html>"""


def test_extract_extract_article_clean_body() -> None:
    comments = (
        '<div id="comments"><h3>Tinggalkan Balasan</h3><p>Email Anda tidak kami tampilkan di '
        "sini. Kolom bertanda * harus diisi.</p></div>"
    )
    result = extract_article(page(extra_after=comments), "http://127.0.0.1:8001/x")
    assert result.body.startswith("SELONG – Panitia pemilihan")
    assert result.body.endswith("Lalu Ahmad Fauzi.")
    for marker in ("Iklan", "Views", "Tinggalkan Balasan", "Berita Terkini", "Beranda"):
        assert marker not in result.body
    assert result.language == "id"


def test_extract_extract_article_id_from_canonical_url() -> None:
    result = extract_article(page(), "http://127.0.0.1:8001/2023/03/rapat-akhir.html?m=1")
    assert result.url == "http://127.0.0.1:8001/2023/03/rapat-akhir.html"
    assert result.article_id == article_id("http://127.0.0.1:8001/2023/03/rapat-akhir.html")


def test_extract_extract_article_date_from_indonesian_text() -> None:
    html = page(date_html='<div class="meta">Rabu, 8 Maret 2023 - 14:30 WITA</div>')
    result = extract_article(html, None, timezone="Asia/Makassar")
    assert result.published_at == datetime(2023, 3, 8, 14, 30, tzinfo=ZoneInfo("Asia/Makassar"))


def test_extract_extract_article_english_page_rejected() -> None:
    english = page().replace(
        BODY[0],
        "The village election committee met on Monday to finish "
        "its preparations for the vote next month in East Lombok.",
    )
    for paragraph in BODY[1:]:
        english = english.replace(
            paragraph,
            "Security, ballot boxes and staff readiness were "
            "discussed at length by everyone who attended the meeting.",
        )
    with pytest.raises(ExtractionError, match="not Indonesian"):
        extract_article(english, "http://127.0.0.1:8001/en")


def test_extract_clean_body_drops_inline_and_cuts_tail() -> None:
    text = "\n".join(
        [
            "by -2.310 Views",
            BODY[0],
            "Baca juga: Bupati resmikan pasar baru",
            BODY[1],
            "Iklan",
            BODY[2],
            "Pos terkait",
            "Harga cabai turun di Sumbawa",
        ]
    )
    assert clean_body(text) == "\n\n".join(BODY)


def test_extract_clean_body_keeps_tail_words_early_in_text() -> None:
    # "Komentar" at the very top is a heading quirk, not a comment section: nothing is cut.
    text = "\n".join(["Komentar", *BODY])
    assert clean_body(text).endswith(BODY[2])


def test_extract_canonical_url_drops_trackers_keeps_meaningful_query() -> None:
    assert (
        canonical_url("http://A.example/berita?id=5&utm_source=x#top")
        == "http://a.example/berita?id=5"
    )


def test_extract_article_from_text_unicode_and_nbsp() -> None:
    text = "Judul\u00a0berita\n\n" + "\n\n".join(BODY).replace(" ", "\u00a0", 3)
    result = article_from_text(text)
    assert result.title == "Judul\u00a0berita"
    assert result.body.startswith("SELONG")


def test_extract_article_id_same_across_hosts_of_one_outlet() -> None:
    first = article_id("http://127.0.0.1:40001/2024/11/rakor.html", "gema-lotim")
    moved = article_id(
        "https://www.gemalotim.example/2024/11/rakor.html?utm_source=x", "gema-lotim"
    )
    other = article_id("http://127.0.0.1:40001/2024/11/rakor.html", "pojok-kutim")
    assert first == moved != other


def test_extract_article_from_text_reads_a_date_line_not_a_sentence_date() -> None:
    from pantau_transforms.extract import article_from_text

    body = (
        "Pemungutan suara Pilkades digelar pada 15 Maret 2023 di 53 desa di Kabupaten Lombok "
        "Timur, diikuti sekitar 209 ribu pemilih yang sudah terdaftar."
    )
    dated = article_from_text(f"Judul Berita\n\n17 September 2024, 21:10 WIB\n\n{body}")
    assert dated.published_at is not None
    assert (dated.published_at.date().isoformat(), dated.published_at.hour) == ("2024-09-17", 21)
    assert article_from_text(f"Judul Berita\n\n{body}").published_at is None


STORED_COPY = """Ambonkita.com
No Result
View All Result
Ambonku Hukum Kriminal Maluku Nasional Politik Olahraga Catatan Kita
Home Ambonku KPU Kota Ambon Sosialisasi Pilkada Serentak di Nusaniwe
Editor by Editor
06/30/2024
AMBONKITA.COM,- Komisi Pemilihan Umum (KPU) Kota Ambon menggelar sosialisasi pemilihan wali kota di Kecamatan Nusaniwe, Minggu (30/6/2024), untuk menaikkan partisipasi warga.
Ketua KPU Kota Ambon, Christine Rumkabu, mengatakan sosialisasi digelar di tiap kecamatan sampai akhir bulan.
Recent Posts
Warga Pulau Morotai Keluhkan Harga BBM Eceran
Unjuk Rasa di Polda Maluku Ricuh, Satu Provokator Ditangkap
"""


def test_extract_article_from_text_stored_copy_furniture() -> None:
    doc = article_from_text(STORED_COPY)
    # The site's name is not the headline; menus above the lead and related posts below go.
    assert doc.title == "Home Ambonku KPU Kota Ambon Sosialisasi Pilkada Serentak di Nusaniwe"
    assert doc.body.startswith("AMBONKITA.COM,- Komisi")
    assert "Morotai" not in doc.body and "Olahraga" not in doc.body
    assert doc.body.endswith("sampai akhir bulan.")


def test_extract_article_from_text_breadcrumb_and_headline_furniture() -> None:
    text = (
        "Beranda » Papua Barat » KPU Manokwari Gelar Deklarasi Kampanye Damai\n\n"
        "Penulis: Redaksi | Editor: Admin\n\n"
        "MANOKWARI, Kabartimur – KPU Manokwari menggelar deklarasi kampanye damai bersama dua "
        "pasangan calon di halaman kantornya, Selasa (24/9/2024), disaksikan ratusan pendukung.\n\n"
        "Tags: Pilkada, Manokwari\n\nBerita Terkait\n\nBawaslu Papua Barat Petakan Kerawanan TPS\n"
    )
    doc = article_from_text(text)
    assert doc.title == "KPU Manokwari Gelar Deklarasi Kampanye Damai"
    assert doc.body.startswith("MANOKWARI, Kabartimur") and "Kerawanan" not in doc.body


def test_extract_article_from_text_without_headline_keeps_the_lead_in_the_body() -> None:
    lead = (
        "PAMEKASAN, Lebur.id – Pemerintah Kabupaten Pamekasan menggelar rapat koordinasi "
        "menjelang Pilkada 2024 di pendapa, Rabu (20/11/2024), bersama jajaran Forkopimda."
    )
    doc = article_from_text(
        lead + "\nKetua KPU Pamekasan, Mahdi, hadir bersama para camat dan "
        "pimpinan OPD di ruang rapat.\n"
    )
    assert doc.title == lead and doc.body.startswith(lead)


def test_extract_article_from_text_page_printed_twice() -> None:
    paragraph = (
        "SELONG – KPU Lombok Timur menetapkan 1.168.188 pemilih dalam daftar pemilih tetap "
        "untuk Pilkada 2024 di aula kantornya, Kamis (19/9/2024)."
    )
    doc = article_from_text(
        f"Judul Berita\n\n{paragraph}\n\nParagraf kedua yang pendek.\n\n{paragraph}\n"
    )
    assert doc.body.count("1.168.188") == 1
