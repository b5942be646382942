"""`make lighthouse`: run Lighthouse on the production stack against the main pages, write docs/lighthouse.md."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from scratch_site import BASE_DIR, example_paths, example_slugs, free_port, prepare, run, site_env, start_gunicorn, stop

PROGRAMS = 24
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

# (label, path) of the main pages a visitor reaches; compare and checklist get their slugs once programs exist.
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


def page_paths(slugs):
    compare, checklist = example_paths(slugs)
    filled = {"Compare (4 programs)": compare, "Checklist with a result": checklist}
    return [(label, path or filled[label]) for label, path in PAGES]


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
        f"seeded content and the {PROGRAMS} example programs; each page is audited once, on its own.",
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
        env = site_env(Path(tmp))
        prepare(env, PROGRAMS)
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
