"""The SQLite database, content backups and .local/ (the secret key) are readable by their owner only."""

import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

BASE_DIR = Path(settings.BASE_DIR)


def _mode(path):
    return stat.S_IMODE(Path(path).stat().st_mode)


@pytest.fixture
def usual_umask():
    """The umask most systems start processes with (group and others may read new files)."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _manage(*args, env_extra):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "careerpath.settings.dev", **env_extra}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.umask(0o022),
    )


def test_a_new_sqlite_database_is_created_owner_only(tmp_path):
    database = tmp_path / "site.sqlite3"
    done = _manage("migrate", "--noinput", env_extra={"DATABASE_URL": f"sqlite:///{database}"})
    assert done.returncode == 0, done.stderr
    assert database.stat().st_size > 0  # a real, migrated database
    assert _mode(database) == 0o600


def test_an_existing_sqlite_database_readable_by_others_is_made_owner_only(tmp_path):
    database = tmp_path / "site.sqlite3"
    database.touch()
    database.chmod(0o644)
    done = _manage("check", env_extra={"DATABASE_URL": f"sqlite:///{database}"})
    assert done.returncode == 0, done.stderr
    assert _mode(database) == 0o600


def test_the_local_folder_with_the_secret_key_is_owner_only(tmp_path):
    local = BASE_DIR / ".local"
    local.mkdir(exist_ok=True)
    local.chmod(0o755)
    done = _manage("check", env_extra={"DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}"})
    assert done.returncode == 0, done.stderr
    assert _mode(local) == 0o700


@pytest.mark.django_db
def test_a_backup_is_written_owner_only(tmp_path, usual_umask):
    backup = tmp_path / "backups" / "content.json.gz"
    call_command("backup_content", str(backup), stdout=io.StringIO())
    assert backup.stat().st_size > 0
    assert _mode(backup) == 0o600
    assert _mode(backup.parent) == 0o700

    # Overwriting an older backup that others could read leaves it owner-only too.
    older = tmp_path / "older.json"
    older.write_text("{}")
    older.chmod(0o644)
    call_command("backup_content", str(older), stdout=io.StringIO())
    assert _mode(older) == 0o600
