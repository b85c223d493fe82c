"""How long publishing takes, by warehouse size: the copy that starts a night and the rename
that ends it (`pantau_warehouse.publish`), against rewriting every table as Parquet (what a
reader catalogue of Parquet files plus views would have to do each night, the alternative the
issue names).

    .venv/bin/python benchmarks/publish.py --warehouse data/pantau.duckdb \
        --sizes-mb 1000 4000 --dir data

Each size is a synthetic warehouse made with the real schema (articles with bodies of random
hex words, their regions and events) grown until its file reaches the size; ``--warehouse``
measures a copy of a real one (``make run`` leaves an 8 MB demo warehouse). Timings are the
median of the rounds; the page cache is not dropped (as on a machine that published last
night), and the fsync makes the copy's bytes reach the disk inside the publish. ``--dir`` must
be on the warehouse's file system (the rename and the copy depend on it).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from pantau_warehouse.load import connect
from pantau_warehouse.publish import mark_validated, prepare_working, publish

NIGHT = date(2026, 12, 7)
# Rows added per growth step; bodies of about 2.5 kB, as regional articles are.
STEP = 5_000

GROW = """
insert into articles
select
    printf('%016x', i) as article_id,
    'outlet-' || (i % 500) as outlet_id,
    'https://outlet-' || (i % 500) || '.example/' || i as url,
    'Judul ' || md5(i::varchar) as title,
    (select string_agg(md5((i * 40 + w)::varchar), ' ') from range(75) t(w)) as body,
    timestamptz '2026-01-01' + to_days((i % 340)::integer) as published_at,
    null as author,
    'id' as language,
    md5(i::varchar) as content_hash,
    2500 as body_chars,
    'x.warc.gz' as archive_file,
    now() as fetched_at,
    date '2026-01-01' + (i % 340)::integer as first_seen_night,
    date '2026-01-01' + (i % 340)::integer as last_seen_night,
    now() as extracted_at
from range($start, $start + $step) t(i);
insert into article_regions
select printf('%016x', i), 0, '64.08', null, 'regency', 'event_location', 'Kutai Timur', 0, 11
from range($start, $start + $step) t(i);
insert into events (event_id, article_id, type, event_date, region_code, topics, confidence,
                    evidence, span_start, span_end)
select printf('%016x', i) || '-0', printf('%016x', i), 'coordination_meeting',
       date '2026-01-01' + (i % 340)::integer, '64.08', [], 0.9, 'rakor', 0, 5
from range($start, $start + $step) t(i);
"""


def build(path: Path, size_mb: float) -> int:
    """A warehouse of about ``size_mb`` with one validated build of NIGHT; returns articles."""
    con = connect(path)
    start = 0
    while path.stat().st_size < size_mb * 1e6:
        for statement in GROW.split(";")[:-1]:
            con.execute(statement, {"start": start, "step": STEP})
        con.execute("checkpoint")
        start += STEP
    con.execute("insert into warehouse_builds values ('bench', ?, ?, ?, 0, 0, null, null)",
                [NIGHT, datetime.now(UTC), start])
    mark_validated(con, "bench", NIGHT)
    con.close()
    return start


def from_file(path: Path, source: Path) -> int:
    """A copy of a real warehouse (``make run``'s) with a validated build of NIGHT added."""
    shutil.copyfile(source, path)
    con = connect(path)
    articles = con.execute("select count(*) from articles").fetchall()[0][0]
    con.execute(
        "insert or replace into warehouse_builds values ('bench', ?, ?, ?, 0, 0, null, null)",
        [NIGHT, datetime.now(UTC), articles])
    mark_validated(con, "bench", NIGHT)
    con.close()
    return articles


def measure(folder: Path, size_mb: float | Path, rounds: int) -> dict[str, float]:
    published = folder / "pantau.duckdb"
    work = folder / "work" / "pantau.duckdb"
    seed = folder / "seed.duckdb"
    articles = from_file(seed, size_mb) if isinstance(size_mb, Path) else build(seed, size_mb)
    copy_s, publish_s, parquet_s = [], [], []
    for _ in range(rounds):
        shutil.copyfile(seed, published)
        copy_s.append(prepare_working(published, work).seconds)
        publish_s.append(publish(work, published, run_id="bench", night=NIGHT).seconds)
        out = folder / "parquet"
        shutil.rmtree(out, ignore_errors=True)
        started = time.perf_counter()
        con = connect(published, read_only=True)
        con.execute(f"export database '{out}' (format parquet)")
        con.close()
        parquet_s.append(time.perf_counter() - started)
    return {"size_mb": published.stat().st_size / 1e6, "articles": articles,
            "copy_s": statistics.median(copy_s), "publish_s": statistics.median(publish_s),
            "parquet_export_s": statistics.median(parquet_s)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes-mb", type=float, nargs="*", default=[1000, 4000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warehouse", type=Path, action="append", default=[],
                        help="also measure a copy of this warehouse file (e.g. data/pantau.duckdb)")
    parser.add_argument("--dir", type=Path, default=None,
                        help="scratch folder on the warehouse's file system (default: a temp dir)")
    args = parser.parse_args()
    print(f"{'file MB':>8} {'articles':>9} {'copy s':>8} {'publish s':>10} {'MB/s copy':>10} "
          f"{'parquet export s':>17}")
    for size in [*args.warehouse, *args.sizes_mb]:
        with tempfile.TemporaryDirectory(dir=args.dir) as scratch:
            row = measure(Path(scratch), size, args.rounds)
        print(f"{row['size_mb']:8.0f} {row['articles']:9d} {row['copy_s']:8.2f} "
              f"{row['publish_s']:10.3f} {row['size_mb'] / max(row['copy_s'], 1e-9):10.0f} "
              f"{row['parquet_export_s']:17.2f}", flush=True)


if __name__ == "__main__":
    main()
