"""Build the warehouse in a working file, then publish it whole with one atomic rename.

DuckDB lets one process write a file and blocks it while any other process holds it open —
even read-only. So the nightly run never opens the published file for writing:

    published   data/pantau.duckdb        what analysts open; replaced, never written in place
    working     data/work/pantau.duckdb   the night is loaded and validated here

1. ``prepare_working``: a fresh copy of the published file becomes the working file (leftovers
   of a killed run — a half-built working file, its WAL, a partial copy — are thrown away, so
   the night is always built on exactly what analysts see, and a night that failed validation
   is never carried into the next one);
2. the load and the validation write the working file (one transaction each);
3. ``publish``: only a build whose validation passed is sealed (stamped, checkpointed so no
   WAL is left beside it, fsync'ed) and renamed onto the published path with ``os.replace``,
   then the folder is fsync'ed so the rename survives a power cut.

A reader that has the published file open keeps reading the old inode until it reconnects, and
takes no lock the writer needs; a reader that opens after the rename sees the new night. No one
ever sees a file that is half a night: the published path names either the old file or the new
whole one. A SIGKILL at any moment leaves the published file as it was (or already replaced by
a complete, validated one); the next run starts again from step 1.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from pantau_warehouse.hooks import pause_point
from pantau_warehouse.load import build_sql

logger = logging.getLogger(__name__)

# Copy in pieces of this size, so a copy can be stopped half-way by the test hook and so one
# system call never holds gigabytes.
_COPY_CHUNK = 64 * 1024 * 1024


class PublishError(RuntimeError):
    """The working file cannot be published; the message says why and what to run."""


@dataclass(frozen=True)
class CopyStats:
    bytes: int
    seconds: float


@dataclass(frozen=True)
class PublishStats:
    bytes: int
    seconds: float          # seal + fsync + rename
    published_at: datetime


def wal_path(database: Path) -> Path:
    """DuckDB's write-ahead log beside a database file."""
    return database.with_name(database.name + ".wal")


def prepare_working(published: Path, work: Path) -> CopyStats:
    """Make ``work`` a fresh copy of ``published`` (or remove it when nothing is published yet,
    so the load starts an empty warehouse). Safe to repeat after a kill at any point."""
    started = time.perf_counter()
    work.parent.mkdir(parents=True, exist_ok=True)
    # The WAL first: a stale WAL beside a fresh copy makes DuckDB refuse to open it.
    _unlink(wal_path(work))
    if not published.exists():
        _unlink(work)
        return CopyStats(0, time.perf_counter() - started)
    part = work.with_name(work.name + ".copying")
    copied = _copy_file(published, part)
    os.replace(part, work)
    # A WAL beside the published file only exists if an old-style writer wrote it in place and
    # died; its commits belong to the file, so the copy takes them too.
    if wal_path(published).exists():
        shutil.copyfile(wal_path(published), wal_path(work))
    seconds = time.perf_counter() - started
    logger.info("working copy %s made from %s: %d bytes in %.2f s",
                work, published, copied, seconds)
    return CopyStats(copied, seconds)


def mark_validated(con: duckdb.DuckDBPyConnection, run_id: str, night: date) -> None:
    """Record that the run's build of the night passed validation (call in its transaction)."""
    con.execute(build_sql("mark_validated"),
                {"run_id": run_id, "night": night, "validated_at": datetime.now(UTC)})


