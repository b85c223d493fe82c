"""Counted quantities in Indonesian news: numbers, multipliers, qualifiers, units; not dates,
years, times, phone numbers, ordinals, legal or TPS numbers."""

import pytest
from pantau_transforms.facts.quantities import _required, find_quantities, rules, words_value


def only(body: str) -> dict:
    found = find_quantities(body)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("phrase", "value", "unit", "qualifier"), [
    # digits, thousands dots, decimal comma, multipliers
    ("Pemilu diikuti 107.914 pemilih dalam DPT.", 107914, "pemilih", None),
    ("DPT ditetapkan sebanyak 1.335.640 pemilih.", 1335640, "pemilih", None),
    ("Pencoblosan berlangsung di 53 desa.", 53, "desa", None),
    ("melibatkan kurang lebih 209 ribu pemilih", 209000, "pemilih", "sekitar"),
    ("diikuti lebih dari 6,6 juta pemilih", 6600000, "pemilih", "lebih dari"),
    ("mendata sekitar 1,04 juta pemilih", 1040000, "pemilih", "sekitar"),
    ("total suara sah mencapai 1,2 juta suara", 1200000, "suara", None),
    ("partisipasi tercatat 78,6 persen", 78.6, "persen", None),
    ("partisipasi tercatat 78,6% dari DPT", 78.6, "persen", None),
    ("hampir 90 persen pemilih kembali datang", 90, "persen", "hampir"),
    ("ada lebih dari 1.000 pelanggaran netralitas ASN", 1000, "pelanggaran", "lebih dari"),
    ("ada 1.000 lebih pelanggaran netralitas ASN", 1000, "pelanggaran", "lebih dari"),
    ("jumlahnya kurang dari 30 ribu pemilih", 30000, "pemilih", "kurang dari"),
    ("sedikitnya 15 orang terluka", 15, "orang", "lebih dari"),
    # money
    ("anggaran sekitar Rp 2,3 miliar untuk pilkades", 2300000000, "rupiah", "sekitar"),
    ("dana hibah dengan total Rp 287 miliar", 287000000000, "rupiah", None),
    ("honor Rp12.000.000,- per bulan", 12000000, "rupiah", None),
    ("harga beras Rp 13.500 per kilogram", 13500, "rupiah", None),
    ("cabai rawit dijual Rp 80 ribu per kilogram", 80000, "rupiah", None),
    ("proyek senilai Rp 12 M itu", 12000000000, "rupiah", None),
    ("bantuan sebesar 2,5 juta rupiah", 2500000, "rupiah", None),
    # number words
    ("tersebar di sembilan kecamatan", 9, "kecamatan", None),
    ("memetakan dua puluh titik rawan", 20, "titik rawan", None),
    ("menerima sebelas keberatan saksi", 11, "keberatan", None),
    ("Tiga rumah warga tertimbun", 3, "rumah", None),
    ("satu ruang guru ikut direnovasi", 1, "ruang guru", None),
    ("ada dua ratus tiga puluh lima pemilih baru", 235, "pemilih", None),
    ("sejak tiga belas desa menggelar pilkades", 13, "desa", None),
    # units: multi-word, normalized, behind fillers and classifiers
    ("diikuti 71 calon kepala desa", 71, "calon kepala desa", None),
    ("dengan 96 tempat pemungutan suara", 96, "TPS", None),
    ("tersebar di 26.335 TPS", 26335, "TPS", None),
    ("mencopot 1.236 alat peraga kampanye (APK)", 1236, "APK", None),
    ("menemukan tiga aparatur sipil negara", 3, "ASN", None),
    ("rekapitulasi dari 24 kabupaten/kota", 24, "kabupaten/kota", None),
    ("tersebar di 189 desa dan kelurahan", 189, "desa/kelurahan", None),
    ("menangani 312 dugaan pelanggaran", 312, "pelanggaran", None),
    ("ada tiga bakal pasangan calon", 3, "pasangan calon", None),
    ("Tiga lainnya guru honorer.", 3, "guru", None),
    ("menemukan sekitar 1.150 nama pemilih ganda", 1150, "pemilih", "sekitar"),
    ("memasang tiga unit gorong-gorong", 3, "gorong-gorong", None),
    ("mengerahkan dua unit alat berat", 2, "alat berat", None),
    ("Pasangan calon unggul di 13 dari 18 kecamatan.", 13, "kecamatan", None),
    # "orang" and "lembar" read from their context
    ("Jumlah pemilih dalam pilkades sekitar 41 ribu orang.", 41000, "pemilih", "sekitar"),
    ("Pemilih laki-laki tercatat 326.905 orang.", 326905, "pemilih", None),
    ("Polisi mengamankan tiga orang provokator.", 3, "orang", None),
    ("Polisi mengamankan tiga orang yang diduga provokator.", 3, "orang", None),
    ("Apel diikuti 1.200 personel gabungan. Dari jumlah personel itu, 800 orang dari Polres.",
     1200, "personel", None),
    ("Surat suara Pilbup dicetak. Jumlahnya sekitar 1,02 juta lembar.", 1020000, "surat suara",
     "sekitar"),
    ("melipat sekitar 2.000 lembar surat suara", 2000, "surat suara", "sekitar"),
    # a bare number takes the unit its sentence names before it
    ("Jumlah suara sah sebanyak 255.142, sedangkan tidak sah nihil.", 255142, "suara", None),
    ("terdiri dari suara sah 76.229 dan", 76229, "suara", None),
    ("Jumlah DPT tercatat 41.350 di 13 kecamatan.", 41350, "pemilih", None),
    ("Sejauh ini tercatat 136 PPK, dan jumlah TPS 7.830.", 136, "PPK", None),
])
def test_find_quantities_reads_value_unit_and_qualifier(phrase: str, value: float, unit: str,
                                                         qualifier: str | None) -> None:
    quantity = find_quantities(phrase)[0]
    assert (quantity["value"], quantity["unit"], quantity["qualifier"]) == (value, unit, qualifier)
    assert isinstance(quantity["value"], int) == float(value).is_integer()


