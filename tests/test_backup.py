"""An operator backs up all content and restores it into an empty database with nothing lost."""

import datetime
import gzip
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.forms.models import model_to_dict

from careerpath.management.commands.restore_content import content_models, delete_all_content

# Emptying the tables in the test's transaction works on SQLite and PostgreSQL alike (flush's
# TRUNCATE does not, with the foreign-key checks PostgreSQL defers to the end of the transaction).


def snapshot():
    """Every row of every content model, with every field and many-to-many link, keyed by model and pk."""
    rows = {}
    for model in content_models():
        for obj in model._base_manager.order_by("pk"):
            values = model_to_dict(obj, fields=[field.name for field in model._meta.concrete_fields])
            for field in model._meta.many_to_many:
                values[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
            rows[(model._meta.label, obj.pk)] = values
    return rows


@pytest.mark.parametrize("name", ["content.json", "content.json.gz"])
def test_a_backup_restored_into_an_empty_database_is_identical(seeded, tmp_path, name, make_program):
    make_program(
        "example-medical-assisting-certificate",
        delivery_format="hybrid",
        total_cost=12500,
        accreditor="caahep",
        website="https://example.org/ma",
    )
    before = snapshot()
    assert len(before) > 100
    backup = tmp_path / name
    call_command("backup_content", str(backup), verbosity=0)

    delete_all_content()
    assert snapshot() == {}

    call_command("restore_content", str(backup), verbosity=0)
    assert snapshot() == before


def test_a_figures_area_survives_a_backup_and_restore(seeded, tmp_path):
    from careers.models import EmploymentProjection, WageFigure

    WageFigure.objects.filter(occupation__slug="medical-assistants", reference_year=2024, area="CA").update(
        median_annual_wage=48051
    )
    EmploymentProjection.objects.filter(occupation__slug="medical-assistants", start_year=2024).update(area="CA")
    backup = tmp_path / "content.json"
    call_command("backup_content", str(backup), verbosity=0)
    delete_all_content()
    call_command("restore_content", str(backup), verbosity=0)
    assert WageFigure.objects.filter(reference_year=2024).exclude(area="US").count() == 51
    assert WageFigure.objects.get_by_natural_key("medical-assistants", 2024, "CA").median_annual_wage == 48051
    assert WageFigure.objects.get_by_natural_key("medical-assistants", 2024, "US").median_annual_wage == 44200
    assert EmploymentProjection.objects.get_by_natural_key("medical-assistants", 2024, 2034, "CA").percent == 12.5


def test_new_rows_after_a_restore_get_fresh_ids(seeded, tmp_path):
    from content.models import Source

    backup = tmp_path / "content.json"
    call_command("backup_content", str(backup), verbosity=0)
    delete_all_content()
    call_command("restore_content", str(backup), verbosity=0)
    highest = Source.objects.order_by("-pk").first().pk
    source = Source.objects.create(key="new-source", publisher="P", title="T", seen_on=datetime.date(2026, 1, 1))
    assert source.pk > highest


def test_restoring_over_existing_content_is_refused_unless_asked(seeded, tmp_path, make_program):
    from careers.models import WageFigure

    backup = tmp_path / "content.json"
    call_command("backup_content", str(backup), verbosity=0)
    before = snapshot()
    with pytest.raises(CommandError, match="already has content"):
        call_command("restore_content", str(backup), verbosity=0)

    WageFigure.objects.update(median_annual_wage=1)
    make_program(
        "example-medical-assisting-certificate",
        delivery_format="hybrid",
        total_cost=12500,
        accreditor="caahep",
        website="https://example.org/ma",
    )
    call_command("restore_content", str(backup), "--replace", verbosity=0)
    assert snapshot() == before


def test_a_broken_backup_changes_nothing(seeded, tmp_path):
    before = snapshot()
    broken = tmp_path / "broken.json"
    broken.write_text('[{"model": "careerpath.source", "pk": 1, "fields": {"key": null}}]')
    with pytest.raises(Exception):  # noqa: B017 - whichever error loaddata raises, nothing is saved
        call_command("restore_content", str(broken), "--replace", verbosity=0)
    assert snapshot() == before


def test_a_backup_leaves_editors_import_previews_out(seeded, tmp_path):
    from content.csv_imports.previews import ImportPreview

    ImportPreview.objects.create(
        name="waiting.csv", data=b"a,b\n", expires_at=datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)
    )
    call_command("backup_content", str(tmp_path / "content.json"), verbosity=0)
    models = {row["model"] for row in json.loads((tmp_path / "content.json").read_text())}
    assert "content.source" in models and "careers.wagefigure" in models
    assert "content.importpreview" not in models


def test_a_backup_to_standard_output_is_the_same_json(seeded, tmp_path):
    out = io.StringIO()
    call_command("backup_content", "-", stdout=out, verbosity=0)
    call_command("backup_content", str(tmp_path / "content.json"), verbosity=0)
    assert json.loads(out.getvalue()) == json.loads((tmp_path / "content.json").read_text())
    assert not Path("-").exists()  # not a file named "-" in the working folder


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("truncated.json.gz", lambda good: gzip.compress(good)[:-200]),
        ("not-gzip.json.gz", lambda good: good),
        ("corrupt.json", lambda good: good[: len(good) // 2]),
        ("binary.json", lambda good: b"\x89PNG\r\n\x1a\n\x00\x00"),
    ],
)
def test_a_damaged_backup_is_refused_in_one_sentence_and_nothing_changes(seeded, tmp_path, name, content):
    call_command("backup_content", str(tmp_path / "good.json"), verbosity=0)
    damaged = tmp_path / name
    damaged.write_bytes(content((tmp_path / "good.json").read_bytes()))
    before = snapshot()
    with pytest.raises(CommandError) as refused:
        call_command("restore_content", str(damaged), "--replace", verbosity=0)
    message = str(refused.value)
    assert message.startswith(f"{damaged} is not a complete backup_content file") and "nothing was changed" in message
    assert "\n" not in message
    assert snapshot() == before


def test_a_missing_backup_is_named(seeded, tmp_path):
    with pytest.raises(CommandError, match="No backup at .*nowhere.json"):
        call_command("restore_content", str(tmp_path / "nowhere.json"), verbosity=0)


def test_a_full_disk_is_said_plainly_and_leaves_no_half_written_backup(seeded, tmp_path, monkeypatch):
    import errno

    from django.core.management.commands import dumpdata

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(dumpdata.Command, "handle", full)
    with pytest.raises(CommandError, match="No room left on the disk for .*content.json: nothing was written"):
        call_command("backup_content", str(tmp_path / "content.json"), verbosity=0)
    assert not (tmp_path / "content.json").exists()