def publish(work: Path, published: Path, *, run_id: str, night: date) -> PublishStats:
    """Replace the published warehouse by the working file, if this run built and validated it."""
    pause_point("publish-start")
    started = time.perf_counter()
    if not work.exists():
        if (done := _already_published(published, run_id, night)) is not None:
            logger.info("night %s of run %s is already published in %s", night, run_id, published)
            return PublishStats(published.stat().st_size, 0.0, done)
        raise PublishError(
            f"no working warehouse at {work} to publish for night {night}: the load did not run, "
            "or this build was already published. Run load and validate again, then publish.")
    published_at = datetime.now(UTC)
    con = duckdb.connect(str(work))
    try:
        _check_build(con, work, run_id, night)
        con.execute(build_sql("seal"),
                    {"run_id": run_id, "night": night, "published_at": published_at})
        # Fold the WAL into the file: what is renamed must be the whole database.
        con.execute("checkpoint")
    finally:
        con.close()
    if wal_path(work).exists():
        raise PublishError(f"{wal_path(work)} is still there after a checkpoint: another process "
                           f"has {work} open. Close it and run publish again.")
    size = work.stat().st_size
    _fsync_file(work)
    pause_point("publish-before-replace")
    # Only an old-style in-place writer leaves a WAL beside the published file; it would not
    # match the new file, and DuckDB refuses a file with a foreign WAL. Its commits are already
    # in the working copy (prepare_working took them), so dropping it loses nothing.
    _unlink(wal_path(published))
    try:
        os.replace(work, published)
    except OSError as exc:
        if exc.errno == errno.EXDEV:
            raise PublishError(f"cannot rename {work} onto {published}: they are on different file "
                               "systems; keep the work/ folder beside the warehouse file") from exc
        raise
    _fsync_dir(published.parent)
    seconds = time.perf_counter() - started
    logger.info("published %s (night %s, run %s): %d bytes in %.3f s", published, night, run_id,
                size, seconds)
    return PublishStats(size, seconds, published_at)


def _check_build(con: duckdb.DuckDBPyConnection, work: Path, run_id: str, night: date) -> None:
    rows = con.execute(build_sql("build_of"), {"run_id": run_id, "night": night}).fetchall()
    if not rows:
        raise PublishError(
            f"{work} holds no build of night {night} by run {run_id}: it was loaded by another "
            "run. Run load and validate of this run again, then publish.")
    validated_at, _published_at, is_newest = rows[0]
    if validated_at is None:
        raise PublishError(
            f"the build of night {night} by run {run_id} in {work} has not passed validation; it "
            "stays unpublished (query it there). Fix the failed checks, run validate, then "
            "publish.")
    if not is_newest:
        raise PublishError(
            f"{work} holds a newer build than night {night} by run {run_id}; publish that run "
            "instead.")


def _already_published(published: Path, run_id: str, night: date) -> datetime | None:
    """When this run's build is the published snapshot (a cleared publish task run again)."""
    if not published.exists():
        return None
    con = duckdb.connect(str(published), read_only=True)
    try:
        has_builds = con.execute(
            "select count(*) from duckdb_tables() where table_name = 'warehouse_builds'"
        ).fetchall()[0][0]
        if not has_builds:
            return None
        rows = con.execute(build_sql("build_of"), {"run_id": run_id, "night": night}).fetchall()
    finally:
        con.close()
    if rows and rows[0][1] is not None and rows[0][2]:
        return rows[0][1]
    return None


def _copy_file(source: Path, target: Path) -> int:
    """Copy in the kernel (copy_file_range: a reflink on file systems that have them), in
    chunks, pausing half-way for the test hook; returns the bytes copied."""
    size = source.stat().st_size
    with source.open("rb") as src, target.open("wb") as dst:
        done = 0
        half = size // 2
        paused = False
        while done < size:
            if not paused and done >= half:
                pause_point("copy-mid")
                paused = True
            step = min(_COPY_CHUNK, (half if done < half else size) - done)
            try:
                n = os.copy_file_range(src.fileno(), dst.fileno(), step, done, done)
            except OSError as exc:
                if exc.errno not in (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
                    raise
                src.seek(done)
                dst.seek(done)
                n = len(chunk := src.read(step))
                dst.write(chunk)
                dst.flush()
            if n == 0:
                raise OSError(f"{source} shrank while being copied ({done} of {size} bytes)")
            done += n
    return done


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _unlink(path: Path) -> None:
    path.unlink(missing_ok=True)