@pytest.mark.parametrize("phrase", [
    "Pilkada Serentak 2024 digelar tahun 2024.",                      # years
    "Pencoblosan pada 15 Maret 2023 dan Rabu (13/11/2024).",           # dates
    "Pemungutan suara 27 hingga 29 Agustus 2024 di sana.",             # date range
    "TPS dibuka pukul 08.00 WITA dan ditutup pukul 13.00 WIB.",        # times
    "Rapat mulai pukul 10:30 WIB.",                                    # times with a colon
    "Hubungi 0812-3456-7890 atau +62 812 3456 7890.",                  # phone numbers
    "Pemilih datang ke-2 kalinya, tahap 3, pekan kedua.",              # ordinals
    "Diatur UU Nomor 10 Tahun 2016, Pasal 71 ayat (3), No. 12, PKPU 8/2024.",  # legal numbers
    "Pantauan di TPS 07 Desa Nepa serta TPS 02 dan TPS 11.",           # TPS labels
    "Pasangan calon nomor urut 2 unggul di Dapil 3.",                  # positions
    "Dandim 1702/Jayawijaya dan Kodim 0827/Sumenep hadir.",            # unit numbers
    "Bawaslu menemukan ratusan pelanggaran dan puluhan desa rawan.",   # vague plurals
    "Warga berusia 45 tahun membawa 20 ton beras.",                    # ages, measures
    "Salah satu partai menarik dukungan; seorang camat dan sebuah partai politik.",
    "Ia satu-satunya calon, menunggu dua tiga hari.",
    "Situs https://kpu.go.id/2024/500-pemilih memuat datanya.",        # numbers inside URLs
    "Baca juga: Pilkades di Sinjai Diikuti 41 Desa",                   # a "Baca juga" insert
    "Warga Kabupaten Lima Puluh Kota datang.",                         # a name, not a count
    "Pemungutan suara 27 November di semua TPS.",                      # a unit word, then a day
])
def test_find_quantities_ignores_numbers_that_count_nothing(phrase: str) -> None:
    assert find_quantities(phrase) == []


