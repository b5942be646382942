"""`make serve-proxied`: nginx from deploy/nginx/ on PORT in front of `make serve`'s gunicorn on PORT + 1.

Plain HTTP on loopback, as in production minus TLS (deploy/README.md has the TLS parts). The
generated nginx.conf, its pid, logs and temporary files are in .local/nginx/. Ctrl-C stops both.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request

from proxy_stack import BASE_DIR, PROXY_ENV, NginxError, start_nginx, stop


def main():
    port = int(os.environ.get("PORT", "8000"))
    upstream_port = int(os.environ.get("UPSTREAM_PORT", str(port + 1)))
    run_dir = BASE_DIR / ".local" / "nginx"
    run_dir.parent.mkdir(mode=0o700, exist_ok=True)
    try:
        nginx = start_nginx(
            run_dir,
            wait_for=[("127.0.0.1", port)],
            upstream=f"127.0.0.1:{upstream_port}",
            server_name="localhost",
            http_listen=[f"127.0.0.1:{port}"],
        )
    except NginxError as error:
        sys.exit(f"make serve-proxied: {error}")
    print(f"nginx on http://127.0.0.1:{port} (config {run_dir / 'nginx.conf'}) → gunicorn on 127.0.0.1:{upstream_port}")

    env = {
        **os.environ,
        **PROXY_ENV,
        "PORT": str(upstream_port),
        "GUNICORN_BIND": f"127.0.0.1:{upstream_port}",
        # The site is reached through nginx's port, under these names.
        "DJANGO_ALLOWED_HOSTS": os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]"),
    }
    gunicorn = subprocess.Popen(
        [os.environ.get("MAKE", "make"), "--no-print-directory", "serve"], cwd=BASE_DIR, env=env
    )
    signal.signal(signal.SIGTERM, lambda *_: gunicorn.terminate())
    try:
        announce(port, gunicorn)
        gunicorn.wait()
    except KeyboardInterrupt:
        gunicorn.wait()
    finally:
        stop(nginx)
    sys.exit(gunicorn.returncode or 0)


def announce(port, gunicorn):
    """Say once the whole chain answers, as `make serve` does for gunicorn alone."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and gunicorn.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    print(f"CareerPath is answering through nginx: http://localhost:{port}/", flush=True)
                    return
        except OSError:
            time.sleep(0.5)


if __name__ == "__main__":
    main()
