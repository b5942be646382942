"""The project as a whole: system checks pass, no model change lacks a migration, each log line is written once."""

import subprocess
import sys

import pytest
from django.core.management import call_command


def test_system_checks_pass():
    call_command("check", fail_level="WARNING")


@pytest.mark.django_db
def test_every_model_change_has_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def _run(*args):
    from django.conf import settings

    return subprocess.run([sys.executable, "-m", *args], cwd=settings.BASE_DIR, capture_output=True, text=True)


def test_code_passes_the_linter_and_is_formatted():
    lint = _run("ruff", "check", ".")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    formatting = _run("ruff", "format", "--check", ".")
    assert formatting.returncode == 0, formatting.stdout + formatting.stderr


@pytest.mark.parametrize("settings_module", ["careerpath.settings.dev", "careerpath.settings.prod"])
def test_each_log_line_is_written_once(tmp_path, settings_module):
    """`make run` printed Django's own lines twice (its console handler and the root's both wrote them)."""
    import os

    from django.conf import settings

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "localhost",
    }
    code = "import logging; logging.getLogger('django.utils.autoreload').info('Watching once'); " + (
        "logging.getLogger('django.request').error('Failed once')"
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("Watching once") == 1, done.stderr
    assert done.stderr.count("Failed once") == 1, done.stderr
