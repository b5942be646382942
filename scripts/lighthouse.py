"""`make lighthouse`: run Lighthouse on the production stack against the main pages, write docs/lighthouse.md."""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LIGHTHOUSE_VERSION = "12.8.2"  # 13 needs Node.js 22; 12.x runs on the Node.js 20 of Debian here.
LIGHTHOUSE_PREFIX = BASE_DIR / ".local" / "lighthouse"
LIGHTHOUSE_PACKAGE = LIGHTHOUSE_PREFIX / "node_modules" / "lighthouse"
CHROMIUM = Path("/usr/bin/chromium")
REPORT = BASE_DIR / "docs" / "lighthouse.md"
CATEGORIES = [
    ("performance", "Performance"),
    ("accessibility", "Accessibility"),
    ("best-practices", "Best practices"),
    ("seo", "SEO"),
]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)

# (label, path) of the pages issue 8 names; compare and checklist get their slugs once programs exist.
PAGES = [
    ("Home", "/"),
    ("Education paths", "/programs/paths/"),
    ("Program directory", "/programs/"),
    ("Directory, filtered (online, cheapest first)", "/programs/?format=online&sort=cost"),
    ("Compare (4 programs)", None),
    ("Checklist with a result", None),
    ("Certifications", "/certifications/"),
    ("Careers", "/careers/"),
    ("Salaries", "/careers/salaries/"),
    ("About", "/about/"),
]


def run(args, env=None, **kwargs):
    return subprocess.run(args, cwd=BASE_DIR, env=env, check=True, **kwargs)


def ensure_lighthouse():
    package_json = LIGHTHOUSE_PACKAGE / "package.json"
    if package_json.exists() and json.loads(package_json.read_text())["version"] == LIGHTHOUSE_VERSION:
        return
    print(f"Installing Lighthouse {LIGHTHOUSE_VERSION} from npm into {LIGHTHOUSE_PREFIX.relative_to(BASE_DIR)}…")
    if shutil.which("npm") is None:
        sys.exit("make lighthouse needs Node.js 20 or later with npm (apt-get install nodejs npm).")
    run(
        [
            "npm",
            "install",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(LIGHTHOUSE_PREFIX),
            f"lighthouse@{LIGHTHOUSE_VERSION}",
        ]
    )


def ensure_chromium():
    if CHROMIUM.exists():
        return
    print("Installing Debian's chromium…")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    run([*sudo, "apt-get", "install", "-y", "chromium"])


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(tmp):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="careerpath.settings.prod",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{tmp}/lh.sqlite3",
        DJANGO_STATIC_ROOT=f"{tmp}/static",
        DJANGO_SECURE_SSL_REDIRECT="0",
        # The scratch site must not share the checkout's page-cache version file with `make serve`.
        DJANGO_PAGE_CACHE_VERSION_FILE=f"{tmp}/content-version",
        GUNICORN_LOG_LEVEL="warning",
    )
    return env


def prepare(env):
    print("Preparing a scratch database with the seeded content and 24 example programs…", flush=True)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([PYTHON, "manage.py", "load_content", "-v0"], env)
    run([PYTHON, "manage.py", "seed_example_programs", "--count", "24", "--seed", "1"], env, stdout=subprocess.DEVNULL)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)


def example_slugs(env):
    code = (
        "from programs.models import Program; "
        "print(' '.join(Program.objects.order_by('name', 'id').values_list('slug', flat=True)[:4]))"
    )
    out = run([PYTHON, "manage.py", "shell", "--no-imports", "-c", code], env, capture_output=True, text=True)
    slugs = out.stdout.split()
    if len(slugs) < 4:
        sys.exit("The scratch database has fewer than four programs to compare.")
    return slugs


def page_paths(slugs):
    compare = "/programs/compare/?" + "&".join(f"p={slug}" for slug in slugs)
    checklist = f"/programs/checklist/?program={slugs[0]}&budget=15000&timeline=12"
    filled = {"Compare (4 programs)": compare, "Checklist with a result": checklist}
    return [(label, path or filled[label]) for label, path in PAGES]


