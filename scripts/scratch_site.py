"""A throwaway copy of the site for `make bench` and `make lighthouse`: its own SQLite database, static
root and page-cache version file in a scratch folder, production settings, served by gunicorn."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def run(args, env=None, **kwargs):
    return subprocess.run(args, cwd=BASE_DIR, env=env, check=True, **kwargs)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(scratch: Path) -> dict[str, str]:
    """Production settings pointed at the scratch folder, so nothing touches the checkout's own site."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "careerpath.settings.prod",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{scratch / 'site.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(scratch / "static"),
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        # Not the checkout's version file, which a running `make serve` reads.
        "DJANGO_PAGE_CACHE_VERSION_FILE": str(scratch / "content-version"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "GUNICORN_LOG_LEVEL": "warning",
    }


# Inserts generated example programs shaped like imported ones (programs/generated.py): never real schools.
GENERATE_IMPORTED = """
from programs.generated import imported_shaped_programs
from programs.models import Program
Program.objects.all().delete()
for start in range(0, {count}, 5000):
    Program.objects.bulk_create(imported_shaped_programs(min(5000, {count} - start), start=start), batch_size=1000)
print(Program.objects.count())
"""


def prepare(env, programs, *, imported=False):
    """Migrate, load the seeded content, add `programs` example programs and collect the static files.

    With `imported`, the programs are generated example data in the shape the federal importers leave
    (UNITID, award level, completions, earnings and debt, unknown cost, length, format and accreditation),
    every one named "Example" and flagged an example; otherwise seed_example_programs' made-up programs.
    """
    kind = "generated example programs in the imported shape" if imported else "example programs"
    print(f"Preparing a scratch database with the seeded content and {programs:,} {kind}…", flush=True)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([PYTHON, "manage.py", "load_content", "-v0"], env)
    if imported:
        code = GENERATE_IMPORTED.format(count=int(programs))
        run([PYTHON, "manage.py", "shell", "--no-imports", "-c", code], env, stdout=subprocess.DEVNULL)
    else:
        seed = ["seed_example_programs", "--count", str(programs), "--seed", "1", "--clear"]
        run([PYTHON, "manage.py", *seed], env, stdout=subprocess.DEVNULL)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)


def example_slugs(env, count=4):
    """The first example programs by name, for the compare and checklist pages."""
    code = (
        "from programs.models import Program; "
        f"print(' '.join(Program.objects.examples().order_by('name', 'id').values_list('slug', flat=True)[:{count}]))"
    )
    out = run([PYTHON, "manage.py", "shell", "--no-imports", "-c", code], env, capture_output=True, text=True)
    slugs = out.stdout.split()
    if len(slugs) < count:
        sys.exit(f"The scratch database has fewer than {count} example programs.")
    return slugs


def example_paths(slugs):
    """The compare page with four programs and the checklist with a result, as both reports name them."""
    compare = "/programs/compare/?" + "&".join(f"p={slug}" for slug in slugs[:4])
    checklist = f"/programs/checklist/?program={slugs[0]}&budget=15000&timeline=12"
    return compare, checklist


def start_gunicorn(env, port, log, *extra_args):
    """gunicorn with gunicorn.conf.py on loopback, in its own process group; returns once /healthz answers."""
    proc = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "careerpath.wsgi:application",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            *extra_args,
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        # Its own process group, so stopping it also stops every worker.
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"gunicorn exited with status {proc.returncode}; see {log.name}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    stop(proc)
    sys.exit("gunicorn did not answer /healthz within 60 seconds.")


def stop(proc):
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
