"""WARC and WARC.gz archives read as a stream (warcio): one item per HTML response.

Request, metadata and warcinfo records, non-HTML payloads and responses other than 200
are skipped, not failed. Only one record is in memory at a time, so archives of any size
stream through.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from provenance.ingest.items import Failure, Hints, Item, Skipped, bytes_key, ready

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _content_type(record: Any) -> str:
    http = record.http_headers
    value = http.get_header("Content-Type") if http is not None else None
    if value is None:
        value = record.rec_headers.get_header("Content-Type")
    return str(value or "").split(";")[0].strip().lower()


def _cut_short(record: Any, data: bytes) -> bool:
    """Fewer payload bytes than the HTTP Content-Length promised (a truncated archive)."""
    http = record.http_headers
    if http is None or http.get_header("Content-Encoding") or http.get_header("Transfer-Encoding"):
        return False
    declared = str(http.get_header("Content-Length") or "")
    return declared.isdigit() and len(data) < int(declared)


def warc_items(
    stream: IO[bytes], *, name: str, max_bytes: int
) -> Iterator[Item | Failure | Skipped]:
    """The HTML pages of a WARC (gzipped or not) read from ``stream``, in archive order."""
    position = 0
    try:
        records = ArchiveIterator(stream, arc2warc=True)
        for record in records:
            uri = record.rec_headers.get_header("WARC-Target-URI")
            source = f"{name} {uri or record.rec_headers.get_header('WARC-Record-ID')}"
            if record.rec_type not in ("response", "resource"):
                continue  # requests, metadata, warcinfo: not pages
            status = record.http_headers.get_statuscode() if record.http_headers else "200"
            content_type = _content_type(record)
            data = record.content_stream().read(max_bytes + 1)
            offset = records.get_record_offset()  # where this record starts
            size, position = max(offset - position, 0), offset
            if status != "200":
                yield Skipped(source, f"HTTP status {status}", size)
            elif content_type and content_type not in HTML_TYPES:
                yield Skipped(source, f"not HTML ({content_type})", size)
            elif len(data) > max_bytes:
                yield Failure(source, f"the page is larger than the cap of {max_bytes} bytes", size)
            elif _cut_short(record, data):
                yield Failure(source, "the record is cut short (the archive is truncated)", size)
            else:
                hints = Hints(url=uri)
                yield Item(source, bytes_key(data), ready(data, uri), size, hints)
    except ArchiveLoadFailed as error:
        yield Failure(name, f"not a readable WARC archive: {error}")
    except (OSError, EOFError, ValueError) as error:
        yield Failure(name, f"the archive is damaged or cut short: {error}")
