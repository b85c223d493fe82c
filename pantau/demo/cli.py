"""`pantau sites serve`: the demo outlets in the foreground, until Ctrl-C."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from pantau.demo.sites import FAULTS, running_sites


def parse_faults(values: list[str]) -> dict[str, str]:
    """`OUTLET=http500` options as a dict; a clear error on a malformed one."""
    faults = {}
    for value in values:
        outlet_id, _, kind = value.partition("=")
        if kind not in FAULTS:
            raise typer.BadParameter(f"{value!r}: expected OUTLET=" + "|".join(FAULTS))
        faults[outlet_id] = kind
    return faults


def serve(registry: Path, write: Path, fault: list[str]) -> None:
    faults = parse_faults(fault)
    with running_sites(registry_path=registry, faults=faults, work_dir=write.parent) as sites:
        if sites.registry_path != write:
            write.parent.mkdir(parents=True, exist_ok=True)
            write.write_text(sites.registry_path.read_text(encoding="utf-8"), encoding="utf-8")
        for outlet in sites.outlets:
            note = f"  [{faults[outlet.id]}]" if outlet.id in faults else ""
            typer.echo(f"{outlet.id:<18} {outlet.platform:<9} {outlet.base_url}{note}")
        typer.echo(f"Resolved registry: {write}  (crawl with PANTAU_OUTLETS={write})")
        typer.echo("Serving on 127.0.0.1; Ctrl-C stops.")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            typer.echo("stopped")
