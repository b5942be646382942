"""`make bench`: load-test the production stack against a static file of the same size, write docs/benchmarks.md."""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DURATION = os.environ.get("BENCH_DURATION", "5s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
PROGRAMS = int(os.environ.get("BENCH_PROGRAMS", "10000"))
RENDERS = int(os.environ.get("BENCH_RENDERS", "15"))
WARM_UP = os.environ.get("BENCH_WARM_UP", "1s")

# (label, path) of the pages the issue names; compare/checklist paths are filled in once programs exist.
PAGES = [
    ("home", "/"),
    ("education paths", "/programs/paths/"),
    ("directory", "/programs/"),
    ("directory, filtered", "/programs/?state=OH&format=online&sort=cost"),
    ("compare (4 programs)", None),
    ("checklist with a result", None),
    ("certifications", "/certifications/"),
    ("careers", "/careers/"),
    ("salaries", "/careers/salaries/"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def commit():
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=BASE_DIR, capture_output=True, text=True).stdout
    return (result.stdout.strip() or "unknown") + (" with uncommitted changes" if dirty.strip() else "")


def run(args, env, **kwargs):
    return subprocess.run(args, cwd=BASE_DIR, env=env, check=True, **kwargs)


def prepare(env):
    print("Preparing a scratch database with the seeded content and", PROGRAMS, "example programs…", flush=True)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([PYTHON, "manage.py", "load_content", "-v0"], env)
    run([PYTHON, "manage.py", "seed_example_programs", "--count", str(PROGRAMS), "--seed", "1", "--clear"], env)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)


def example_paths(env):
    code = (
        "from programs.models import Program;"
        "slugs=list(Program.objects.examples().order_by('pk').values_list('slug', flat=True)[:4]);"
        "print('&'.join('p='+s for s in slugs)); print(slugs[0])"
    )
    out = run([PYTHON, "manage.py", "shell", "-c", code], env, capture_output=True, text=True).stdout.split()
    compare, first = out[-2], out[-1]
    checklist = f"/programs/checklist/?program={first}&budget=15000&timeline=12"
    return {"compare (4 programs)": f"/programs/compare/?{compare}", "checklist with a result": checklist}


def wait_for(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer {url} within {timeout} s")


def fetch_size(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return len(response.read())


LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)


def wrk(url, duration=DURATION):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    latency = {pct: float(value) * scale[unit] for pct, value, unit in LATENCY.findall(out)}
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if non_2xx:
        raise SystemExit(f"{url}: {non_2xx.group(1)} error responses under load\n{out}")
    return rps, latency.get("50"), latency.get("99")


def uncached_render_ms(env, paths):
    """Median server time of one render with the page cache bypassed, in a fresh Django process."""
    code = f"""
import statistics, time, json
from django.test import Client
from django.core.cache import cache
client = Client()
result = {{}}
sizes = {{}}
for label, path in {paths!r}:
    times = []
    for _ in range({RENDERS}):
        cache.clear()
        start = time.perf_counter()
        response = client.get(path, HTTP_HOST="127.0.0.1")
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    result[label] = statistics.median(times)
    sizes[path] = len(response.content)
print(json.dumps([result, sizes]))
"""
    import json

    uncached = {**env, "DJANGO_PAGE_CACHE": "0"}
    out = run([PYTHON, "manage.py", "shell", "-c", code], uncached, capture_output=True, text=True).stdout
    result, sizes = json.loads(out.strip().splitlines()[-1])
    return result, sizes


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: `apt-get install wrk` (make bench does this).")
    scratch = Path(tempfile.mkdtemp(prefix="careerpath-bench-"))
    static_root = scratch / "static"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "careerpath.settings.prod",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{scratch / 'bench.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    prepare(env)
    pages = [(label, path or "") for label, path in PAGES]
    extra = example_paths(env)
    pages = [(label, path or extra[label]) for label, path in pages]

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # Measure every page's size first with a throwaway server? Cheaper: start once, size, then add the
    # static file — whitenoise indexes files at start-up, so the static file must exist before it.
    render_ms, sizes = uncached_render_ms(env, pages)
    median_size = int(statistics.median(sizes.values()))
    static_name = "bench-static-sample.html"
    (static_root / static_name).write_text(("<p>" + "x" * 76 + "</p>\n") * (median_size // 84 + 1))

    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "careerpath.wsgi:application",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=BASE_DIR,
        env=env,
        start_new_session=True,
    )
    try:
        wait_for(f"{base}/healthz")
        static_url = f"{base}/static/{static_name}"
        static_size = fetch_size(static_url)
        # Warm up: a second of load per URL reaches every worker, so each has the page in its cache (and its
        # templates compiled), as on a site that has been serving for a while.
        print("Warming up every worker…", flush=True)
        for path in [f"/static/{static_name}"] + [path for _, path in pages]:
            wrk(base + path, duration=WARM_UP)
        print("Benchmarking the static file…", flush=True)
        static_before = wrk(static_url)
        measured = []
        for label, path in pages:
            print(f"Benchmarking {label}: {path}", flush=True)
            measured.append((label, path, wrk(base + path)))
        print("Benchmarking the static file again…", flush=True)
        static_after = wrk(static_url)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        shutil.rmtree(scratch, ignore_errors=True)

    # The limit is the static file's mean of a run before and a run after the pages, so a drift in the
    # machine's speed during the run (it is shared) does not favour the pages or the file.
    static_rps = (static_before[0] + static_after[0]) / 2
    rows = [
        (label, path, sizes[path], rps, p50, p99, rps / static_rps, render_ms[label])
        for label, path, (rps, p50, p99) in measured
    ]

    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` from a real run; never edited by hand.",
        "",
        f"- Run: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on a machine with {os.cpu_count()} cores "
        f"(load generator and server share them).",
        f"- Data: the seeded content and {PROGRAMS:,} example programs, SQLite, production settings under gunicorn "
        f"(gunicorn.conf.py defaults), page cache warm.",
        f"- Commit: `{commit()}`.",
        f"- Load: `wrk -t2 -c{CONNECTIONS} -d{DURATION}` per URL on loopback, after {WARM_UP} of warm-up load per URL.",
        f"- The limit: a {static_size:,}-byte static file (the median page size) served by the same server, "
        f"measured before and after the pages: {static_before[0]:,.0f} and {static_after[0]:,.0f} requests/s "
        f"(median {static_before[1]:.2f} / {static_after[1]:.2f} ms, p99 {static_before[2]:.2f} / "
        f"{static_after[2]:.2f} ms); their mean, **{static_rps:,.0f} requests/s**, is the 100% below.",
        f"- Uncached render: median of {RENDERS} renders of each page in one process, page cache cleared before each.",
        "",
        "| page | URL | HTML bytes | requests/s | median ms | p99 ms | ratio to static | uncached render ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, path, size, rps, p50, p99, ratio, render in rows:
        lines.append(
            f"| {label} | `{path}` | {size:,} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {ratio:.0%} | {render:.1f} |"
        )
    heaviest = max(rows, key=lambda row: row[7])
    lowest = min(rows, key=lambda row: row[6])
    lines += [
        "",
        f"Goals: cached pages at least 80% of the static file's requests per second (lowest here: {lowest[0]}, "
        f"{lowest[6]:.0%}); the uncached render of the heaviest page at most 15 ms median "
        f"(heaviest here: {heaviest[0]}, {heaviest[7]:.1f} ms).",
        "",
    ]
    out = BASE_DIR / "docs" / "benchmarks.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
