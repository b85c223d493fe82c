"""Persons with offices and quotes with speakers, read from Indonesian news sentences."""

from __future__ import annotations

import pytest
from pantau_transforms.facts.names import name_key
from pantau_transforms.facts.persons import canonical_office, find_persons
from pantau_transforms.facts.quotes import find_quotes


def offices(body: str, home: str | None = "35.28") -> dict[str, tuple[str | None, str | None]]:
    return {p["name"]: (p["office"], p["region_code"]) for p in find_persons(body, "", home)}


@pytest.mark.parametrize(("sentence", "name", "office", "region"), [
    # office first, region, comma
    ("Ketua KPU Sampang, Syamsul Arifin, membuka rapat pleno.", "Syamsul Arifin", "Ketua KPU", "35.27"),
    # office first, region, no comma
    ("Pj Bupati Wajo Andi Bataralifu mengikuti rakor itu.", "Andi Bataralifu", "Pj Bupati", "73.13"),
    # long acting prefix with its abbreviation, region with its own, initialism after the name
    ("Penjabat Sementara (Pjs) Bupati Kutai Timur (Kutim) HM Agus Hari Kesuma (AHK) hadir.",
     "HM Agus Hari Kesuma", "Pjs Bupati", "64.08"),
    # acting prefix written before its expansion
    ("Pjs (Penjabat Sementara) Bupati Kutim, HM Agus Hari Kesuma, memberi arahan.",
     "HM Agus Hari Kesuma", "Pjs Bupati", "64.08"),
    # rank kept in the name
    ("Kapolres Luwu Utara, AKBP Hariyanto Ramli, menurunkan personel.", "AKBP Hariyanto Ramli",
     "Kapolres", "73.22"),
    # a long office with its acronym, then the region
    ("Kepala Badan Kesatuan Bangsa dan Politik (Bakesbangpol) Sumenep, Moh. Hasan, membuka acara.",
     "Moh. Hasan", "Kepala Bakesbangpol", "35.29"),
    # an agency head named by its acronym
    ("Kepala Dinas Pemberdayaan Masyarakat dan Desa (DPMD) Sumenep, Moh. Ilyas Fauzan, menjawab.",
     "Moh. Ilyas Fauzan", "Kepala DPMD", "35.29"),
    # the name first, the office as its apposition
    ("Sementara itu, Muh. Awal Idris, Ketua KPU Parepare, menutup rapat.", "Muh. Awal Idris",
     "Ketua KPU", "73.72"),
    # a district between a local office and the name
    ("Camat Masamba, Muh. Ikhsan Pawelloi, memantau TPS.", "Muh. Ikhsan Pawelloi", "Camat", "35.28"),
    # a ballot number between the office and the name; a regency that is also a common word
    ("Calon Bupati Paser nomor urut 2, H. Lalu Syamsul Hadi, berorasi.", "H. Lalu Syamsul Hadi",
     "Calon Bupati", "64.01"),
    # a division between the office and the name
    ("Komisioner KPU Bangkalan Divisi Perencanaan, Data dan Informasi, Siti Rahmawati, menjelaskan.",
     "Siti Rahmawati", "Komisioner KPU", "35.26"),
    # the national level
    ("Ketua Bawaslu RI, Rahmat Bagja, membuka acara.", "Rahmat Bagja", "Ketua Bawaslu", None),
    # a city written as one word, as its seat is
    ("Kapolres Pangkalpinang AKBP Iman Risdiono Septana memimpin apel.",
     "AKBP Iman Risdiono Septana", "Kapolres", "19.71"),
    # a rank's corps in brackets, after a Kodim's number and town
    ("Terpisah, Dandim 0413 Bangka Letkol (Arm) Riski Budianto menekankan disiplin.",
     "Letkol (Arm) Riski Budianto", "Dandim", "19.01"),
    # the city's own police force: "Bogor Kota"
    ("Kapolresta Bogor Kota Kombes Pol Hendri Fiiser memimpin upacara.",
     "Kombes Pol Hendri Fiiser", "Kapolresta", "32.71"),
    # a Polda director's office written out
    ("Direktur Reserse Kriminal Umum Polda Kalbar Kombes Pol Veris Septiansyah hadir.",
     "Kombes Pol Veris Septiansyah", "Dirreskrimum", "61"),
])
def test_persons_find_persons_office_and_name(sentence: str, name: str, office: str,
                                              region: str | None) -> None:
    assert offices(sentence).get(name) == (office, region)


