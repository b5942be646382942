"""An operator deploys: production settings refuse bad config, pass check --deploy, and `make serve` works."""

import os
import re
import runpy
import shutil
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from . import live_site

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION_VALUES = {
    "DJANGO_SETTINGS_MODULE": "careerpath.settings.prod",
    "DJANGO_SECRET_KEY": "k7#Qm2x!Rf9vLp0sWz4tYb8nHc6jDg1eUa3oIi5uXy-Ne8Ts2Wq7Zr9Vb4Mk1Jd6Gf0",
    "DJANGO_ALLOWED_HOSTS": "careerpath.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://careerpath.example.org",
    "DJANGO_SECURE_SSL_REDIRECT": "1",
}


def _environment(**values):
    """This process's environment without any Django configuration, plus the given values."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_")) and key not in {"PORT", "WEB_CONCURRENCY"}
    }
    env.update(values)
    return env


def _manage(*args, **values):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=_environment(**values),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_naming_the_missing_variable(missing):
    values = {key: value for key, value in PRODUCTION_VALUES.items() if key != missing}
    result = _manage("check", **values)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert missing in lines[0]


def test_check_deploy_reports_nothing_with_production_values():
    result = _manage("check", "--deploy", "--fail-level", "DEBUG", **PRODUCTION_VALUES)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def _gunicorn_settings(monkeypatch, **values):
    for key in ["WEB_CONCURRENCY", "GUNICORN_WORKERS", "GUNICORN_BIND", "PORT"]:
        monkeypatch.delenv(key, raising=False)
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))


def test_gunicorn_defaults_to_two_workers_per_core_plus_one_on_localhost(monkeypatch):
    import multiprocessing

    conf = _gunicorn_settings(monkeypatch)
    assert conf["workers"] == 2 * multiprocessing.cpu_count() + 1
    assert conf["bind"] == "127.0.0.1:8000"
    assert conf["accesslog"] == "-"
    assert conf["wsgi_app"] == "careerpath.wsgi:application"


def test_gunicorn_takes_workers_and_port_from_the_environment(monkeypatch):
    conf = _gunicorn_settings(monkeypatch, WEB_CONCURRENCY="3", PORT="9123")
    assert conf["workers"] == 3
    assert conf["bind"] == "127.0.0.1:9123"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - our own localhost
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def served(tmp_path):
    """`make serve` as on a fresh clone: no secret, no hosts, an empty database of its own."""
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    port = _free_port()
    env = _environment(
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        PORT=str(port),
        WEB_CONCURRENCY="2",
    )
    server = live_site.start_make_serve(env, port, tmp_path / "serve.log")
    try:
        yield f"http://127.0.0.1:{port}", tmp_path / "serve.log"
    finally:
        live_site.stop(server)


def test_make_serve_runs_production_on_a_fresh_clone(served):
    base, log = served
    status, headers, body = _get(base + "/")
    assert status == 200, body[:500]
    assert "Content-Security-Policy" in headers
    # Plain HTTP on localhost: no redirect to HTTPS and no HSTS unless told.
    assert "Strict-Transport-Security" not in headers
    assert (BASE_DIR / ".local" / "secret_key").stat().st_size > 40
    # The empty database was seeded.
    assert b"Medical assistants" in body or b"medical assistant" in body.lower()

    stylesheet = re.search(rb'href="(/static/css/site\.[0-9a-f]{12}\.css)"', body).group(1).decode()
    status, headers, _ = _get(base + stylesheet, **{"Accept-Encoding": "br"})
    assert status == 200
    assert headers.get("Content-Encoding") == "br"
    assert "immutable" in headers["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", headers["Cache-Control"]).group(1)) >= 365 * 24 * 60 * 60
    status, headers, _ = _get(base + stylesheet, **{"Accept-Encoding": "gzip"})
    assert headers.get("Content-Encoding") == "gzip"

    # Unknown hosts are refused; the access log goes to stdout, after what make serve said while it prepared.
    assert _get(base + "/", Host="evil.example")[0] == 400
    output = log.read_text()
    assert '"GET / HTTP/1.1" 200' in output
    assert "Empty database: loading the seeded content." in output
    assert "example programs" not in output  # make serve never creates them