def start_gunicorn(env, port, log):
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


def lighthouse(url, output):
    subprocess.run(
        [
            "node",
            str(LIGHTHOUSE_PACKAGE / "cli" / "index.js"),
            url,
            "--output=json",
            f"--output-path={output}",
            "--preset=desktop",
            f"--chrome-path={CHROMIUM}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--only-categories=" + ",".join(key for key, _ in CATEGORIES),
            "--quiet",
        ],
        cwd=BASE_DIR,
        check=True,
    )
    report = json.loads(Path(output).read_text())
    if report.get("runtimeError"):
        sys.exit(f"Lighthouse could not audit {url}: {report['runtimeError']}")
    return report


def score(category):
    return None if category.get("score") is None else round(category["score"] * 100)


def shortfalls(report):
    """The titles of the audits that cost a category points, per category below 100."""
    found = {}
    for key, name in CATEGORIES:
        category = report["categories"][key]
        if score(category) == 100:
            continue
        titles = []
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if audit.get("score") is None or audit["score"] >= 1:
                continue
            if audit.get("scoreDisplayMode") in ("informative", "notApplicable", "manual"):
                continue
            detail = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
            titles.append(f"{audit['title']}{detail}")
        found[name] = titles
    return found


def cell(value):
    return "error" if value is None else str(value)


def write_report(results, lighthouse_version, chromium_version):
    lines = [
        "# Lighthouse scores",
        "",
        "Written by `make lighthouse` (`scripts/lighthouse.py`) from a real run; never edit it by hand.",
        "The site runs under production settings and gunicorn on a scratch SQLite database with the",
        "seeded content and the 24 example programs; each page is audited once, on its own.",
        "",
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- Lighthouse {lighthouse_version}, desktop preset",
        f"- {chromium_version}, headless",
        "",
        "| Page | Path | " + " | ".join(name for _, name in CATEGORIES) + " |",
        "|---|---|" + "---:|" * len(CATEGORIES),
    ]
    for label, path, report in results:
        scores = " | ".join(cell(score(report["categories"][key])) for key, _ in CATEGORIES)
        lines.append(f"| {label} | `{path}` | {scores} |")
    below = [(label, path, shortfalls(report)) for label, path, report in results]
    below = [item for item in below if item[2]]
    lines.append("")
    if not below:
        lines.append("Every page scores 100 in every category.")
    else:
        lines += ["## Below 100", ""]
        for label, path, categories in below:
            lines.append(f"### {label} (`{path}`)")
            lines.append("")
            for name, titles in categories.items():
                lines.append(f"- {name}: " + ("; ".join(titles) if titles else "no single failing audit reported"))
            lines.append("")
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines).rstrip() + "\n")


def main():
    ensure_lighthouse()
    ensure_chromium()
    chromium_version = run([str(CHROMIUM), "--version"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="careerpath-lighthouse-") as tmp:
        env = site_env(tmp)
        prepare(env)
        pages = page_paths(example_slugs(env))
        port = free_port()
        with open(Path(tmp) / "gunicorn.log", "w") as log:
            proc = start_gunicorn(env, port, log)
            try:
                results = []
                for index, (label, path) in enumerate(pages):
                    print(f"Lighthouse: {path}", flush=True)
                    report = lighthouse(f"http://127.0.0.1:{port}{path}", Path(tmp) / f"page-{index}.json")
                    results.append((label, path, report))
            finally:
                stop(proc)
    write_report(results, results[0][2]["lighthouseVersion"], chromium_version)
    print(f"Wrote {REPORT.relative_to(BASE_DIR)}")
    for label, _path, report in results:
        print(f"  {label:52} " + " ".join(f"{cell(score(report['categories'][key])):>5}" for key, _ in CATEGORIES))


if __name__ == "__main__":
    main()