PARAGRAPH = (
    "MASAMBA, CELEBES POS -- Pilkades serentak di Luwu Utara, Rabu (11/10/2023), digelar di "
    "24 desa yang tersebar di sembilan kecamatan dan diikuti 71 calon kepala desa. Jumlah "
    "pemilih yang terdaftar sekitar 41 ribu orang, dengan 96 tempat pemungutan suara. "
    "Kapolres menurunkan 318 personel, sementara TPS 05 di Desa Baebunta ditutup pukul "
    "13.00 WITA.\n\n"
    "Baca juga: Pilkades Serentak di Sinjai Diikuti 41 Desa\n\n"
    "Pemkab mengalokasikan anggaran sekitar Rp 2,3 miliar. Di Pilkada 2020 ada lebih dari 1.000 "
    "pelanggaran netralitas ASN, padahal hanya di 170 wilayah; partisipasi hampir 93 persen."
)


def test_find_quantities_spans_point_at_the_text_in_a_realistic_paragraph() -> None:
    found = find_quantities(PARAGRAPH)
    assert [(q["value"], q["unit"]) for q in found] == [
        (24, "desa"), (9, "kecamatan"), (71, "calon kepala desa"), (41000, "pemilih"),
        (96, "TPS"), (318, "personel"), (2300000000, "rupiah"), (1000, "pelanggaran"),
        (170, "wilayah"), (93, "persen"),
    ]
    for quantity in found:
        start, end = quantity["span"]
        assert quantity["text"] == PARAGRAPH[start:end]
    assert [q["text"] for q in found][3] == "sekitar 41 ribu orang"
    assert found[6]["text"] == "sekitar Rp 2,3 miliar"


def test_find_quantities_says_what_is_counted() -> None:
    quantity = only("Di Pilkada 2020 ada lebih dari 1.000 pelanggaran netralitas ASN, padahal")
    assert quantity["counts"] == "pelanggaran netralitas ASN"
    assert quantity["text"] == "lebih dari 1.000 pelanggaran"
    assert only("Kapolres menyiagakan 350 personel di sekitar lokasi.")["counts"] == "personel"
    assert only("anggaran sekitar Rp 1,5 miliar dari dana tak terduga")["counts"] is None


def test_find_quantities_keeps_the_order_and_offsets_of_the_body() -> None:
    body = "Ada 3 desa.\nLalu 4 desa dan Rp 5 juta."
    found = find_quantities(body)
    assert [q["span"] for q in found] == [(4, 10), (17, 23), (28, 37)]
    assert [q["value"] for q in found] == [3, 4, 5000000]


@pytest.mark.parametrize(("words", "value"), [
    ("dua", 2), ("sepuluh", 10), ("sebelas", 11), ("tujuh belas", 17), ("dua puluh", 20),
    ("seratus", 100), ("lima ratus", 500), ("seribu lima ratus", 1500),
    ("dua ratus tiga puluh lima", 235), ("tiga ratus ribu", 300000), ("dua juta", 2000000),
    ("dua tiga", None), ("puluh", None),
])
def test_words_value_reads_written_numbers(words: str, value: int | None) -> None:
    assert words_value(words, rules()) == value


def test_rules_refuse_an_empty_group() -> None:
    with pytest.raises(ValueError, match="units"):
        _required({"units": {}}, "units")


def test_find_quantities_souls_on_the_voter_list_are_voters() -> None:
    found = find_quantities("Sebanyak 1.802 pemilih tidak memenuhi syarat, karena meninggal dunia "
                            "sampai 1.700 jiwa.")
    assert [(q["value"], q["unit"]) for q in found] == [(1802, "pemilih"), (1700, "pemilih")]


def test_find_quantities_a_count_written_with_thousands_is_no_label() -> None:
    found = find_quantities("Sejauh ini tercatat jumlah TPS 7.830 di TPS 07 dan TPS 11.")
    assert [(q["value"], q["unit"]) for q in found] == [(7830, "TPS")]
