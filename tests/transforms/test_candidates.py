"""Candidate pairs, their persons and their results, read from sentences written the way
regional outlets write recaps, ballot-number draws and village elections."""

from __future__ import annotations

import pytest
from pantau_transforms.article import ArticleText
from pantau_transforms.facts import extract_facts
from pantau_transforms.facts.candidates import Seat, candidate_persons, find_pairs, find_results

REGENT = Seat("Bupati", "pilbup", "34.01")


def facts_of(title: str, body: str):  # noqa: ANN201
    return extract_facts(ArticleText(article_id="t", url=None, title=title, body=body))


def pairs(body: str, seat: Seat = REGENT) -> list[tuple[tuple[str, ...], int | None]]:
    return [(p.names, p.ballot_number) for p in find_pairs(body, seat)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a trigger, a ballot number, a dash without spaces
        (
            "Paslon nomor urut 1 Agung Setyawan-Ambar Purwoko dinyatakan unggul.",
            [(("Agung Setyawan", "Ambar Purwoko"), 1)],
        ),
        # "dan" between the names, the seat and the region before them
        (
            "Pasangan calon bupati dan wakil bupati Kulon Progo nomor urut 3, Novida Kartika dan Rini "
            "Indriani, hadir.",
            [(("Novida Kartika", "Rini Indriani"), 3)],
        ),
        # a nickname in brackets and a spaced en dash
        (
            "2. Paslon nomor urut 02 Muzakir Manaf (Mualem) – Fadhlullah (Dek Fad): 81.878 suara.",
            [(("Muzakir Manaf", "Fadhlullah"), 2)],
        ),
        # degrees before the dash
        (
            "Deklarasi diikuti Paslon Gubernur H. Helmi Hasan, SE - Ir. H. Mian serta pendukungnya.",
            [(("H. Helmi Hasan", "Ir. H. Mian"), None)],
        ),
        # the ballot number after the names
        (
            "Hasil pengundian menempatkan pasangan Alfaris Umlati- Petrus Kasihiw pada nomor urut 1.",
            [(("Alfaris Umlati", "Petrus Kasihiw"), 1)],
        ),
        # a list of pairs after one trigger
        (
            "Empat pasangan calon, yakni Ashelfine-Sarikal, Endre Saifoel-Nasrul serta Hendri "
            "Susanto-Indra Gunalan, mengadu ke DKPP.",
            [
                (("Ashelfine", "Sarikal"), None),
                (("Endre Saifoel", "Nasrul"), None),
                (("Hendri Susanto", "Indra Gunalan"), None),
            ],
        ),
        # no trigger, but the votes follow
        (
            "Sedangkan Matheus Pasimanjeku dan Abdul Aziz Hakim menutup daftar dengan 19.188 suara.",
            [(("Matheus Pasimanjeku", "Abdul Aziz Hakim"), None)],
        ),
    ],
)
def test_candidates_find_pairs(body: str, expected: list) -> None:
    assert pairs(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Rute Samarinda-Balikpapan ditempuh tiga jam.",  # two places, not a pair
        "Pasangan suami istri itu datang ke TPS bersama.",  # a trigger word, no names
        "Kerja sama TNI-Polri menjaga TPS tetap kondusif.",  # institutions
    ],
)
def test_candidates_find_pairs_none(body: str) -> None:
    assert pairs(body) == []


def test_candidates_short_forms_take_the_named_pair_ballot() -> None:
    body = (
        "Paslon nomor urut 02, Usman Sidik-Bassam Kasuba, memimpin perolehan suara.\n\n"
        "Kecamatan Obi:\nUsman-Bassam 2.689 suara\nHelmi-Laode 4.389 suara"
    )
    found = find_pairs(body, REGENT)
    assert [(p.names, p.ballot_number) for p in found] == [
        (("Usman Sidik", "Bassam Kasuba"), 2),
        (("Usman Sidik", "Bassam Kasuba"), 2),  # the short form is the pair named before
        (("Helmi", "Laode"), None),
    ]
    # The short mention in the tally is the pair named in full before: its row carries the full names.
    results = find_results(body, "", found)
    assert [(r["candidates"][0], r["votes"], r["level"]) for r in results] == [
        ("Usman Sidik", 2689, "kabupaten"),
        ("Helmi", 4389, "kabupaten"),
    ]


