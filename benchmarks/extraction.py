"""Benchmark: Pantau's whole extraction path per article against bare ``trafilatura.extract``.

On the same pages — the demo outlets' articles as served over HTTP from 127.0.0.1, and the
real-modelled corpus rendered by the demo themes — each round times, per page:

- ``trafilatura.extract(html)`` with trafilatura's defaults (the bare library), and
- what ``pantau extract`` and the nightly run do: ``extract_article`` (trafilatura with
  metadata, Indonesian boilerplate rules, language id, dates) then ``extract_facts``.

It prints medians per article, totals and the ratio of the totals. Not a test: the figures go to
the README and the closing notes.

    uv run python benchmarks/extraction.py --rounds 5
"""

from __future__ import annotations

import argparse
import statistics
import time
import urllib.request

import trafilatura
from pantau_scrapers.registry import DEFAULT_REGISTRY
from pantau_transforms.extract import extract_article
from pantau_transforms.facts import extract_facts

from pantau.demo.corpus import load_corpus, render_page
from pantau.demo.sites import running_sites


def pages() -> list[tuple[str, str | None, str | None, bytes]]:
    """(url, region code, timezone, html) of every page benchmarked."""
    found = []
    with running_sites(registry_path=DEFAULT_REGISTRY) as sites:
        for outlet in sites.outlets:
            for url in sites.article_urls(outlet.id):
                with urllib.request.urlopen(url) as response:  # noqa: S310 - 127.0.0.1 only
                    found.append((url, outlet.region_code, outlet.timezone, response.read()))
    for article in load_corpus("all"):
        found.append(
            (None, article.outlet.region_code, article.outlet.timezone, render_page(article))
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    sample = pages()
    for url, region, zone, html in sample:  # warm caches and compiled rules outside the timing
        trafilatura.extract(html, url=url)
        extract_facts(extract_article(html, url, outlet_region_code=region, timezone=zone))
    bare_times, full_times, fact_times, ratios = [], [], [], []
    for _ in range(args.rounds):
        round_bare = round_full = 0.0
        for url, region, zone, html in sample:
            started = time.perf_counter()
            trafilatura.extract(html, url=url)
            bare_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            doc = extract_article(html, url, outlet_region_code=region, timezone=zone)
            middle = time.perf_counter()
            extract_facts(doc)
            ended = time.perf_counter()
            full_times.append(ended - started)
            fact_times.append(ended - middle)
            round_bare += bare_times[-1]
            round_full += full_times[-1]
        ratios.append(round_full / round_bare)
    bare, full, facts = sum(bare_times), sum(full_times), sum(fact_times)
    print(f"{len(sample)} pages × {args.rounds} rounds (bare and Pantau interleaved page by page)")
    print(
        f"trafilatura.extract (bare)       median {statistics.median(bare_times) * 1000:6.2f} ms/article"
    )
    print(
        f"pantau: extract_article + facts  median {statistics.median(full_times) * 1000:6.2f} ms/article"
    )
    print(
        f"  of which extract_facts         median {statistics.median(fact_times) * 1000:6.2f} ms/article"
    )
    print(
        f"ratio pantau / bare (totals)     {full / bare:.2f}  (facts alone {facts / bare:.2f}); "
        f"per round median {statistics.median(ratios):.2f}, range {min(ratios):.2f}–{max(ratios):.2f}"
    )


if __name__ == "__main__":
    main()
