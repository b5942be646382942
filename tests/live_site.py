"""A real site for multi-process tests: a file database of its own, production settings, gunicorn workers.

The in-memory test database is private to the pytest process, so tests that need several server
processes seed a scratch SQLite file (or a scratch PostgreSQL database) once and point gunicorn at it.
A small browser (urllib with a cookie jar) signs in through the real login form with its CSRF token.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
EDITOR, EDITOR_PASSWORD = "editor", "a-long-editor-password-for-tests"
WORKER = re.compile(r"worker=<?(\d+)>?")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(scratch: Path, **overrides) -> dict[str, str]:
    """Production settings pointed at the scratch folder; DATABASE_URL and REDIS_URL as given."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "CACHE_URL", "REDIS_PAGES_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="careerpath.settings.prod",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{scratch / 'site.sqlite3'}",
        DJANGO_STATIC_ROOT=str(scratch / "static"),
        DJANGO_SECURE_SSL_REDIRECT="0",
        # Plain HTTP on loopback: a Secure cookie would never be sent back by the test's browser.
        DJANGO_SECURE_COOKIES="0",
        DJANGO_PAGE_CACHE_VERSION_FILE=str(scratch / "content-version"),
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_SUPERUSER_PASSWORD=EDITOR_PASSWORD,
    )
    env.update({key: value for key, value in overrides.items() if value is not None})
    return env


POSTGRES_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL", "")
HAS_SERVICES = POSTGRES_URL.startswith(("postgres://", "postgresql://")) and bool(REDIS_URL)
REQUIRE_SERVICES = os.environ.get("CAREERPATH_REQUIRE_SERVICES") == "1"


def scratch_postgres(name):
    """A database of the test's own beside DATABASE_URL's (whose data stays untouched); returns its URL."""
    import psycopg

    parts = urllib.parse.urlsplit(POSTGRES_URL)
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}")), admin_url


def drop_postgres(admin_url, name):
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def drop_redis_keys(prefix):
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{prefix}*"):
        client.delete(key)


def manage(env, *args, **kwargs):
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, capture_output=True, text=True, **kwargs
    )


def prepare(env, prepared):
    """Migrate, load the seeded content, collect the static files and create the editor.

    On SQLite these steps leave the same files whatever the site's other settings, so they run once per
    test run, in the site the `prepared_site` fixture makes (`prepared`), and every SQLite site starts
    from a copy of its database, static files and content version (each site then runs its own processes
    on its own copy). A PostgreSQL site runs them itself.
    """
    if not env["DATABASE_URL"].startswith("sqlite:///"):
        _prepare(env)
        return
    copy_database(prepared, Path(env["DATABASE_URL"].removeprefix("sqlite:///")))
    shutil.copytree(prepared / "static", env["DJANGO_STATIC_ROOT"], dirs_exist_ok=True)
    if (prepared / "content-version").exists():
        shutil.copy2(prepared / "content-version", env["DJANGO_PAGE_CACHE_VERSION_FILE"])


def copy_database(prepared, database):
    """The prepared site's SQLite database (and any journal beside it) copied to `database`."""
    for path in prepared.glob("site.sqlite3*"):
        shutil.copy2(path, database.with_name(database.name + path.name.removeprefix("site.sqlite3")))


def make_prepared_site(folder):
    """The site every SQLite test site is copied from: migrated, seeded, static files collected, editor made."""
    _prepare(site_env(folder))


def _prepare(env):
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_content", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "createsuperuser", "--noinput", "--username", EDITOR, "--email", "editor@example.org")


