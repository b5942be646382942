"""`make serve` cleans away expired import previews and old sign-in records before it starts gunicorn."""

import shutil
import subprocess

import pytest
from django.conf import settings


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_make_serve_runs_the_clean_up_commands_before_gunicorn():
    plan = subprocess.run(
        ["make", "-n", "--no-print-directory", "serve"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert "manage.py clear_import_previews" in plan
    assert "manage.py clean_login_attempts" in plan
    assert plan.index("manage.py migrate") < plan.index("clear_import_previews") < plan.index("gunicorn --config")
    assert plan.index("clean_login_attempts") < plan.index("gunicorn --config")