def test_persons_find_persons_candidate_pair() -> None:
    body = ("Pasangan bakal calon Bupati dan Wakil Bupati Pamekasan, Moh. Syaiful Anwar dan "
            "Nurul Hidayati, mendaftar ke KPU.")
    assert offices(body) == {"Moh. Syaiful Anwar": ("Calon Bupati", "35.28"),
                             "Nurul Hidayati": ("Calon Wakil Bupati", "35.28")}


@pytest.mark.parametrize("body", [
    "Pemilihan Bupati dan Wakil Bupati digelar serentak pada 27 November 2024.",
    "Bupati Bone mengatakan kantor camat tetap buka.",  # a regency, not a man called Bone
    "Undangan dikirim kepada Gubernur, Bupati, Walikota dan Sekda se-Indonesia.",
    "Baca juga: Kapolres Sampang AKBP Dimas Arya Pratama Tinjau TPS",  # another article's title
])
def test_persons_find_persons_no_person(body: str) -> None:
    assert offices(body) == {}


def test_persons_find_persons_aliases_fold_into_one_person() -> None:
    body = ("Sekretaris Daerah (Sekda) Lombok Timur, H.M. Juaini Taufik, memimpin rakor.\n\n"
            "Sekda Juaini meminta camat menuntaskan masalah. Juaini juga mengingatkan ASN.")
    (person,) = find_persons(body, "", "52.03")
    assert person["name"] == "H.M. Juaini Taufik" and person["office"] == "Sekda"
    assert "Juaini" in person["aliases"]
    start, end = person["span"]
    assert body[start:end].endswith("H.M. Juaini Taufik")


def test_persons_name_key_drops_titles_and_ranks() -> None:
    assert name_key("H.M. Juaini Taufik") == name_key("Juaini Taufik") == "juaini taufik"
    assert name_key("Letkol Inf Bayu Setiawan Nugroho") == "bayu setiawan nugroho"
    assert name_key("Sri Wahyuni, S.Sos., M.Si") == "sri wahyuni"


def test_persons_canonical_office_folds_written_forms() -> None:
    assert canonical_office("Kepala Badan Kesbangpol") == canonical_office("Kaban Kesbangpol") \
        == "Kepala Bakesbangpol"
    assert canonical_office("Penjabat (Pj) Bupati") == "Pj Bupati"
    assert canonical_office("Anggota KPU") == "Komisioner KPU"


BODY = (
    "WATAMPONE – Ketua Bawaslu Bone, Muh. Rusdi Lallo, mengungkapkan empat ASN terekam hadir "
    "dalam kampanye. Kapolres Bone, AKBP Erwin Syah Sinaga, ikut hadir.\n\n"
    "“Tiga di antaranya guru. Semua bukti sudah kami kumpulkan,” ujar Rusdi.\n\n"
    "Ia menambahkan laporan sudah diteruskan ke KASN.\n\n"
    "\"Kami tidak akan menunggu ada laporan masyarakat dulu,\" tegasnya.\n\n"
    "Kapolres menyatakan anggotanya siap mendampingi.\n\n"
    "\"Netralitas itu harga mati bagi anggota Polri,\" kata Kapolres.\n\n"
    "Acara bertajuk \"Rapat Netralitas Aparatur Bone Tahun 2024\" itu dihadiri 27 camat.\n\n"
    "Seorang guru honorer, Nur Aisyah (34), mengaku tidak tahu aturan itu.\n\n"
    "\"Saya kira hanya datang menonton saja,\" tuturnya."
)


def test_quotes_find_quotes_speakers() -> None:
    persons = find_persons(BODY, "", "73.08")
    quotes = find_quotes(BODY, persons)
    said = [(q["speaker"], q["text"].split()[0]) for q in quotes]
    assert said == [("Muh. Rusdi Lallo", "Tiga"),  # a cue with a short name
                    ("Muh. Rusdi Lallo", "Kami"),  # "-nya": the person the text is about
                    ("AKBP Erwin Syah Sinaga", "Netralitas"),  # a cue with an office
                    ("Nur Aisyah", "Saya")]  # a speaker without office, found by the verb of saying
    for quote in quotes:  # the span is the quotation's words
        start, end = quote["span"]
        assert BODY[start:end] == quote["text"]
    assert quotes[0]["cue"] == "ujar Rusdi" and quotes[1]["cue"] == "tegasnya"


