"""Benchmark: fact extraction time against the length of the text (is it linear?).

A body of 1, 2 and 4 MB is made of the real-modelled corpus's article bodies, one after the
other and repeated as often as needed, and ``extract_facts`` runs on it once per size (after a
warm-up on a small body, so compiling the rules is not counted). Linear time shows as a
constant time per MB. ``--profile`` prints cProfile's top functions by own time for the largest
size: a function whose share grows with the size is the super-linear one.

Not a test (no timed assertions in the suite): the figures go to the README.

    uv run python benchmarks/bounds.py --sizes 1,2,4
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time

from pantau_transforms.article import ArticleText
from pantau_transforms.facts import extract_facts

from pantau.demo.corpus import clean_body, load_corpus


def body_of(chars: int) -> str:
    """``chars`` characters of corpus bodies, paragraphs apart by a blank line."""
    corpus = "\n\n".join(clean_body(article) for article in load_corpus("all"))
    copies = chars // (len(corpus) + 2) + 1
    return "\n\n".join([corpus] * copies)[:chars]


def timed_facts(
    chars: int, profile: cProfile.Profile | None = None
) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, facts) of extract_facts on a body of ``chars`` characters.
    CPU time is the steadier figure on a machine whose cores are shared."""
    doc = ArticleText("bench", None, "Judul", body_of(chars), outlet_region_code="64.08")
    started, cpu = time.perf_counter(), time.process_time()
    if profile is not None:
        profile.enable()
    facts = extract_facts(doc)
    if profile is not None:
        profile.disable()
    return (time.perf_counter() - started, time.process_time() - cpu,
            sum(len(v) for v in facts.to_dict().values()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,4", help="sizes in MB (10^6 characters)")
    parser.add_argument("--profile", action="store_true", help="cProfile the largest size")
    args = parser.parse_args()
    sizes = [float(size) for size in args.sizes.split(",")]
    timed_facts(20_000)  # warm-up: rules compiled, gazetteer read
    for size in sizes:
        profile = cProfile.Profile() if args.profile and size == max(sizes) else None
        seconds, cpu, items = timed_facts(int(size * 1_000_000), profile)
        print(f"{size:g} MB: {seconds:6.2f} s wall, {cpu:6.2f} s CPU "
              f"({cpu / size:5.2f} CPU s/MB, {items} facts)", flush=True)
        if profile is not None:
            pstats.Stats(profile).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
