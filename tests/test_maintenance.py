"""`make serve` cleans away expired import previews and old sign-in records before it starts gunicorn."""

import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request

import pytest

from . import live_site

# Rows of every age, made through the models (looked up by app label, wherever their modules live).
MAKE_ROWS = """
from datetime import timedelta
from django.apps import apps
from django.utils import timezone

now = timezone.now()
Preview = apps.get_model("careerpath", "ImportPreview")
Preview.objects.create(name="expired", data=b"", expires_at=now - timedelta(minutes=1))
Preview.objects.create(name="waiting", data=b"", expires_at=now + timedelta(hours=1))
Failure = apps.get_model("axes", "AccessFailureLog")
for username, days in [("forty-days-ago", 40), ("yesterday", 1)]:
    row = Failure.objects.create(
        username=username, ip_address="192.0.2.1", user_agent="test", http_accept="*/*", path_info="/admin/login/"
    )
    Failure.objects.filter(pk=row.pk).update(attempt_time=now - timedelta(days=days))
"""
LEFT_ROWS = """
import json
from django.apps import apps

print(json.dumps({
    "previews": sorted(apps.get_model("careerpath", "ImportPreview").objects.values_list("name", flat=True)),
    "failures": sorted(apps.get_model("axes", "AccessFailureLog").objects.values_list("username", flat=True)),
}))
"""


def _wait_for_health(base, process, log):
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("make serve exited:\n" + log.read_text())
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:  # noqa: S310 - our own loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail("make serve did not answer:\n" + log.read_text())


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_make_serve_forgets_expired_previews_and_old_sign_in_failures_before_it_answers(tmp_path):
    port = live_site.free_port()
    env = live_site.site_env(tmp_path, PORT=str(port), WEB_CONCURRENCY="1")
    live_site.manage(env, "migrate", "--noinput", "-v0")
    live_site.manage(env, "shell", "--no-imports", "-c", MAKE_ROWS)

    log = tmp_path / "serve.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "serve"],
            cwd=live_site.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            # Once the site answers, gunicorn is up: whatever make serve cleans has been cleaned.
            _wait_for_health(f"http://127.0.0.1:{port}", process, log)
            left = json.loads(live_site.manage(env, "shell", "--no-imports", "-c", LEFT_ROWS).stdout)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    assert left == {"previews": ["waiting"], "failures": ["yesterday"]}