def test_quotes_find_quotes_one_quote_over_two_paragraphs() -> None:
    body = ("Pj Bupati Sampang, Moh. Heru Santoso, membuka deklarasi.\n\n"
            "“Sampang sering diberi label daerah rawan. Label itu harus kita patahkan.\n\n"
            "“Karena itu saya minta semua pendukung menahan diri,” tegas Heru.")
    (quote,) = find_quotes(body, find_persons(body, "", "35.27"))
    assert quote["speaker"] == "Moh. Heru Santoso" and quote["cue"] == "tegas Heru"
    assert quote["text"].startswith("Sampang sering") and quote["text"].endswith("menahan diri")
    assert body[quote["span"][0]:quote["span"][1]] == quote["text"]


@pytest.mark.parametrize(("body", "expected"), [
    # members listed after the body's chair
    ("Ketua KPU Siak, Said Darma Setiawan, memimpin rapat bersama para anggota, yaitu Dedi "
     "Kurniawan, Ahmad Royani dan Berlian Littaqwa.",
     {"Said Darma Setiawan": "Ketua KPU", "Dedi Kurniawan": "Komisioner KPU",
      "Ahmad Royani": "Komisioner KPU", "Berlian Littaqwa": "Komisioner KPU"}),
    # a list after a member office, the chair of "Ketua dan Anggota"
    ("Di kursi teradu duduk Ketua dan Anggota KPU Kabupaten Sijunjung, Lindo Karsyah Gunawan, "
     "Fahrul Rozi Burda dan Nafwan.",
     {"Lindo Karsyah Gunawan": "Ketua KPU", "Fahrul Rozi Burda": "Komisioner KPU",
      "Nafwan": "Komisioner KPU"}),
    # a division of the body written out, the province by its abbreviation
    ("Koordinator divisi penanganan pelanggaran Bawaslu Provinsi Sumsel Ahmad Naafi mengatakan "
     "sidang dilanjutkan.", {"Ahmad Naafi": "Anggota Bawaslu"}),
    # police staff with their unit, ranks written with full stops
    ("Kapolres Lamsel, AKBP. Edwin, S.IK, didampingi Kabag Ops Polres Lamsel Kompol Hendri "
     "Sibarani SE, memimpin apel.", {"AKBP. Edwin": "Kapolres", "Kompol Hendri Sibarani": "Kabag Ops"}),
])
def test_persons_find_persons_lists_divisions_and_staff(body: str, expected: dict) -> None:
    assert {name: office for name, (office, _region) in offices(body).items()} == expected


@pytest.mark.parametrize(("body", "expected"), [
    ("Pengadu melaporkan Ketua dan Anggota KPU Kabupaten Teluk Bintuni, yakni Herry Salamahu, "
     "Dedimus Kambia, dan Ilham Lukman sebagai Teradu I sampai III.",
     {"Herry Salamahu": ("Ketua KPU", "92.06"), "Dedimus Kambia": ("Komisioner KPU", "92.06"),
      "Ilham Lukman": ("Komisioner KPU", "92.06")}),
    ("Ia mengadukan Ketua Bawaslu Kota Balikpapan, Wasanti beserta empat anggotanya, yaitu: "
     "Hamrin, Agus Sudirman, Ahmadi Azis, Dedi Irawan.",
     {"Wasanti": ("Ketua Bawaslu", "64.71"), "Hamrin": ("Anggota Bawaslu", "64.71"),
      "Agus Sudirman": ("Anggota Bawaslu", "64.71"), "Ahmadi Azis": ("Anggota Bawaslu", "64.71"),
      "Dedi Irawan": ("Anggota Bawaslu", "64.71")}),
])
def test_persons_a_body_chair_and_its_members_listed(body: str, expected: dict) -> None:
    assert offices(body) == expected


@pytest.mark.parametrize(("sentence", "name"), [
    ("Pengamat Politik Sumatera Selatan Ade Indra Chaniago menanggapi hasil survei.",
     "Ade Indra Chaniago"),
    ("Pengamat Politik di Provinsi Kalimantan Tengah Donny Y Laseduw SH MH menilai kekalahan itu.",
     "Donny Y Laseduw"),
    ("Analis politik Universitas Diponegoro (Undip) Semarang Nur Hidayat Sardini menilai pilgub.",
     "Nur Hidayat Sardini"),
    ("Pengamat politik Universitas Andalas (Unand) Edi Indrizal menilai dukungan itu.",
     "Edi Indrizal"),
    ("Pengamat Politik Sumsel Ade Indra Chaniago, S IP, M. Si menanggapi hasil survei.",
     "Ade Indra Chaniago"),
])
def test_persons_observers_with_their_region_or_university(sentence: str, name: str) -> None:
    assert offices(sentence, None) == {name: ("Pengamat Politik", None)}


@pytest.mark.parametrize(("sentence", "name", "office"), [
    ("Hal itu dikatakan Kabid Pengangkatan dan Pemberhentian BKPSDMD Kabupaten Bungo, Ade Yusuf "
     "Abidin.", "Ade Yusuf Abidin", "Kabid Pengangkatan dan Pemberhentian"),
    ("Kasi Teknis KPU Bungo Ade Yusuf mengatakan hal itu.", "Ade Yusuf", "Kasi Teknis"),
])
def test_persons_staff_heads_of_an_agency(sentence: str, name: str, office: str) -> None:
    assert offices(sentence, None) == {name: (office, "15.08")}


def test_quotes_an_office_after_a_sentence_opener_names_its_holder() -> None:
    body = (
        "Kapolres Kutai Kartanegara AKBP Dody Surya Putra memimpin apel. Apel juga diikuti "
        "Wakapolres Kukar Kompol Budi Hartono.\n\nDalam arahannya, Kapolres Kukar menyampaikan "
        "pentingnya kesiapan personel. “Semua personel harus siap siaga di TPS masing-masing,” "
        "ungkapnya."
    )
    quotes = find_quotes(body, find_persons(body, "", None))
    assert [q["speaker"] for q in quotes] == ["AKBP Dody Surya Putra"]


@pytest.mark.parametrize(("body", "names"), [
    ("DKPP memeriksa KPU Kotawaringin Barat. Perkara ini diajukan oleh Antonius, Agus Supriyanto, "
     "dan Faiqul Marom.", ["Antonius", "Agus Supriyanto", "Faiqul Marom"]),
    ("Sidang kode etik itu berawal dari aduan Muh Kahfi Zurrahman. Ia mengadukan Bawaslu.",
     ["Muh Kahfi Zurrahman"]),
])
def test_persons_complainants_of_an_ethics_case(body: str, names: list[str]) -> None:
    assert [n for n, (office, _r) in offices(body).items() if office == "Pengadu"] == names


def test_persons_a_lawsuit_filed_by_someone_is_no_ethics_complaint() -> None:
    body = "Gugatan itu diajukan oleh Dendi Suryadi ke PTTUN Banjarmasin pekan lalu."
    assert "Pengadu" not in {office for office, _r in offices(body).values()}


def test_persons_a_body_and_its_short_form_between_office_and_holder() -> None:
    body = "Ketua Relawan Sahabat Sangatta Selatan (SSS), Zainul Abdi, hadir di kampanye itu."
    assert offices(body, "64.08") == {"Zainul Abdi": ("Ketua Relawan", "64.08")}


def test_persons_the_presiding_judge_of_the_constitutional_court() -> None:
    body = "“Permohonan tidak dapat diterima,” kata Ketua Majelis Hakim Konstitusi Arief Hidayat."
    assert offices(body) == {"Arief Hidayat": ("Ketua Majelis", None)}


@pytest.mark.parametrize(("sentence", "name", "office"), [
    ("Hadir pula Babinsa Koramil 07/Negeri Agung Koptu Nana Eka Putra serta anggota Bawaslu.",
     "Koptu Nana Eka Putra", "Babinsa"),
    ("Apel dihadiri Danrem 091/Aji Surya Natakesuma Brigjen TNI Dendi Suryadi.",
     "Brigjen TNI Dendi Suryadi", "Danrem"),
    ("Danrem 174/Anim Ti Waninggap, Brigjen TNI Agus Widodo, hadir.", "Brigjen TNI Agus Widodo",
     "Danrem"),
    ("Rapat dipimpin Wakil Ketua II DPRD Sulteng, Zalzulmida A Djanggola.",
     "Zalzulmida A Djanggola", "Wakil Ketua DPRD"),
    # a regency by its abbreviation, after "Kabupaten"
    ("Hadir pula Ketua KPUD Kabupaten SBT Syahrifudin beserta para anggota.", "Syahrifudin",
     "Ketua KPU"),
])
def test_persons_units_with_numbers_and_towns_and_numbered_deputies(
    sentence: str, name: str, office: str
) -> None:
    assert [(n, o) for n, (o, _r) in offices(sentence, None).items()] == [(name, office)]
