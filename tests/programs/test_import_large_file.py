"""A completions file of 200,000 rows imports with a progress bar, in memory that does not grow with the file.

Each import runs as `manage.py import_ipeds` in its own process on a terminal (a pseudo-terminal), as a
deployer runs it, and reports its own peak memory (ru_maxrss). The 200,000-row file may use at most 50 MB
more than a 20,000-row file.

It runs on the SQLite leg of CI only: the measure is of the command's own memory, which is the same whatever
the database, and the processes need a database of their own, which on SQLite is a file made here (the
PostgreSQL leg would need a second database on the shared server). Elsewhere it is skipped, saying why.
"""

import csv
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests import live_site

from .federal_files import C_A_COLUMNS, HD_COLUMNS

ROOT = Path(settings.BASE_DIR)
LIMIT_MB = 50
OTHER_FIELDS = ["11.0701", "52.0201", "51.3801", "51.3901", "12.0401", "47.0604", "51.0710", "43.0107"]

# Runs manage.py in this process and writes its peak resident memory (kilobytes on Linux) to a file.
MEASURE = """
import resource, runpy, sys
peak_file = sys.argv.pop(1)
sys.argv[0] = "manage.py"
try:
    runpy.run_path("manage.py", run_name="__main__")
finally:
    with open(peak_file, "w") as handle:
        handle.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
"""

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="measured on the SQLite CI leg only: the import processes need a database file of their own",
)


def environment(database):
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "CACHE_URL")}
    env.update(DATABASE_URL=f"sqlite:///{database}", DJANGO_SETTINGS_MODULE="careerpath.settings.test")
    return env


@pytest.fixture(scope="module")
def seeded_database(tmp_path_factory, prepared_site):
    """A migrated SQLite file with the seeded content, copied from the run's prepared site."""
    database = tmp_path_factory.mktemp("import-large") / "seeded.sqlite3"
    live_site.copy_database(prepared_site, database)
    return database


def write_files(folder, rows):
    """HD and C_A files as IPEDS publishes them: 100 completions rows a school, one of them medical assisting."""
    schools = rows // 100
    with open(folder / "HD2023.csv", "w", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_NONNUMERIC)
        writer.writerow(HD_COLUMNS)
        for number in range(schools):
            values = {"UNITID": 200000 + number, "INSTNM": f"School {number}", "CITY": "Springfield"}
            values |= {"STABBR": "OH", "WEBADDR": f"www.school{number}.example.edu/"}
            writer.writerow([values.get(column, "") for column in HD_COLUMNS])
    with open(folder / "C2023_A.csv", "w", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_NONNUMERIC)
        writer.writerow(C_A_COLUMNS)
        tail = ["R", 0] * ((len(C_A_COLUMNS) - 6) // 2)
        for row in range(rows):
            unitid = 200000 + row // 100
            slot = row % 100
            if slot == 0:
                code, level, major = "51.0801", (2, 3, 21, 4)[unitid % 4], 1
            elif slot == 1:
                code, level, major = "51.0899", 2, 1
            else:
                code, level, major = OTHER_FIELDS[slot % len(OTHER_FIELDS)], (1, 2, 3, 5, 7)[slot % 5], 1 + slot % 2
            writer.writerow([unitid, code, major, level, "R", 5 + slot % 7, *tail])
    return folder / "HD2023.csv", folder / "C2023_A.csv"


def import_on_a_terminal(seeded_database, folder, rows):
    folder.mkdir()
    database = folder / "db.sqlite3"
    shutil.copy(seeded_database, database)
    directory, completions = write_files(folder, rows)
    peak_file = folder / "peak"
    command = ["import_ipeds", "--directory", str(directory), "--completions", str(completions)]
    leader, follower = pty.openpty()
    with open(folder / "stderr", "wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", MEASURE, str(peak_file), *command],
            cwd=ROOT,
            env=environment(database),
            stdin=subprocess.DEVNULL,
            stdout=follower,
            stderr=stderr,
        )
        os.close(follower)
        output = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closes when the process ends
                break
            if not chunk:
                break
            output += chunk
        process.wait(timeout=900)
    os.close(leader)
    assert process.returncode == 0, (folder / "stderr").read_text()
    return output.decode(), int(peak_file.read_text()) / 1024


def test_a_200000_row_completions_file_imports_with_a_progress_bar_in_flat_memory(seeded_database, tmp_path):
    small_output, small_peak = import_on_a_terminal(seeded_database, tmp_path / "small", 20_000)
    large_output, large_peak = import_on_a_terminal(seeded_database, tmp_path / "large", 200_000)
    assert "Created: 200" in small_output
    assert "Created: 2,000" in large_output
    # The bar, drawn on the terminal as the file is read, ends full.
    assert "Reading C2023_A.csv [" in large_output
    assert "[" + "#" * 30 + "] 100% 200,000 rows" in large_output
    print(f"peak memory: {small_peak:.0f} MB for 20,000 rows, {large_peak:.0f} MB for 200,000 rows")
    assert large_peak - small_peak <= LIMIT_MB, (small_peak, large_peak)


def test_no_progress_bar_when_the_output_is_not_a_terminal(seeded_database, tmp_path):
    database = tmp_path / "db.sqlite3"
    shutil.copy(seeded_database, database)
    directory, completions = write_files(tmp_path, 1_000)
    result = subprocess.run(
        [sys.executable, "manage.py", "import_ipeds", "--directory", str(directory), "--completions", str(completions)],
        cwd=ROOT,
        env=environment(database),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert "Created: 10" in result.stdout
    assert "Reading" not in result.stdout and "#" not in result.stdout
