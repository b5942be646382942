"""Fetch a published federal file once and keep it, with where it came from, its SHA-256 and the date fetched.

A fresh download is written beside the kept copy and checked (a readable zip, every checksum right) before
it replaces it, so a broken or half-finished download never becomes the kept file. A time-out or a broken
connection is tried once more; a missing file (404) or no network ends with one message naming the URL and
the manual steps.
"""

import hashlib
import json
import os
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.management.base import CommandError

from .csvfiles import Progress, open_zip_member

TIMEOUT_SECONDS = 30
ATTEMPTS = 2  # one retry
CHUNK = 64 * 1024


class DownloadFailed(CommandError):
    """The file could not be fetched: the message names the URL and what to do by hand."""


@dataclass(frozen=True)
class KeptFile:
    path: Path
    url: str
    sha256: str
    fetched_on: date


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _record_path(path):
    return path.with_name(path.name + ".json")


def kept(path):
    """The kept copy at `path` with its record, or None when there is none (or its record is lost)."""
    record = _record_path(path)
    if not path.exists() or not record.exists():
        return None
    try:
        data = json.loads(record.read_text())
        return KeptFile(path, data["url"], data["sha256"], date.fromisoformat(data["fetched_on"]))
    except (ValueError, KeyError, OSError):
        return None


def fetch(url, path, *, manual_steps, stdout, progress=False, refresh=False, timeout=TIMEOUT_SECONDS, today=None):
    """The file at `url`, kept at `path`: the kept copy unless `refresh`, else downloaded (one retry)."""
    path = Path(path)
    if not refresh and (copy := kept(path)) is not None:
        stdout.write(f"Using {path.name} kept from {copy.url} on {copy.fetched_on:%Y-%m-%d} (--refresh fetches again).")
        return copy
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    last_error = None
    for _attempt in range(ATTEMPTS):
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        os.close(handle)
        temporary = Path(temporary)
        try:
            digest = _download(url, temporary, stdout=stdout, progress=progress, timeout=timeout, label=path.name)
            break
        except urllib.error.HTTPError as error:
            error.close()  # it holds the response's socket
            temporary.unlink(missing_ok=True)
            if error.code < 500:
                reason = f"the server answered {error.code} {error.reason}"
                raise DownloadFailed(_failure(url, reason, manual_steps)) from None
            last_error = f"the server answered {error.code} {error.reason}"
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
            temporary.unlink(missing_ok=True)
            reason = getattr(error, "reason", None) or error
            last_error = f"{reason}"
    else:
        raise DownloadFailed(_failure(url, f"{last_error}, twice", manual_steps))
    try:
        member = open_zip_member(temporary)  # refuses a broken zip, naming it
        member[2].close()
    except CommandError:
        temporary.unlink(missing_ok=True)
        raise
    temporary.replace(path)
    fetched_on = today or date.today()
    record = {"url": url, "sha256": digest, "fetched_on": fetched_on.isoformat()}
    _record_path(path).write_text(json.dumps(record, indent=1) + "\n")
    stdout.write(f"Downloaded {path.name} from {url} (SHA-256 {digest}).")
    return KeptFile(path, url, digest, fetched_on)


def _download(url, destination, *, stdout, progress, timeout, label):
    digest = hashlib.sha256()
    request = urllib.request.Request(url, headers={"User-Agent": "CareerPath import_ipeds"})
    with urllib.request.urlopen(request, timeout=timeout) as response, open(destination, "wb") as out:
        total = int(response.headers.get("Content-Length") or 0)
        bar = Progress(stdout, f"Downloading {label}", total, enabled=progress and total > 0, unit="KB")
        done = 0
        while chunk := response.read(CHUNK):
            out.write(chunk)
            digest.update(chunk)
            done += len(chunk)
            bar.update(done, done // 1024)
        if total and done != total:
            raise ConnectionError(f"the connection closed after {done:,} of {total:,} bytes")
        bar.finish(done // 1024)
    return digest.hexdigest()


def _failure(url, reason, manual_steps):
    return f"Could not download {url}: {reason}. Nothing was changed. {manual_steps}"
