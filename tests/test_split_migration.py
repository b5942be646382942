"""A database made before the apps were split into layers migrates forward with every row intact.

The last commit before the split (BEFORE_SPLIT) is taken from git, its own code builds a SQLite database
(migrations, the seeded content, the example programs, an IPEDS import, an editor's group permission and
an admin edit with its saved version) and writes a backup; today's code then migrates a copy forward and
restores the backup into a new database. Real `manage.py` processes on both sides.
"""

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile

import pytest

from tests.live_site import BASE_DIR
from tests.programs.federal_files import C_A_COLUMNS, HD_COLUMNS, completion, school, write_csv

BEFORE_SPLIT = "8f2f6d1"

# Written by the old code: an editors' group allowed to change wage figures, and one edit of a wage
# through django-reversion, as an admin save leaves it (the version's JSON names the model's label).
OLD_EDITS = """
from django.contrib.auth.models import Group, Permission, User
import reversion
from careerpath.careers.models import WageFigure
group = Group.objects.create(name="Editors")
group.permissions.add(Permission.objects.get(content_type__app_label="careerpath", codename="change_wagefigure"))
editor = User.objects.create_user("editor", password="an-old-editors-password")
editor.groups.add(group)
wage = WageFigure.objects.order_by("pk").first()
with reversion.create_revision():
    reversion.set_user(editor)
    reversion.set_comment("Changed median annual wage.")
    wage.save()
"""

NEW_CHECKS = """
from django.contrib.auth.models import User
from reversion.models import Version
from careers.models import WageFigure
editor = User.objects.get(username="editor")
print("perm", editor.has_perm("careers.change_wagefigure"))
version = Version.objects.get_for_model(WageFigure).get()
print("version", version.object == WageFigure.objects.order_by("pk").first(), version.field_dict["median_annual_wage"])
"""


def _commit_available():
    found = subprocess.run(
        ["git", "-C", str(BASE_DIR), "cat-file", "-e", f"{BEFORE_SPLIT}^{{commit}}"], capture_output=True
    )
    return found.returncode == 0


def _env(database):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "CACHE_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="careerpath.settings.dev", DATABASE_URL=f"sqlite:///{database}")
    return env


def _manage(code, database, *args):
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=code, env=_env(database), capture_output=True, text=True
    )
    assert done.returncode == 0, f"manage.py {' '.join(args)} in {code}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


# Columns later migrations added (after the split), with the value every older row gets: the one difference
# a migrated or restored old database may show. (programs 0005: where a school is; certifications 0003.)
ADDED_SINCE = {
    "certifications_eligibilityroute": {"requires_practicum": False},
    "programs_accreditor": {"finder_url": ""},
    "programs_program": {
        "street_address": "",
        "zip_code": "",
        "county": "",
        "latitude": None,
        "longitude": None,
        "control": "",
    },
}


def _without_added(rows):
    """The rows less the columns added since, each of which must hold its default."""
    trimmed = {}
    for table, table_rows in rows.items():
        added = ADDED_SINCE.get(table, {})
        kept = []
        for row in table_rows:
            for column, value in row:
                if column in added:
                    assert value == added[column], (table, column, value)
            kept.append(tuple(pair for pair in row if pair[0] not in added))
        trimmed[table] = sorted(kept, key=repr)
    return trimmed


def _rows(database):
    """Every row of every table but Django's migration records: per table, sorted (column, value) tuples.

    By column name, not position: a table created by today's migrations may order its columns differently.
    """
    with sqlite3.connect(database) as connection:
        tables = [
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith("sqlite_") and name != "django_migrations"
        ]
        connection.row_factory = lambda cursor, row: tuple(
            sorted(zip((c[0] for c in cursor.description), row, strict=True))
        )
        return {table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr) for table in tables}