@pytest.mark.parametrize(
    ("body", "votes", "share"),
    [
        ("Paslon Fadia – Sukirman memperoleh 306.443 suara atau 56.23%.", 306443, 56.23),
        (
            "Pasangan calon nomor urut 4, Dedi Mulyadi-Erwan Setiawan memperoleh 14,1 juta suara.",
            14100000,
            None,
        ),
        (
            "paslon nomor urut 2 Prabowo-Gibran mengantongi 611.080 suara (45,6 persen).",
            611080,
            45.6,
        ),
        ("Berikut hasilnya:\n1. Anies-Imin: 496.280 suara", 496280, None),
    ],
)
def test_candidates_find_results_votes_and_share(
    body: str, votes: int, share: float | None
) -> None:
    (result,) = find_results(body, "", find_pairs(body, REGENT))
    assert (result["votes"], result["share"]) == (votes, share)
    start, end = result["span"]
    assert body[start:end].endswith(body[start:end].split()[-1]) and str(votes)[:2] in body[
        start:end
    ].replace(".", "")


def test_candidates_results_level_from_the_text() -> None:
    body = "Rekapitulasi tingkat kecamatan: paslon Fadia – Sukirman memperoleh 6.443 suara."
    (result,) = find_results(body, "", find_pairs(body, REGENT))
    assert result["level"] == "kecamatan"


def test_candidates_village_candidates_stand_alone() -> None:
    seat = Seat("Kepala Desa", "pilkades", "35.23")
    body = (
        "Sebagai petahana, Alwi (nomor 1) unggul atas penantang, Rismanta (nomor 2), yang "
        "memperoleh 1.292 suara. Di Desa Leran, Abd. Hacim (615 suara) menang atas Mansur "
        "(569 suara)."
    )
    found = find_pairs(body, seat)
    assert [(p.names, p.ballot_number) for p in found] == [
        (("Alwi",), 1),
        (("Rismanta",), 2),
        (("Abd. Hacim",), None),
        (("Mansur",), None),
    ]
    assert [(r["candidates"], r["votes"]) for r in find_results(body, "", found)] == [
        (["Rismanta"], 1292),
        (["Abd. Hacim"], 615),
        (["Mansur"], 569),
    ]


def test_candidates_extract_facts_seat_from_the_race() -> None:
    body = (
        "KOTA SORONG, VoicePapua.com – KPU Papua Barat Daya menggelar pleno pengundian nomor "
        "urut pasangan calon Gubernur PBD pada Senin (23/9/2024).\n\nNomor urut 2 didapat "
        "pasangan Gabriel Asem- Lukman Wagaje. Gabriel pernah menjabat Bupati Tambrauw."
    )
    facts = facts_of("KPU PBD Undi Nomor Urut", body)
    assert [(e.type, e.year) for e in facts.elections] == [
        ("pilgub", 2024)
    ]  # implied by its candidates
    persons = {p["name"]: (p["office"], p["ballot_number"]) for p in facts.persons}
    assert persons["Gabriel Asem"] == ("Calon Gubernur", 2)
    assert persons["Lukman Wagaje"] == ("Calon Wakil Gubernur", 2)


def test_candidates_fact_rows_link_results_to_persons_and_the_race() -> None:
    from pantau_transforms.rows import fact_rows

    body = (
        "TOBELO, Cermat – KPU Halmahera Utara menetapkan hasil rekapitulasi Pilkada Halut 2024 "
        "tingkat kabupaten, Rabu (4/12/2024).\n\nPaslon nomor urut 4, Piet Hein Babua dan "
        "Kasman Ahmad, meraih 37.775 suara atau 41,2 persen. Pasangan nomor urut 1, Muchlis "
        "Tapi Tapi dan Toni Laos, meraup 24.802 suara."
    )
    doc = ArticleText(article_id="a1", url=None, title="Piet-Kasman Unggul di Halut", body=body)
    rows = fact_rows(doc)
    persons = {r["person_id"]: r["name"] for r in rows["persons"]}
    results = rows["candidate_results"]
    assert [
        (r["ballot_number"], r["votes"], r["share"], r["level"], r["race"]) for r in results
    ] == [(4, 37775, 41.2, "kabupaten", "pilbup"), (1, 24802, None, "kabupaten", "pilbup")]
    first = results[0]
    assert persons[first["candidate_person_id"]] == "Piet Hein Babua"
    assert persons[first["running_mate_person_id"]] == "Kasman Ahmad"
    assert first["election_id"] == "pilbup-2024-82.03" and first["region_code"] == "82.03"
    assert body[first["span_start"] : first["span_end"]] == first["evidence"]
    roles = {r["name"]: (r["office"], r["ballot_number"]) for r in rows["person_roles"]}
    assert roles["Toni Laos"] == ("Calon Wakil Bupati", 1)


