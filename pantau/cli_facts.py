"""`pantau extract` (facts of single files) and `pantau score` (facts against the gold set)."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


class OutputFormat(str, Enum):
    json = "json"
    table = "table"


class Split(str, Enum):
    dev = "dev"
    heldout = "heldout"
    all = "all"


def read_article(path: Path):  # noqa: ANN201 - ArticleText
    """HTML (by extension or a leading tag) through trafilatura, else plain text."""
    from pantau_transforms.extract import article_from_text, extract_article

    raw = path.read_bytes()
    head = raw[:2048].lstrip().lower()
    if path.suffix.lower() in {".html", ".htm"} or head.startswith((b"<!doctype", b"<html")):
        return extract_article(raw, None)
    return article_from_text(raw.decode("utf-8", "replace"), name=str(path))


def extract(
    files: Annotated[
        list[Path],
        typer.Argument(help="Article files: HTML pages or plain text (first line the title)."),
    ],
    format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", help="json: one object per file per line; table: a short human summary."
        ),
    ] = OutputFormat.json,
) -> None:
    """Extract the election facts of article files, one JSON object per file."""
    from pantau_transforms.extract import ExtractionError
    from pantau_transforms.facts import extract_facts

    failures = 0
    for path in files:
        try:
            doc = read_article(path)
        except (OSError, ExtractionError) as exc:
            failures += 1
            typer.echo(f"{path}: {exc}", err=True)
            continue
        facts = extract_facts(doc).to_dict()
        record = {
            "article": {
                "file": str(path),
                "article_id": doc.article_id,
                "url": doc.url,
                "title": doc.title,
                "published_at": doc.published_at.isoformat() if doc.published_at else None,
                "language": doc.language,
                "body": doc.body,
            },
            **facts,
        }
        if format is OutputFormat.json:
            typer.echo(json.dumps(record, ensure_ascii=False))
        else:
            typer.echo(f"== {path}: {doc.title}")
            for name in ("regions", "elections", "events", "persons", "quotes", "quantities"):
                items = facts[name]
                shown = "; ".join(_short(name, item) for item in items) or "-"
                typer.echo(f"  {name:<10} {shown}")
    if failures:
        raise typer.Exit(1)


def _short(kind: str, item: dict) -> str:
    if kind == "regions":
        return f"{item['code']} {item['name']} ({item['role']})"
    if kind == "elections":
        return f"{item['type']} {item['year']} {item['voting_date'] or ''}".strip()
    if kind == "events":
        return f"{item['type']} {item['date'] or ''} {item['region_code'] or ''}".strip()
    if kind == "persons":
        return f"{item['name']} [{item.get('office') or '?'}]"
    if kind == "quotes":
        return f"{item.get('speaker') or '?'}: {item['text'][:40]}…"
    return f"{item['value']:g} {item.get('unit') or ''}".strip()


class ArticleSet(str, Enum):
    demo = "demo"
    real = "real"
    both = "both"


def score(
    set_: Annotated[
        ArticleSet,
        typer.Option(
            "--set",
            help="demo: the demo outlets' articles; "
            "real: the real-modelled corpus; both: a summary "
            "table of F1 for every set and split.",
        ),
    ] = ArticleSet.both,
    split: Annotated[Split, typer.Option(help="Which part of the gold set to score.")] = Split.dev,
    source: Annotated[
        str | None,
        typer.Option(
            help="text: the article as text (demo: its YAML body; real: its stored page copy); "
            "html: pages rendered by the demo themes and extracted with trafilatura. Default: "
            "html for demo, text for real."
        ),
    ] = None,
    show: Annotated[
        str | None,
        typer.Option(
            help="A field: list, per article, the gold items missed (-) and the wrong predictions (+)."
        ),
    ] = None,
) -> None:
    """Precision, recall and F1 per field on the hand-annotated articles."""
    from pantau_transforms.scoring import (
        format_scores,
        format_summary,
        score_corpus,
        score_demo_articles,
    )

    if show:
        _show_differences(set_, split.value, source, show)
        return
    if set_ is ArticleSet.demo:
        scores = score_demo_articles(split=split.value, source=source or "html")
    elif set_ is ArticleSet.real:
        scores = score_corpus(split=split.value, source=source or "text")
    else:
        columns = {
            "demo dev": score_demo_articles("dev", source or "html"),
            "demo held-out": score_demo_articles("heldout", source or "html"),
            "real dev": score_corpus("dev", source or "text"),
            "real held-out": score_corpus("heldout", source or "text"),
        }
        typer.echo(format_summary(columns))
        return
    typer.echo(format_scores(scores))
    sys.stdout.flush()


def _show_differences(set_: ArticleSet, split: str, source: str | None, field: str) -> None:
    from pantau_transforms.scoring import FIELDS, corpus_pairs, demo_pairs, differences

    if field not in FIELDS:
        raise typer.BadParameter(f"--show: one of {', '.join(FIELDS)}")
    if set_ is ArticleSet.demo:
        named = demo_pairs(split, source or "html")
    else:
        named = corpus_pairs(split, source or "text", with_names=True)
    for name, (predicted, gold) in named:
        missed, wrong = differences(predicted, gold, field)
        if missed or wrong:
            typer.echo(f"== {name}")
            for item in missed:
                typer.echo(f"  - {item}")
            for item in wrong:
                typer.echo(f"  + {item}")
