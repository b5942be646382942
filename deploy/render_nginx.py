#!/usr/bin/env python3
"""Fill in deploy/nginx/careerpath.conf.in: the site file for production, or a whole nginx.conf for local runs.

Production (Debian's nginx, TLS, as root):

    python3 deploy/render_nginx.py --tls --server-name careerpath.example.org \\
        --upstream 127.0.0.1:8000 \\
        --certificate /etc/letsencrypt/live/careerpath.example.org/fullchain.pem \\
        --certificate-key /etc/letsencrypt/live/careerpath.example.org/privkey.pem \\
        > /etc/nginx/sites-available/careerpath

Local, any user (what `make serve-proxied` does): `--standalone --run-dir .local/nginx` writes a whole
nginx.conf whose pid, logs and temporary files live in that folder.

Only the standard library: it runs with any python3, outside the project's virtualenv.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
SITE_TEMPLATE = DEPLOY / "nginx" / "careerpath.conf.in"
MAIN_TEMPLATE = DEPLOY / "nginx" / "nginx.conf.in"
PLACEHOLDER = re.compile(r"@([A-Z_]+)@")


def _select(lines, tls):
    """Keep the `#if tls` … `#else` … `#endif` parts that apply (no nesting)."""
    kept, keep = [], True
    for line in lines:
        marker = line.strip()
        if marker == "#if tls":
            keep = tls
        elif marker == "#else":
            keep = not keep
        elif marker == "#endif":
            keep = True
        elif keep:
            kept.append(line)
    return kept


def _fill(lines, values):
    """Replace @NAME@; a line whose placeholder is a list is repeated once per item (several `listen`s)."""
    out = []
    for line in lines:
        names = PLACEHOLDER.findall(line)
        missing = [name for name in names if name not in values]
        if missing:
            raise KeyError(f"no value for @{missing[0]}@ in: {line.strip()}")
        listed = [name for name in names if isinstance(values[name], (list, tuple))]
        variants = [{name: item} for name in listed[:1] for item in values[name]] or [{}]
        for variant in variants:
            merged = {**values, **variant}
            out.append(PLACEHOLDER.sub(lambda match, merged=merged: str(merged[match.group(1)]), line))
    return out


def render_site(
    *,
    upstream,
    server_name="localhost",
    http_listen=("80",),
    tls=False,
    https_listen=("443",),
    https_port=443,
    certificate="/etc/ssl/certs/careerpath.pem",
    certificate_key="/etc/ssl/private/careerpath.key",
    cache_dir="/var/lib/nginx/careerpath-errors",
):
    values = {
        "UPSTREAM": upstream,
        "SERVER_NAME": server_name,
        "HTTP_LISTEN": list(http_listen),
        "HTTPS_LISTEN": list(https_listen),
        "HTTPS_PORT_SUFFIX": "" if int(https_port) == 443 else f":{https_port}",
        "TLS_CERTIFICATE": certificate,
        "TLS_CERTIFICATE_KEY": certificate_key,
        "CACHE_DIR": cache_dir,
    }
    lines = _select(SITE_TEMPLATE.read_text().splitlines(), tls)
    return "\n".join(_fill(lines, values)) + "\n"


def render_standalone(run_dir, **site):
    """A whole nginx.conf (foreground, pid/logs/temp files under run_dir) around the site file."""
    run_dir = Path(run_dir).resolve()
    site.setdefault("cache_dir", str(run_dir / "errors-cache"))
    body = "\n".join("    " + line if line else line for line in render_site(**site).splitlines())
    main = MAIN_TEMPLATE.read_text().replace("@SITE@", body)
    return "\n".join(_fill(main.splitlines(), {"RUN_DIR": str(run_dir)})) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", default="127.0.0.1:8000", help="gunicorn's address (host:port or unix:/path)")
    parser.add_argument("--server-name", default="localhost")
    parser.add_argument("--http-listen", action="append", help="address:port or port for HTTP (repeatable)")
    parser.add_argument("--tls", action="store_true", help="HTTPS server plus an HTTP server that redirects to it")
    parser.add_argument("--https-listen", action="append", help="address:port or port for HTTPS (repeatable)")
    parser.add_argument("--https-port", type=int, default=443, help="the port HTTP redirects to")
    parser.add_argument("--certificate", default="/etc/ssl/certs/careerpath.pem", help="PEM chain (TLS only)")
    parser.add_argument("--certificate-key", default="/etc/ssl/private/careerpath.key", help="PEM key (TLS only)")
    parser.add_argument("--cache-dir", help="where nginx keeps the error pages (default under --run-dir)")
    parser.add_argument("--standalone", action="store_true", help="write a whole nginx.conf, not a site file")
    parser.add_argument("--run-dir", default=".local/nginx", help="pid, logs and temp files (--standalone)")
    args = parser.parse_args(argv)
    site = {
        "upstream": args.upstream,
        "server_name": args.server_name,
        "http_listen": args.http_listen or ["80"],
        "tls": args.tls,
        "https_listen": args.https_listen or ["443"],
        "https_port": args.https_port,
        "certificate": args.certificate,
        "certificate_key": args.certificate_key,
    }
    if args.cache_dir:
        site["cache_dir"] = args.cache_dir
    sys.stdout.write(render_standalone(args.run_dir, **site) if args.standalone else render_site(**site))


if __name__ == "__main__":
    main()
