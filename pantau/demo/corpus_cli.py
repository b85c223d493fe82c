"""`pantau corpus`: check the real-modelled corpus, print an article's stored copy, count it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from pantau.demo.corpus import (
    CORPUS_DIR,
    CorpusError,
    load_article,
    load_corpus,
    problems,
    stored_text,
)

corpus_app = typer.Typer(
    help="The real-modelled corpus (pantau/demo/corpus).", no_args_is_help=True
)


def _paths(files: list[Path] | None) -> list[Path]:
    return files or sorted(CORPUS_DIR.glob("*/*.yaml"))


@corpus_app.command("check")
def check(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Corpus files; default: the whole corpus.")
    ] = None,
) -> None:
    """Validate corpus files: fields, region codes, gold texts found in the body."""
    bad = 0
    paths = _paths(files)
    for path in paths:
        try:
            found = problems(load_article(path))
        except CorpusError as exc:
            found = [str(exc)]
        for message in found:
            typer.echo(f"{path}: {message}", err=True)
        bad += bool(found)
    if not files:  # the whole corpus: no real article modelled twice (a dev and a held-out copy)
        sources: dict[str, Path] = {}
        for path in paths:
            try:
                source = load_article(path).source.rstrip("/")
            except CorpusError:
                continue
            if source in sources:
                typer.echo(
                    f"{path}: modelled on the same article as {sources[source].name}", err=True
                )
                bad += 1
            sources.setdefault(source, path)
    typer.echo(f"{len(paths)} files, {bad} with problems")
    if bad:
        raise typer.Exit(1)


@corpus_app.command("text")
def text(file: Path) -> None:
    """Print an article as a stored copy of its page reads (what `pantau extract` is given)."""
    typer.echo(stored_text(load_article(file)), nl=False)


@corpus_app.command("stats")
def stats() -> None:
    """Articles per split, provinces, outlets and election / non-election articles."""
    for split in ("dev", "heldout"):
        articles = load_corpus(split)
        provinces = Counter(a.outlet.region_code.split(".")[0] for a in articles)
        outlets = {a.outlet.domain for a in articles}
        election = sum(1 for a in articles if a.gold.get("election_article"))
        typer.echo(
            f"{split:<8} {len(articles):>4} articles  {len(provinces):>3} provinces  "
            f"{len(outlets):>3} outlets  {election} election / {len(articles) - election} other"
        )
    everything = load_corpus("all")
    typer.echo(
        f"{'all':<8} {len(everything):>4} articles  "
        f"{len({a.outlet.region_code.split('.')[0] for a in everything}):>3} provinces  "
        f"{len({a.outlet.domain for a in everything}):>3} outlets"
    )
