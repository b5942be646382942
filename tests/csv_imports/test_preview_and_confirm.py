"""An editor imports programs and wage figures as CSV: preview first, row errors shown, all or nothing, in history."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from careers.models import WageFigure
from programs.models import Program

from .files import (
    PROGRAM_HEADER,
    WAGE_HEADER,
    all_wage_export_fields,
    confirm,
    error_rows,
    program_row,
    upload,
)

pytestmark = pytest.mark.usefixtures("seeded")


def test_a_program_csv_is_previewed_and_saved_only_on_confirmation(editor_client):
    csv = "\n".join([PROGRAM_HEADER, program_row("ex-one"), program_row("ex-two")])
    preview = upload(editor_client, "admin:programs_program_import", csv)
    assert preview.status_code == 200
    assertContains(preview, "Confirm import")
    assertContains(preview, "ex-one")
    assert not Program.objects.filter(slug__in=["ex-one", "ex-two"]).exists()

    done = confirm(editor_client, "admin:programs_program_process_import", preview)
    assert done.status_code == 302
    assert set(Program.objects.values_list("slug", flat=True)) >= {"ex-one", "ex-two"}
    program = Program.objects.get(slug="ex-one")
    assert (program.months, program.state, program.total_cost, program.has_externship) == (10, "OH", 12500, True)


def test_a_bad_row_is_named_and_nothing_from_the_file_is_saved(editor_client):
    csv = "\n".join(
        [
            PROGRAM_HEADER,
            program_row("ex-good"),
            program_row("ex-too-long", months="400"),
            program_row("ex-bad-format", delivery_format="by-pigeon"),
        ]
    )
    preview = upload(editor_client, "admin:programs_program_import", csv)
    assert preview.status_code == 200
    assertContains(preview, "Some rows failed to validate")
    errors = error_rows(preview)
    assert [row for row, _ in errors] == ["2", "3"]
    assert "between 1 and 60 months" in errors[0][1]
    assert "not a valid choice" in errors[1][1]
    assertNotContains(preview, "Confirm import")
    assert not Program.objects.filter(slug__startswith="ex-").exists()


def test_the_import_is_one_transaction():
    # Even a real (not dry-run) import, as the confirm step runs it, keeps no row when one row fails.
    from careers.admin import WageFigureResource
    from programs.admin import ProgramResource

    assert ProgramResource()._meta.use_transactions is True
    assert WageFigureResource()._meta.use_transactions is True
    import tablib

    dataset = tablib.Dataset(
        *[row.split(",") for row in [program_row("ex-first"), program_row("ex-first-dup")]],
        headers=PROGRAM_HEADER.split(","),
    )
    dataset.append(program_row("ex-last", state="OHIO").split(","))
    result = ProgramResource().import_data(dataset, dry_run=False, raise_errors=False)
    assert result.has_errors() or result.has_validation_errors()
    assert not Program.objects.filter(slug__startswith="ex-").exists()


def test_wage_figures_round_trip_through_csv_export_and_import(editor_client):
    export = editor_client.post(
        reverse("admin:careers_wagefigure_export"),
        {"format": "0", "resource": "0", **all_wage_export_fields()},
    )
    assert export.status_code == 200
    text = export.content.decode()
    assert text.splitlines()[0].startswith("occupation,reference_year,median_annual_wage")
    assert "medical-assistants,2021,37190" in text.replace('"', "")

    changed = text.replace("medical-assistants,2021,37190", "medical-assistants,2021,37200")
    preview = upload(editor_client, "admin:careers_wagefigure_import", changed)
    assertContains(preview, "Confirm import")
    confirm(editor_client, "admin:careers_wagefigure_process_import", preview)
    assert (
        WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2021).median_annual_wage == 37200
    )


def test_a_wage_with_an_impossible_year_is_refused_with_its_row(editor_client):
    count = WageFigure.objects.count()
    csv = "\n".join(
        [
            WAGE_HEADER,
            "dental-assistants,2030,46000,May 2030,bls-2021-via-article",
            "medical-assistants,1850,100,May 1850,bls-2021-via-article",
        ]
    )
    preview = upload(editor_client, "admin:careers_wagefigure_import", csv)
    errors = error_rows(preview)
    assert [row for row, _ in errors] == ["2"]
    assert "between 1990 and 2100" in errors[0][1]
    assertNotContains(preview, "Confirm import")
    assert WageFigure.objects.count() == count


def test_a_wage_for_an_unknown_occupation_names_the_line_and_the_slug(editor_client):
    count = WageFigure.objects.count()
    csv = "\n".join([WAGE_HEADER, "no-such-occupation,2024,40000,May 2024,bls-2021-via-article"])
    preview = upload(editor_client, "admin:careers_wagefigure_import", csv)
    assertContains(preview, "Line number: 1 - No occupation has the slug “no-such-occupation”.")
    assertNotContains(preview, "Confirm import")
    assert WageFigure.objects.count() == count


def test_a_confirmed_import_is_in_each_changed_rows_history(editor_client):
    from reversion.models import Version

    wage = WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2021)
    before = Version.objects.get_for_object(wage).count()
    csv = "\n".join([WAGE_HEADER, "medical-assistants,2021,37300,May 2021,bls-2021-via-article"])
    preview = upload(editor_client, "admin:careers_wagefigure_import", csv)
    assert Version.objects.get_for_object(wage).count() == before  # a preview changes nothing
    confirm(editor_client, "admin:careers_wagefigure_process_import", preview)

    versions = Version.objects.get_for_object(wage)
    assert versions.count() == before + 1
    assert versions.first().revision.comment == "Imported from rows.csv"
    assert versions.first().revision.user.username == "editor"
    history = editor_client.get(reverse("admin:careers_wagefigure_history", args=[wage.pk]))
    assertContains(history, "Imported from rows.csv")


def test_a_refused_import_leaves_no_history():
    from reversion.models import Revision

    before = Revision.objects.count()
    csv = "\n".join([PROGRAM_HEADER, program_row("ex-fine"), program_row("ex-bad", months="400")])
    import tablib

    from programs.admin import ProgramResource

    dataset = tablib.Dataset(*[row.split(",") for row in csv.splitlines()[1:]], headers=PROGRAM_HEADER.split(","))
    result = ProgramResource().import_data(dataset, dry_run=False, raise_errors=False, file_name="rows.csv")
    assert result.has_validation_errors()
    assert not Program.objects.filter(slug__startswith="ex-").exists()
    assert Revision.objects.count() == before


def test_a_preview_upload_or_its_expiry_leaves_cached_pages_in_place_and_only_the_import_replaces_them(
    editor_client, committed
):
    """A preview is not content: storing or deleting one must not throw away every worker's cached pages."""
    from django.db import connection
    from django.test import Client

    from careerpath.page_cache import content_version
    from content.csv_imports.previews import ImportPreview

    visitor, page = Client(), "/careers/salaries/history/medical-assistants/"
    assertContains(visitor.get(page), "37,190")
    wage = WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2021, area="US")
    with connection.cursor() as cursor:  # behind the site's back: only a cached page still shows 37,190
        cursor.execute(f"UPDATE {WageFigure._meta.db_table} SET median_annual_wage = 37195 WHERE id = %s", [wage.pk])
    version = content_version()
    export = editor_client.post(
        reverse("admin:careers_wagefigure_export"), {"format": "0", "resource": "0", **all_wage_export_fields()}
    )
    changed = export.content.decode().replace("medical-assistants,2021,37195", "medical-assistants,2021,37200")

    with committed():  # any hook the upload registers runs, as its commit would run it
        preview = upload(editor_client, "admin:careers_wagefigure_import", changed)
    assertContains(preview, "Confirm import")
    assert ImportPreview.objects.count() == 1
    assert content_version() == version
    assertContains(visitor.get(page), "37,190")
    with committed():
        ImportPreview.objects.all().delete()  # as an expired preview is cleared
    assert content_version() == version
    assertContains(visitor.get(page), "37,190")

    preview = upload(editor_client, "admin:careers_wagefigure_import", changed)
    with committed():
        confirm(editor_client, "admin:careers_wagefigure_process_import", preview)
    assert content_version() != version
    assertContains(visitor.get(page), "37,200")
