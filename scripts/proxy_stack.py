"""nginx from deploy/nginx/ in front of gunicorn, on this machine: for `make serve-proxied`,
`make observatory` and tests/test_proxy.py.

nginx runs in the foreground from a generated nginx.conf in a folder of its own (pid, logs, temporary
files, the error-page cache), so no root and no /etc/nginx change is needed for plain HTTP.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)

_spec = importlib.util.spec_from_file_location("render_nginx", BASE_DIR / "deploy" / "render_nginx.py")
render_nginx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(render_nginx)

# What Django and gunicorn need to trust the X-Forwarded-* headers of an nginx on this machine: the
# address it appends is the visitor's, and the scheme it names is the one the visitor used.
PROXY_ENV = {
    "DJANGO_SECURE_PROXY_SSL_HEADER": "1",
    "DJANGO_TRUSTED_PROXY_COUNT": "1",
    # Forwarded headers are believed only from these peers (careerpath/proxy.py); gunicorn's
    # forwarded_allow_ips follows the same list.
    "DJANGO_TRUSTED_PROXIES": "127.0.0.1,::1",
}


class NginxError(RuntimeError):
    pass


def write_config(run_dir: Path, **site) -> Path:
    """Render deploy/nginx/ into run_dir/nginx.conf and check it with `nginx -t`."""
    if NGINX is None:
        raise NginxError("nginx is not installed (Debian: apt-get install nginx).")
    run_dir = Path(run_dir).resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    text = render_nginx.render_standalone(run_dir, **site)
    if os.geteuid() == 0:
        # As root nginx would run its workers as `nobody`, who cannot enter .local/ (mode 0700).
        # Local runs only: in production Debian's own nginx.conf names www-data.
        text = "user root;\n" + text
    conf = run_dir / "nginx.conf"
    conf.write_text(text)
    check = subprocess.run(
        [NGINX, "-t", "-q", "-p", str(run_dir), "-c", str(conf), "-e", str(run_dir / "error.log")],
        capture_output=True,
        text=True,
    )
    if check.returncode != 0:
        raise NginxError(f"nginx -t refused {conf}:\n{check.stderr}")
    return conf


def start_nginx(run_dir: Path, *, wait_for: list[tuple[str, int]], log=None, **site) -> subprocess.Popen:
    """Start nginx (foreground, its own process group) and return once every (host, port) accepts."""
    run_dir = Path(run_dir).resolve()
    conf = write_config(run_dir, **site)
    proc = subprocess.Popen(
        [NGINX, "-p", str(run_dir), "-c", str(conf), "-e", str(run_dir / "error.log")],
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 15
    pending = list(wait_for)
    while pending:
        if proc.poll() is not None:
            error_log = run_dir / "error.log"
            detail = error_log.read_text()[-2000:] if error_log.exists() else ""
            raise NginxError(f"nginx exited with status {proc.returncode}:\n{detail}")
        if time.monotonic() > deadline:
            stop(proc)
            raise NginxError(f"nginx did not listen on {pending} within 15 seconds")
        host, port = pending[0]
        try:
            socket.create_connection((host, port), timeout=0.5).close()
            pending.pop(0)
        except OSError:
            time.sleep(0.1)
    return proc


def stop(proc: subprocess.Popen | None, timeout: float = 20) -> None:
    """Stop a process started in its own session, and everything it started."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass
