"""`make serve` cleans away expired import previews and old sign-in records before it starts gunicorn, and says
when the database it serves holds example programs."""

import json
import shutil
import socket
import subprocess

import pytest

from . import live_site

# Rows of every age, made through the models (looked up by app label, wherever their modules live), and three
# example programs.
MAKE_ROWS = """
from datetime import timedelta
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

now = timezone.now()
Preview = apps.get_model("content", "ImportPreview")
Preview.objects.create(name="expired", data=b"", expires_at=now - timedelta(minutes=1))
Preview.objects.create(name="waiting", data=b"", expires_at=now + timedelta(hours=1))
Failure = apps.get_model("axes", "AccessFailureLog")
for username, days in [("forty-days-ago", 40), ("yesterday", 1)]:
    row = Failure.objects.create(
        username=username, ip_address="192.0.2.1", user_agent="test", http_accept="*/*", path_info="/admin/login/"
    )
    Failure.objects.filter(pk=row.pk).update(attempt_time=now - timedelta(days=days))

call_command("seed_example_programs", count=3, seed=1, verbosity=0)
"""
LEFT_ROWS = """
import json
from django.apps import apps

print(json.dumps({
    "previews": sorted(apps.get_model("content", "ImportPreview").objects.values_list("name", flat=True)),
    "failures": sorted(apps.get_model("axes", "AccessFailureLog").objects.values_list("username", flat=True)),
}))
"""


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_make_serve_forgets_expired_previews_and_old_sign_in_failures_before_it_answers(tmp_path, prepared_site):
    port = live_site.free_port()
    # At the log level make serve has by default, so whatever it prints an operator sees is seen here.
    env = live_site.site_env(tmp_path, PORT=str(port), WEB_CONCURRENCY="1", DJANGO_LOG_LEVEL="INFO")
    live_site.prepare(env, prepared_site)
    live_site.manage(env, "shell", "--no-imports", "-c", MAKE_ROWS)

    log = tmp_path / "serve.log"
    server = live_site.start_make_serve(env, port, log)
    try:
        # Once the site answers, gunicorn is up: whatever make serve cleans has been cleaned.
        left = json.loads(live_site.manage(env, "shell", "--no-imports", "-c", LEFT_ROWS).stdout)
    finally:
        live_site.stop(server)

    assert left == {"previews": ["waiting"], "failures": ["yesterday"]}
    output = log.read_text()
    assert "Note: this database holds 3 example programs (fictional, labelled on every page)" in output
    assert "AXES" not in output  # django-axes' own line per reset, which the cleanup already reports


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_make_serve_on_a_taken_port_stops_before_touching_the_database_and_names_the_port(tmp_path):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        env = live_site.site_env(tmp_path, PORT=str(port))
        done = subprocess.run(
            ["make", "--no-print-directory", "serve"], cwd=live_site.BASE_DIR, env=env, capture_output=True, text=True,
            timeout=120,
        )  # fmt: skip
    assert done.returncode != 0
    assert f"Port {port} on 127.0.0.1 is already in use" in done.stderr
    assert "Traceback" not in done.stderr
    database = tmp_path / "site.sqlite3"  # made empty and owner-only at start-up (file_modes.py), never migrated
    assert not database.exists() or database.stat().st_size == 0