def test_candidates_results_level_is_the_one_written_before_the_votes() -> None:
    body = (
        "KPU mengesahkan rekapitulasi Pilbup. Paslon nomor urut 2, Ahmad Zulfikar–Rudi Hartono, "
        "mengumpulkan 98.412 suara.\n\nBerita acara Pilgub dibawa ke pleno tingkat provinsi."
    )
    (result,) = find_results(body, "", find_pairs(body, REGENT))
    assert result["level"] == "kabupaten"


def test_candidates_results_by_ballot_number_and_per_district() -> None:
    body = ("Paslon nomor urut 1, Made Subrata-Ngakan Kutha Parwata, kalah di Bangli. Bila "
            "dirinci, paslon nomor urut 1 mendulang 8.595 suara di Kecamatan Susut, 12.586 suara di "
            "Kecamatan Bangli serta 31.665 suara di Kecamatan Kintamani. Pasangan Sang Nyoman "
            "Sedana Arta yang berpasangan dengan I Wayan Diar meraih sekitar 50,97 persen atau "
            "152.358 suara.")
    results = find_results(body, "", find_pairs(body, REGENT))
    assert [(r["candidates"][0], r["votes"], r["level"]) for r in results] == [
        ("Made Subrata", 8595, "kecamatan"), ("Made Subrata", 12586, "kecamatan"),
        ("Made Subrata", 31665, "kecamatan"), ("Sang Nyoman Sedana Arta", 152358, "kabupaten")]


def test_candidates_seat_named_earlier_in_the_sentence() -> None:
    body = (
        "Untuk pemilihan Gubernur, suara terbanyak di Gorut diraih paslon Gusnar Ismail – Idah "
        "Syaidah dengan 44.706 suara, kemudian Toni Uloli – Marten Taha dengan 19.175 suara."
    )
    found = find_pairs(body, REGENT)
    assert [(p.names[0], p.seat.office) for p in found] == [
        ("Gusnar Ismail", "Gubernur"),
        ("Toni Uloli", "Gubernur"),
    ]


def test_candidates_seat_from_the_latest_race_not_an_earlier_one() -> None:
    body = (
        "KPU Provinsi Sulawesi Barat menetapkan hasil Pilgub Sulbar 2024. Pasangan nomor urut "
        "tiga, Suhardi Duka dan Salim S. Mengga, meraih 337.512 suara.\n\n“Pilkada kali ini "
        "jauh lebih tenang dibandingkan Pilgub 2017 dan Pilbup 2020,” kata Said Usman Umar."
    )
    persons = {p["name"]: p["office"] for p in facts_of("KPU Sulbar Tetapkan Pemenang", body).persons}
    assert persons["Suhardi Duka"] == "Calon Gubernur"
    assert persons["Salim S. Mengga"] == "Calon Wakil Gubernur"


@pytest.mark.parametrize(
    ("body", "offices"),
    [
        (
            "Di Pringsewu, KPU menetapkan Riyanto Pamungkas dan Umi Laila sebagai pasangan "
            "terpilih untuk periode 2025–2030.",
            [("Riyanto Pamungkas", "Bupati Terpilih"), ("Umi Laila", "Wakil Bupati Terpilih")],
        ),
        (
            "Pada pleno itu, pasangan Elfianah dan Yugi Wicaksono resmi ditetapkan sebagai Bupati "
            "dan Wakil Bupati Mesuji Terpilih.",
            [("Elfianah", "Bupati Terpilih"), ("Yugi Wicaksono", "Wakil Bupati Terpilih")],
        ),
        # named with no trigger before them, the role after them
        (
            "Dendi Suryadi dan Alif Turiadi adalah pasangan calon Bupati dan Wakil Bupati dalam "
            "pemilihan tahun 2024.",
            [("Dendi Suryadi", "Calon Bupati"), ("Alif Turiadi", "Calon Wakil Bupati")],
        ),
    ],
)
def test_candidates_pair_named_by_what_follows_it(body: str, offices: list) -> None:
    found = find_pairs(body, REGENT)
    assert [(p["name"], p["office"]) for p in candidate_persons(found)] == offices


def test_candidates_two_names_without_a_role_are_no_pair() -> None:
    body = "Dendi Suryadi dan Alif Turiadi sebagai penggugat hadir di PTTUN Banjarmasin."
    assert find_pairs(body, REGENT) == []


def test_candidates_parties_and_legislative_candidates_are_no_pair() -> None:
    body = (
        "Rinciannya, APK Capres-Cawapres sebanyak 61 pelanggaran. Selain itu, pelanggaran dari "
        "Partai Politik dan Calon Legislatif DPR RI sebanyak 110."
    )
    assert find_pairs(body, REGENT) == []


def test_candidates_a_gap_between_pairs_and_a_year_are_no_votes() -> None:
    body = (
        "Hal itu tertuang dalam Berita Acara dan Sertifikat Rekapitulasi Hasil Penghitungan "
        "Perolehan Suara Pemilihan Bupati Tahun 2024. Paslon Fadia – Sukirman memperoleh "
        "306.443 suara atau 56,23 persen.\n\nSementara paslon Riswadi – Amin mendapatkan "
        "238.486 suara. Selisih antara paslon Fadia – Sukirman dan Riswadi – Amin mencapai "
        "67.957 suara."
    )
    found = find_pairs(body, REGENT)
    rows = [(r["candidates"][0], r["votes"]) for r in find_results(body, "", found)]
    assert rows == [("Fadia", 306443), ("Riswadi", 238486)]


def test_candidates_votes_of_a_pair_referred_to_by_nickname_or_keduanya() -> None:
    body = (
        "Pasangan calon nomor urut 1, H. Samsul Mahmud dan Andi Nursami MP yang dikenal dengan "
        "akronim ASSAMI, resmi ditetapkan hasil Pilkada serentak 2024.\n\nASSAMI mengumpulkan "
        "111.590 suara atau 43,49 persen.\n\nDi tingkat provinsi, pleno memutuskan pasangan "
        "Andi Sumangerukka-Hugua sebagai peraih suara terbanyak. Keduanya mengantongi 775.183 "
        "suara."
    )
    found = find_pairs(body, REGENT)
    rows = [(r["candidates"][0], r["ballot_number"], r["votes"]) for r in find_results(body, "", found)]
    assert rows == [("H. Samsul Mahmud", 1, 111590), ("Andi Sumangerukka", None, 775183)]


def test_candidates_a_pair_shortened_to_first_letters_is_the_same_two_persons() -> None:
    body = (
        "Kampanye akbar paslon nomor urut 1 Yusuf Rio Wahyu Prayogo - Ulfiyah digelar malam "
        "ini.\n\nKampanye akbar Paslon Rio-Ulfi berlokasi di Alun-alun Situbondo."
    )
    found = find_pairs(body, REGENT)
    assert {p["name"] for p in candidate_persons(found)} == {"Yusuf Rio Wahyu Prayogo", "Ulfiyah"}


def test_candidates_seat_words_as_trigger_and_the_ballot_number_nearest_the_names() -> None:
    body = (
        "MK menolak permohonan yang diajukan calon bupati dan wakil bupati Malang Dewanti "
        "Rumpoko-Masrifah Hadi.\n\nSelisih suara antara pasangan nomor 02 Nuryakin-Doni dengan "
        "pasangan nomor 01 Heryus-Rahmanto sebanyak 318.\n\nPasangan Heryus-Rahmanto mendapat "
        "31.459 suara dan Nuryakin-Doni 31.141 suara."
    )
    found = find_pairs(body, REGENT)
    assert pairs(body)[:3] == [
        (("Dewanti Rumpoko", "Masrifah Hadi"), None),
        (("Nuryakin", "Doni"), 2),
        (("Heryus", "Rahmanto"), 1),
    ]
    rows = [(r["candidates"][0], r["ballot_number"], r["votes"]) for r in find_results(body, "", found)]
    assert rows == [("Heryus", 1, 31459), ("Nuryakin", 2, 31141)]
