"""What `provenance ingest PATH...` names: files, folders, globs and ``-`` (stdin).

A folder is walked recursively for pages (.html, .htm, .xhtml, .shtml) and archives
(.warc, .warc.gz, .arc, .arc.gz); a file named directly is taken whatever its name, and
its kind is read from its first bytes (a WARC record, gzip, or else HTML).
"""

from __future__ import annotations

import glob
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from provenance.ingest.items import Failure, Item, Skipped, bytes_key, ready
from provenance.ingest.warc import warc_items

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
STDIN = "-"


def _wanted(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(PAGE_SUFFIXES + ARCHIVE_SUFFIXES)


def expand(arguments: list[str]) -> tuple[list[Path | str], list[Failure]]:
    """The files the arguments name, in order and each once, and those that name nothing."""
    found: list[Path | str] = []
    missing: list[Failure] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            found.append(path)

    for argument in arguments:
        if argument == STDIN:
            found.append(STDIN)
            continue
        path = Path(argument)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p)):
                add(child)
        elif path.is_file():
            add(path)
        elif glob.has_magic(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if not files:
                missing.append(Failure(argument, "the pattern matches no file"))
            for file in files:
                add(file)
        else:
            missing.append(Failure(argument, "no such file or folder"))
    return found, missing


def total_size(paths: list[Path | str]) -> int:
    """Bytes of the named files (stdin counts nothing): the progress bar's length."""
    return sum(p.stat().st_size for p in paths if isinstance(p, Path))


def _is_archive(head: bytes) -> bool:
    return head.startswith((b"WARC/", b"\x1f\x8b")) or head[:64].lstrip().startswith(b"filedesc:")


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read (to tell an archive from a page)."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            count = min(len(view), len(self._head))
            view[:count], self._head = self._head[:count], self._head[count:]
            return count
        data = self._rest.read(len(view))
        view[: len(data)] = data
        return len(data)


def stream_items(
    stream: IO[bytes], *, name: str, size: int | None, max_bytes: int
) -> Iterator[Item | Failure | Skipped]:
    """The pages of one open file: every HTML response of an archive, or the page itself."""
    if hasattr(stream, "peek"):
        head = stream.peek(64)[:64]
    else:
        head = stream.read(64)
        stream = io.BufferedReader(_Prefixed(head, stream))
    if _is_archive(head):
        yield from warc_items(stream, name=name, max_bytes=max_bytes)
        return
    data = stream.read(max_bytes + 1)
    length = size if size is not None else len(data)
    if len(data) > max_bytes:
        yield Failure(name, f"the page is larger than the cap of {max_bytes} bytes", length)
    elif not data.strip():
        yield Failure(name, "the file is empty", length)
    else:
        yield Item(name, bytes_key(data), ready(data), length)


def path_items(path: Path | str, *, max_bytes: int) -> Iterator[Item | Failure | Skipped]:
    """The pages in one named file, or in stdin for ``-``."""
    if path == STDIN:
        yield from stream_items(sys.stdin.buffer, name="<stdin>", size=None, max_bytes=max_bytes)
        return
    assert isinstance(path, Path)
    try:
        with path.open("rb") as handle:
            yield from stream_items(
                handle, name=str(path), size=path.stat().st_size, max_bytes=max_bytes
            )
    except OSError as error:
        yield Failure(str(path), f"cannot read the file: {error.strerror or error}")
