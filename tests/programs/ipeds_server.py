"""Zips in the layout NCES publishes (HD<year>.zip, C<year>_A.zip, lower-case CSVs inside), served over HTTP.

Built from ../shared/data/ipeds/ when that folder exists (CI has it; its files are never copied into the
repository), otherwise from small files the test writes. Nothing here is kept once the test ends.
"""

import os
import threading
import zipfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SHARED_IPEDS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ipeds"
SHARED_FILES = {
    2023: ("hd2023_cip5108_schools.csv", "c2023_a_cip5108.csv"),
    2024: ("hd2024_cip5108_schools.csv", "c2024_a_cip5108.csv"),
}


def shared_ipeds_or_skip():
    """The shared real IPEDS folder; a clear skip without it, a failure under CI (which must have it)."""
    if all((SHARED_IPEDS / name).exists() for names in SHARED_FILES.values() for name in names):
        return SHARED_IPEDS
    reason = f"the real IPEDS files are not in {SHARED_IPEDS} (see its README): a clone without ../shared"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must have the shared data: {reason}")
    pytest.skip(reason)


def write_zip(path, members):
    """members: {name inside: bytes}."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def published_zips(folder, year, directory_csv, completions_csv):
    """HD<year>.zip and C<year>_A.zip holding the two CSVs under NCES's lower-case names."""
    write_zip(folder / f"HD{year}.zip", {f"hd{year}.csv": Path(directory_csv).read_bytes()})
    write_zip(folder / f"C{year}_A.zip", {f"c{year}_a.csv": Path(completions_csv).read_bytes()})


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    """A local HTTP server over `folder`; `failures` (a list of paths) answers each listed path once by hanging up."""

    def __init__(self, folder):
        self.folder = folder
        self.requests = []
        self.hang_up_once = set()
        server = self

        class Handler(_Handler):
            def do_GET(self):
                server.requests.append(self.path)
                if self.path in server.hang_up_once:
                    server.hang_up_once.discard(self.path)
                    self.send_response(200)
                    self.send_header("Content-Length", "1000000")
                    self.end_headers()
                    self.wfile.write(b"PK")  # then the connection closes short of its length
                    return
                super().do_GET()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(folder)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/data/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
