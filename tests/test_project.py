"""The project as a whole: system checks pass and no model change lacks a migration."""

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
