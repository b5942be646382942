"""An operator loads example programs: clearly fictional, flagged, repeatable, and never in the seeded content."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from programs.models import Program

pytestmark = pytest.mark.usefixtures("seeded")


def seed(*args):
    call_command("seed_example_programs", *args, stdout=StringIO())


def test_example_programs_are_clearly_fictional():
    seed("--count", "24", "--seed", "1")
    programs = list(Program.objects.all())
    assert len(programs) == 24
    for program in programs:
        assert program.is_example
        assert program.name.startswith("Example")
        assert program.institution.startswith("Example")
        assert "Example" in program.city
        assert program.website == ""
        assert 1 <= program.months <= 60
        assert program.total_cost is None or 2_000 <= program.total_cost <= 30_000
        program.full_clean()


def test_the_same_seed_twice_leaves_the_same_programs():
    seed("--count", "24", "--seed", "1")
    first = list(Program.objects.order_by("slug").values_list("slug", "name", "total_cost", "months"))
    seed("--count", "24", "--seed", "1")
    assert list(Program.objects.order_by("slug").values_list("slug", "name", "total_cost", "months")) == first


def test_make_run_twice_leaves_exactly_24_examples_and_keeps_real_programs(make_program):
    real = make_program("a-real-one", is_example=False)
    for _ in range(2):
        seed("--count", "24", "--seed", "1", "--clear")
    assert Program.objects.examples().count() == 24
    assert Program.objects.filter(pk=real.pk).exists()


def test_clear_removes_examples_made_with_another_seed():
    seed("--count", "5", "--seed", "7")
    seed("--count", "3", "--seed", "8", "--clear")
    assert Program.objects.examples().count() == 3


def test_examples_need_the_seeded_paths(db):
    from programs.models import EducationPath

    EducationPath.objects.all().delete()
    with pytest.raises(CommandError, match="load_content"):
        seed("--count", "1")


def _operator_env(database):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env["DATABASE_URL"] = f"sqlite:///{database}"
    # The checkout's own content-version file stays untouched (a dev server may be reading it).
    env["DJANGO_PAGE_CACHE_VERSION_FILE"] = str(database.parent / "content-version")
    return env


def _run(command, database):
    result = subprocess.run(
        command, cwd=settings.BASE_DIR, env=_operator_env(database), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _make_seed(database, *assignments):
    """`make seed` as an operator runs it, on a SQLite database of its own; the example slugs it leaves."""
    _run(["make", "--no-print-directory", "seed", *assignments], database)
    with closing(sqlite3.connect(database)) as connection:
        assert connection.execute("SELECT COUNT(*) FROM programs_educationpath").fetchone()[0] > 0  # the content
        return {slug for (slug,) in connection.execute("SELECT slug FROM programs_program WHERE is_example")}


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_make_seed_leaves_exactly_the_same_24_examples_unless_turned_off(tmp_path):
    database = tmp_path / "seed.sqlite3"
    assert _make_seed(database, "LOAD_EXAMPLE_PROGRAMS=0") == set()
    # Examples made some other way (another seed, another count) do not add up with make's.
    _run([sys.executable, "manage.py", "seed_example_programs", "--count", "3", "--seed", "7"], database)
    first = _make_seed(database)
    assert len(first) == 24
    assert _make_seed(database) == first


def test_examples_are_never_in_the_seeded_fixtures():
    for fixture in Path(settings.BASE_DIR, "fixtures").glob("*.json"):
        assert not [row for row in json.loads(fixture.read_text()) if row["model"] == "programs.program"], fixture
