"""The `pantau` command line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from pantau import cli_facts
from pantau.demo.corpus_cli import corpus_app

app = typer.Typer(
    help="Pantau: nightly monitoring of Indonesia's regional online press.",
    no_args_is_help=True,
    add_completion=False,
)
sites_app = typer.Typer(help="The local demo outlet sites (127.0.0.1 only).", no_args_is_help=True)
app.add_typer(sites_app, name="sites")
app.add_typer(corpus_app, name="corpus")


@app.command()
def run(
    registry: Annotated[Path | None, typer.Option(
        help="Outlet registry to crawl. Default: the bundled demo outlets, served locally.")] = None,
    serve_demo_sites: Annotated[bool, typer.Option(
        "--serve-demo-sites/--no-serve-demo-sites",
        help="Serve the registry's port-0 outlets from the bundled demo sites.")] = True,
    fault: Annotated[list[str] | None, typer.Option(
        help="OUTLET=http500|refuse: make a demo outlet fail, to see failure handling.")] = None,
) -> None:
    """Run the nightly DAG once through Airflow (`airflow dags test`) and print its summary."""
    from pantau.demo.cli import parse_faults
    from pantau.runner import run_nightly

    raise typer.Exit(run_nightly(registry, serve_demo_sites, parse_faults(fault or [])))


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def airflow(ctx: typer.Context) -> None:
    """Any `airflow` command with Pantau's Airflow settings (e.g. `pantau airflow api-server`)."""
    from pantau.airflow_env import airflow_env
    from pantau.runner import airflow_bin

    os.execve(airflow_bin(), [airflow_bin(), *ctx.args], airflow_env())


@app.command()
def ui(
    port: Annotated[int, typer.Option(help="Port of the UI and REST API.")] = 8080,
    host: Annotated[str, typer.Option(
        help="Address to bind. 127.0.0.1 keeps the UI on this machine; anything else exposes "
             "it to the network (it still asks for the login).")] = "127.0.0.1",
) -> None:
    """Airflow's UI and REST API over the runs of `pantau run`, behind a login."""
    from pantau.airflow_env import UI_USER, airflow_env, ui_password
    from pantau.runner import airflow_bin, ensure_airflow_db

    env = airflow_env()
    ensure_airflow_db(env)
    password = ui_password(env)
    typer.echo(f"Airflow UI: http://{host}:{port}  — log in as {UI_USER!r} with password "
               f"{password!r}\n  (kept in "
               f"{env['AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE']}; delete that file "
               "to get a new one)")
    command = [airflow_bin(), "api-server", "--host", host, "--port", str(port)]
    os.execve(command[0], command, env)


@sites_app.command("serve")
def sites_serve(
    registry: Annotated[Path, typer.Option(help="Registry with port-0 demo outlets.")] = Path(
        "scrapers/outlets/demo.yaml"),
    write: Annotated[Path, typer.Option(help="Where to write the resolved registry.")] = Path(
        "data/sites/outlets.yaml"),
    fault: Annotated[list[str] | None, typer.Option(
        help="OUTLET=http500|refuse: make an outlet fail, to try failure handling.")] = None,
) -> None:
    """Serve the demo outlets on 127.0.0.1 until Ctrl-C."""
    from pantau.demo.cli import serve

    serve(registry=registry, write=write, fault=fault or [])


app.command("extract")(cli_facts.extract)
app.command("score")(cli_facts.score)


if __name__ == "__main__":
    app()