@pytest.fixture(scope="module")
def old_site(tmp_path_factory):
    if not _commit_available():
        if os.environ.get("CI"):
            pytest.fail(f"commit {BEFORE_SPLIT} (the last before the split) is missing from this clone's history")
        pytest.skip(f"commit {BEFORE_SPLIT} is not in this clone's history (a shallow clone?)")
    folder = tmp_path_factory.mktemp("before-split")
    code = folder / "code"
    code.mkdir()
    archive = subprocess.run(["git", "-C", str(BASE_DIR), "archive", BEFORE_SPLIT], capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(code, filter="data")
    hd, c_a = folder / "HD2024.csv", folder / "C2024_A.csv"
    write_csv(
        hd, HD_COLUMNS, [school(100001, "Bayside College", "Miami", "FL"), school(100002, "Hill Tech", "Austin", "TX")]
    )
    write_csv(
        c_a,
        C_A_COLUMNS,
        [
            completion(100001, "51.0801", 2, 40),
            completion(100001, "51.0801", 3, 12),
            completion(100002, "51.0801", 2, 9),
        ],
    )
    database = folder / "before.sqlite3"
    _manage(code, database, "migrate", "--noinput")
    _manage(code, database, "load_content")
    _manage(code, database, "seed_example_programs", "--count", "5", "--seed", "1")
    _manage(code, database, "import_ipeds", "--directory", str(hd), "--completions", str(c_a))
    _manage(code, database, "shell", "-c", OLD_EDITS)
    backup = folder / "content-before-split.json.gz"
    _manage(code, database, "backup_content", str(backup))
    return database, backup


def test_a_database_made_before_the_split_migrates_forward_with_every_row(old_site, tmp_path):
    before, _ = old_site
    database = tmp_path / "migrated.sqlite3"
    database.write_bytes(before.read_bytes())
    rows_before = _rows(before)
    assert len(rows_before["programs_program"]) == 5 + 3, "the old site was not filled as the test meant"

    _manage(BASE_DIR, database, "migrate", "--noinput")
    rows_after = _without_added(_rows(database))
    # Models added after the split (their table, content type and permissions) are new rows, not moved ones.
    added = {("content", "searchsynonym"), ("content", "contentversion")}
    added_ids = {
        dict(row)["id"]
        for row in rows_after["django_content_type"]
        if (dict(row)["app_label"], dict(row)["model"]) in added
    }
    rows_after["django_content_type"] = [r for r in rows_after["django_content_type"] if dict(r)["id"] not in added_ids]
    rows_after["auth_permission"] = [
        r for r in rows_after["auth_permission"] if dict(r)["content_type_id"] not in added_ids
    ]
    for app, model in added:
        rows_after.pop(f"{app}_{model}", None)

    # The content types are the same rows, with the moved models' new app labels.
    moved = {
        "careerpath": {"source": "content", "statement": "content", "importpreview": "content"},
        "programs": {"accreditor": "certifications"},
    }
    relabelled = []
    for row in rows_before.pop("django_content_type"):
        app, pk, model = (value for _, value in row)
        app = moved.get(app, {}).get(model) or {"careerpath": "careers", "careerpath_accounts": "accounts"}.get(
            app, app
        )
        relabelled.append((("app_label", app), ("id", pk), ("model", model)))
    assert rows_after.pop("django_content_type") == sorted(relabelled, key=repr)
    # Every other row of every table, the content and the editors' history among them, is unchanged,
    # but for the label inside the saved version's JSON.
    versions_after = rows_after.pop("reversion_version")
    versions_before = rows_before.pop("reversion_version")
    assert [repr(v).replace('"careerpath.wagefigure"', '"careers.wagefigure"') for v in versions_before] == [
        repr(v) for v in versions_after
    ]
    assert rows_after == rows_before
    assert sum(len(rows) for rows in rows_after.values()) > 300

    # The editor keeps the permission, and the saved version still loads as the wage it saved.
    checks = _manage(BASE_DIR, database, "shell", "-c", NEW_CHECKS)
    assert "perm True" in checks
    assert "version True" in checks


def test_a_backup_made_before_the_split_restores(old_site, tmp_path):
    before, backup = old_site
    assert '"model": "careerpath.source"' in json.dumps(_read(backup)), "the backup should carry the old labels"
    database = tmp_path / "restored.sqlite3"
    _manage(BASE_DIR, database, "migrate", "--noinput")
    out = _manage(BASE_DIR, database, "restore_content", str(backup))
    assert "Restored" in out
    restored, original = _without_added(_rows(database)), _rows(before)
    for table in (
        "careerpath_source",
        "careerpath_wagefigure",
        "careerpath_careerstep_occupations",
        "programs_accreditor",
        "programs_program",
        "certifications_eligibilityroute_accreditors",
    ):
        assert restored[table] == original[table], table


def _read(path):
    import gzip

    with gzip.open(path, "rt", encoding="utf-8") as backup:
        return json.load(backup)
