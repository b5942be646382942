"""`make observatory`: grade the site's headers with the MDN HTTP Observatory's own scanner.

The scanner (npm @mdn/mdn-http-observatory, installed into .local/observatory/) only scans a host on
ports 80 and 443, so this needs root. It builds a scratch copy of the site (production settings,
gunicorn), puts nginx from deploy/nginx/ in front of it on 80 and 443 with a certificate from a
throwaway local certificate authority that the scanner is made to trust, runs
`mdn-http-observatory-scan localhost`, and writes the result to docs/observatory.md
(`--no-report` only prints it). It exits non-zero unless the grade is A+.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from proxy_stack import BASE_DIR, PROXY_ENV, start_nginx, stop

SCANNER_VERSION = "1.4.8"
PREFIX = BASE_DIR / ".local" / "observatory"
PACKAGE = PREFIX / "node_modules" / "@mdn" / "mdn-http-observatory"
# The launcher (bin/wrapper.js) points NODE_EXTRA_CA_CERTS at this file, which the package's install
# script would download; installed with --ignore-scripts, it holds our throwaway CA instead.
CA_BUNDLE = PREFIX / "node_modules" / "node_extra_ca_certs_mozilla_bundle" / "ca_bundle" / "ca_intermediate_bundle.pem"
# The HSTS preload list the install script would download; empty, since localhost is on no list.
HSTS_PRELOAD = PACKAGE / "conf" / "hsts-preload.json"
REPORT = BASE_DIR / "docs" / "observatory.md"
GOAL = "A+"


def ensure_scanner():
    package_json = PACKAGE / "package.json"
    if not (package_json.exists() and json.loads(package_json.read_text())["version"] == SCANNER_VERSION):
        if shutil.which("npm") is None:
            sys.exit("make observatory needs Node.js 20 or later with npm.")
        print(f"Installing @mdn/mdn-http-observatory {SCANNER_VERSION} from npm into .local/observatory…", flush=True)
        PREFIX.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--ignore-scripts",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                "--prefix",
                str(PREFIX),
                f"@mdn/mdn-http-observatory@{SCANNER_VERSION}",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    if not HSTS_PRELOAD.exists():
        HSTS_PRELOAD.write_text("{}\n")
    return PACKAGE / "bin" / "wrapper.js"


def make_local_ca(folder: Path):
    """A certificate authority made for this run and a certificate it signs for localhost."""
    folder.mkdir(parents=True, exist_ok=True)
    ca_key, ca_pem = folder / "ca.key", folder / "ca.pem"
    key, csr, pem = folder / "localhost.key", folder / "localhost.csr", folder / "localhost.pem"
    extensions = folder / "localhost.ext"
    extensions.write_text(
        "basicConstraints=critical,CA:FALSE\n"
        "keyUsage=critical,digitalSignature\n"
        "extendedKeyUsage=serverAuth\n"
        "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n"
    )
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    quiet = {"check": True, "capture_output": True}
    subprocess.run(
        ["openssl", "req", "-x509", *ec, "-keyout", ca_key, "-out", ca_pem, "-days", "2"]
        + ["-subj", "/CN=CareerPath throwaway local CA", "-addext", "basicConstraints=critical,CA:TRUE"]
        + ["-addext", "keyUsage=critical,keyCertSign,cRLSign"],
        **quiet,
    )
    subprocess.run(["openssl", "req", *ec, "-keyout", key, "-out", csr, "-subj", "/CN=localhost"], **quiet)
    subprocess.run(
        ["openssl", "x509", "-req", "-in", csr, "-CA", ca_pem, "-CAkey", ca_key, "-CAcreateserial"]
        + ["-out", pem, "-days", "2", "-extfile", extensions],
        **quiet,
    )
    return ca_pem, pem, key


def loopback_addresses():
    addresses = ["127.0.0.1"]
    try:
        with socket.socket(socket.AF_INET6) as sock:
            sock.bind(("::1", 0))
        addresses.append("[::1]")
    except OSError:
        pass
    return addresses


def start_tls_nginx(run_dir: Path, upstream: str, certificate: Path, key: Path):
    """deploy/nginx/ in its production shape (HTTPS on 443, HTTP on 80 redirecting) for localhost."""
    addresses = loopback_addresses()
    return start_nginx(
        run_dir,
        wait_for=[("127.0.0.1", 80), ("127.0.0.1", 443)],
        upstream=upstream,
        server_name="localhost",
        tls=True,
        http_listen=[f"{address}:80" for address in addresses],
        https_listen=[f"{address}:443" for address in addresses],
        certificate=str(certificate),
        certificate_key=str(key),
    )


def scan(ca_pem: Path, hostname="localhost"):
    """Run the scanner's own command line; its JSON (scan summary and each test's result)."""
    wrapper = ensure_scanner()
    CA_BUNDLE.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ca_pem, CA_BUNDLE)
    result = subprocess.run(["node", str(wrapper), hostname], cwd=PREFIX, capture_output=True, text=True, timeout=120)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise RuntimeError(
            f"the scanner printed no JSON (exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
        ) from error
    if "error" in report:
        raise RuntimeError(f"the scanner failed: {report['error']}")
    return report


def site_env(scratch: Path):
    from scratch_site import site_env as scratch_env

    env = scratch_env(scratch)
    for name in ("REDIS_URL", "REDIS_PAGES_URL", "CACHE_URL"):  # a cache of its own, not CI's shared Redis
        env.pop(name, None)
    env.update(PROXY_ENV)
    env.update(
        {
            "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "1",
            "WEB_CONCURRENCY": "2",
        }
    )
    return env


def markdown(report, commit):
    summary = report["scan"]
    lines = [
        "# MDN HTTP Observatory: the real scanner against the shipped nginx",
        "",
        f"Measured by `make observatory` (scripts/observatory.py) on {dt.date.today().isoformat()}, {commit}: "
        f"`mdn-http-observatory-scan localhost` from npm `@mdn/mdn-http-observatory@{SCANNER_VERSION}` "
        "(Node.js "
        + subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
        + ") against "
        "production settings under gunicorn behind nginx from `deploy/nginx/` on ports 80 and 443, with a "
        "certificate from a throwaway local certificate authority the scanner was made to trust.",
        "",
        f"**Grade {summary['grade']}, score {summary['score']}** "
        f"({summary['testsPassed']} of {summary['testsQuantity']} tests passed, HTTP status {summary['statusCode']}).",
        "",
        "| Test | Result | Passed | Modifier |",
        "|---|---|---|---|",
    ]
    for name, test in sorted(report["tests"].items()):
        lines.append(
            f"| {name} | `{test['result']}` | {'yes' if test['pass'] else 'no'} | {test['scoreModifier']:+d} |"
        )
    lines += [
        "",
        "The score starts at 100, takes off the penalties and, only from 90 up, adds the bonuses. "
        "`tests/test_security_headers.py` checks, without the network, the headers behind each result "
        "this run lists (`HOME_PAGE_RESULTS`), and the run under CI compares the two. Bonuses come from the "
        "Content-Security-Policy (no unsafe sources), `frame-ancestors` (clickjacking), "
        "`Referrer-Policy: same-origin` and `Cross-Origin-Resource-Policy: same-origin`; HSTS is a year "
        "with subdomains, set by Django over HTTPS as nginx reports it. Every header comes from Django's "
        "settings; nginx adds none.",
        "",
    ]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Grade the site with the MDN HTTP Observatory scanner.")
    parser.add_argument("--no-report", action="store_true", help="print the result, do not write docs/observatory.md")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        sys.exit("make observatory listens on ports 80 and 443, which the scanner requires: run it as root.")
    for port in (80, 443):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            sys.exit(f"Something already listens on port {port}; stop it first.")
        except OSError:
            pass
    from scratch_site import free_port, prepare, start_gunicorn

    ensure_scanner()
    with tempfile.TemporaryDirectory(prefix="careerpath-observatory-") as scratch:
        scratch = Path(scratch)
        env = site_env(scratch)
        prepare(env, 24)
        port = free_port()
        nginx = gunicorn = None
        try:
            with open(scratch / "gunicorn.log", "w") as log:
                gunicorn = start_gunicorn(env, port, log)
                ca_pem, certificate, key = make_local_ca(scratch / "tls")
                nginx = start_tls_nginx(scratch / "nginx", f"127.0.0.1:{port}", certificate, key)
                report = scan(ca_pem)
        finally:
            stop(nginx)
            stop(gunicorn)
    summary = report["scan"]
    if args.no_report:
        print(json.dumps(report, indent=2))
    print(f"MDN HTTP Observatory: grade {summary['grade']}, score {summary['score']}")
    if not args.no_report:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, capture_output=True, text=True)
        commit = commit.stdout.strip() or "unknown"
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!docs/observatory.md"],
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
        ).stdout.strip()
        where = f"commit `{commit}`" + (" with uncommitted changes in the working tree" if dirty else "")
        REPORT.write_text(markdown(report, where))
        print(f"Wrote {REPORT.relative_to(BASE_DIR)}")
    if summary["grade"] != GOAL:
        sys.exit(f"The grade is {summary['grade']}, not {GOAL}.")


if __name__ == "__main__":
    main()
