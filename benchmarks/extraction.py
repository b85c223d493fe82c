"""Benchmark: time per article of trafilatura's extraction vs Pantau's fact extraction.

Runs on the demo articles as the nightly run sees them (served pages, fetched over HTTP from
127.0.0.1): for each page, trafilatura's ``bare_extraction`` and then ``extract_facts`` on the
clean text, repeated ``--rounds`` times; prints medians and the ratio. Not a test: figures go
to the README and the closing notes.

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

from pantau.demo.sites import running_sites


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    pages = []
    with running_sites(registry_path=DEFAULT_REGISTRY) as sites:
        for outlet in sites.outlets:
            for url in sites.article_urls(outlet.id):
                with urllib.request.urlopen(url) as response:  # noqa: S310 - 127.0.0.1 only
                    pages.append((outlet, url, response.read()))
    traf_times, fact_times = [], []
    for _ in range(args.rounds):
        for outlet, url, html in pages:
            started = time.perf_counter()
            trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                        favor_precision=True)
            traf_times.append(time.perf_counter() - started)
            doc = extract_article(html, url, outlet_region_code=outlet.region_code,
                                  timezone=outlet.timezone)
            started = time.perf_counter()
            extract_facts(doc)
            fact_times.append(time.perf_counter() - started)
    traf, facts = statistics.median(traf_times), statistics.median(fact_times)
    print(f"{len(pages)} pages × {args.rounds} rounds")
    print(f"trafilatura.bare_extraction  median {traf * 1000:7.2f} ms/article")
    print(f"extract_facts                median {facts * 1000:7.2f} ms/article")
    print(f"ratio facts / trafilatura    {facts / traf:.2f}")


if __name__ == "__main__":
    main()