def start_gunicorn(env, port, log_path, workers=2):
    """gunicorn with gunicorn.conf.py and `workers` workers, in its own process group, once /healthz answers."""
    command = [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    return _start([*command, "--workers", str(workers)], env, port, log_path, within=60)


def start_make_serve(env, port, log_path):
    """`make serve`, as the README runs production, in its own process group, once /healthz answers.

    `env` must set PORT=port; it sets itself up first (migrations, cleanups), hence the longer wait.
    """
    return _start(["make", "--no-print-directory", "serve"], env, port, log_path, within=120)


def _start(command, env, port, log_path, *, within):
    log = open(log_path, "a")  # noqa: SIM115 - closed by stop()
    proc = subprocess.Popen(
        command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    proc.log = log
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{command[-1]} exited with {proc.returncode}:\n{Path(log_path).read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return proc
        except urllib.error.HTTPError:
            return proc  # it answers; the health check itself says what is wrong
        except OSError:
            time.sleep(0.2)
    stop(proc)
    raise RuntimeError(f"{command[-1]} did not answer within {within} seconds:\n{Path(log_path).read_text()[-3000:]}")


def stop(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    proc.log.close()


def get(url, *, user_agent="live-site-test", timeout=10):
    """One anonymous request on a fresh connection: (status, headers, body text)."""
    request = urllib.request.Request(url, headers={"User-Agent": user_agent})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - our own loopback
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def get_many(url, count, *, user_agent, concurrency=6):
    """`count` anonymous requests, several at a time so that every worker answers some."""
    with ThreadPoolExecutor(concurrency) as pool:
        return list(pool.map(lambda _: get(url, user_agent=user_agent), range(count)))


def workers_that_answered(log_path, user_agent):
    """The worker process ids whose access-log lines carry `user_agent`."""
    pids = []
    for line in Path(log_path).read_text().splitlines():
        if f'"{user_agent}"' in line and (match := WORKER.search(line)):
            pids.append(match.group(1))
    return pids


class _Forms(HTMLParser):
    """Every form's fields as the browser would submit them (checked boxes, selected options, text)."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"attrs": attrs, "fields": []}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "image", "file", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._form["fields"].append((attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and attrs.get("name"):
            self._select = {"name": attrs["name"], "value": None, "first": None}
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["value"] = value
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None:
            value = self._select["value"] if self._select["value"] is not None else self._select["first"]
            if self._form is not None and value is not None:
                self._form["fields"].append((self._select["name"], value))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            if self._form is not None:
                self._form["fields"].append((self._textarea[0], self._textarea[1].lstrip("\n")))
            self._textarea = None


def forms_of(html):
    parser = _Forms()
    parser.feed(html)
    return parser.forms


class Browser:
    """An editor's browser: keeps cookies, follows redirects, submits forms as they are on the page."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(self, path, data=None, *, timeout=15, headers=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"User-Agent": "editor-browser", **(headers or {})}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.geturl(), error.read().decode()

    def form(self, path, index_or_id=None):
        status, _, html = self.open(path)
        assert status == 200, (path, status, html[:500])
        forms = forms_of(html)
        if isinstance(index_or_id, str):
            return next(f for f in forms if f["attrs"].get("id") == index_or_id)
        return forms[index_or_id or 0]

    def sign_in(self):
        login = self.form("/admin/login/?next=/admin/", "login-form")
        fields = dict(login["fields"])
        fields.update(username=EDITOR, password=EDITOR_PASSWORD)
        status, url, html = self.open("/admin/login/?next=/admin/", fields)
        assert status == 200 and url.endswith("/admin/"), (status, url, html[:800])
        return html

    def upload(self, path, filename, content, *, timeout=30):
        """Post a CSV file to the admin's import form at `path`, as the form's own fields give it."""
        status, _, html = self.open(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        boundary = uuid.uuid4().hex
        body = b""
        for name, value in [("csrfmiddlewaretoken", token), ("format", "0"), ("resource", "0")]:
            body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="import_file"; filename="{filename}"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        body += content.encode() + f"\r\n--{boundary}--\r\n".encode()
        request = urllib.request.Request(
            self.base + path,
            data=body,
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "User-Agent": "editor-browser"},
        )
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def submit(self, path, form, changes):
        fields = [(name, value) for name, value in form["fields"] if name not in changes]
        fields += list(changes.items())
        return self.open(path, fields)
