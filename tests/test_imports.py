"""An editor imports programs and wage figures as CSV: preview first, row errors shown, all or nothing."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from careerpath.models import WageFigure
from programs.models import Program

pytestmark = pytest.mark.usefixtures("seeded")

WAGE_HEADER = "occupation,reference_year,median_annual_wage,reference_period,source"
PROGRAM_HEADER = (
    "institution,name,slug,city,state,delivery_format,path,accreditor,total_cost,months,"
    "has_externship,has_placement_help,website,last_verified,is_example"
)


def _program_row(slug, *, months="10", state="OH", delivery_format="hybrid"):
    from programs.models import Accreditor, EducationPath

    path = EducationPath.objects.order_by("pk").first().slug
    accreditor = Accreditor.objects.order_by("pk").first().slug
    return (
        f"Example Community College,Example MA Certificate {slug},{slug},Exampleville,{state},{delivery_format},"
        f"{path},{accreditor},12500,{months},1,0,https://example.org/{slug},2026-11-01,1"
    )


def _upload(client, url_name, text):
    return client.post(
        reverse(url_name),
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile("rows.csv", text.encode(), content_type="text/csv"),
        },
    )


def _confirm(client, url_name, preview):
    html = preview.content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    fields.pop("csrfmiddlewaretoken", None)
    return client.post(reverse(url_name), fields)


def test_a_program_csv_is_previewed_and_saved_only_on_confirmation(editor_client):
    csv = "\n".join([PROGRAM_HEADER, _program_row("ex-one"), _program_row("ex-two")])
    preview = _upload(editor_client, "admin:programs_program_import", csv)
    assert preview.status_code == 200
    assertContains(preview, "Confirm import")
    assertContains(preview, "ex-one")
    assert not Program.objects.filter(slug__in=["ex-one", "ex-two"]).exists()

    done = _confirm(editor_client, "admin:programs_program_process_import", preview)
    assert done.status_code == 302
    assert set(Program.objects.values_list("slug", flat=True)) >= {"ex-one", "ex-two"}
    program = Program.objects.get(slug="ex-one")
    assert (program.months, program.state, program.total_cost, program.has_externship) == (10, "OH", 12500, True)


def test_a_bad_row_is_named_and_nothing_from_the_file_is_saved(editor_client):
    csv = "\n".join(
        [
            PROGRAM_HEADER,
            _program_row("ex-good"),
            _program_row("ex-too-long", months="400"),
            _program_row("ex-bad-format", delivery_format="by-pigeon"),
        ]
    )
    preview = _upload(editor_client, "admin:programs_program_import", csv)
    assert preview.status_code == 200
    assertContains(preview, "Some rows failed to validate")
    errors = _error_rows(preview)
    assert [row for row, _ in errors] == ["2", "3"]
    assert "between 1 and 60 months" in errors[0][1]
    assert "not a valid choice" in errors[1][1]
    assertNotContains(preview, "Confirm import")
    assert not Program.objects.filter(slug__startswith="ex-").exists()


def test_the_import_is_one_transaction():
    # Even a real (not dry-run) import, as the confirm step runs it, keeps no row when one row fails.
    from careerpath.admin import WageFigureResource
    from programs.admin import ProgramResource

    assert ProgramResource()._meta.use_transactions is True
    assert WageFigureResource()._meta.use_transactions is True
    import tablib

    dataset = tablib.Dataset(
        *[row.split(",") for row in [_program_row("ex-first"), _program_row("ex-first-dup")]],
        headers=PROGRAM_HEADER.split(","),
    )
    dataset.append(_program_row("ex-last", state="OHIO").split(","))
    result = ProgramResource().import_data(dataset, dry_run=False, raise_errors=False)
    assert result.has_errors() or result.has_validation_errors()
    assert not Program.objects.filter(slug__startswith="ex-").exists()


def test_wage_figures_round_trip_through_csv_export_and_import(editor_client):
    export = editor_client.post(
        reverse("admin:careerpath_wagefigure_export"),
        {"format": "0", "resource": "0", **_all_export_fields()},
    )
    assert export.status_code == 200
    text = export.content.decode()
    assert text.splitlines()[0].startswith("occupation,reference_year,median_annual_wage")
    assert "medical-assistants,2021,37190" in text.replace('"', "")

    changed = text.replace("medical-assistants,2021,37190", "medical-assistants,2021,37200")
    preview = _upload(editor_client, "admin:careerpath_wagefigure_import", changed)
    assertContains(preview, "Confirm import")
    _confirm(editor_client, "admin:careerpath_wagefigure_process_import", preview)
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
    preview = _upload(editor_client, "admin:careerpath_wagefigure_import", csv)
    errors = _error_rows(preview)
    assert [row for row, _ in errors] == ["2"]
    assert "between 1990 and 2100" in errors[0][1]
    assertNotContains(preview, "Confirm import")
    assert WageFigure.objects.count() == count


def test_a_wage_for_an_unknown_occupation_names_the_line_and_the_slug(editor_client):
    count = WageFigure.objects.count()
    csv = "\n".join([WAGE_HEADER, "no-such-occupation,2024,40000,May 2024,bls-2021-via-article"])
    preview = _upload(editor_client, "admin:careerpath_wagefigure_import", csv)
    assertContains(preview, "Line number: 1 - No occupation has the slug “no-such-occupation”.")
    assertNotContains(preview, "Confirm import")
    assert WageFigure.objects.count() == count


def _all_export_fields():
    from careerpath.admin import WageFigureResource

    return {f"wagefigureresource_{name}": "on" for name in WageFigureResource._meta.fields}


def _error_rows(response):
    """(row number, error text) for every row the preview lists as failing."""
    html = response.content.decode()
    rows = re.findall(r'<td>(\d+) </td>\s*<td class="errors">(.*?)</td>', html, re.S)
    return [(number, re.sub(r"<[^>]+>|\s+", " ", text)) for number, text in rows]


def test_a_confirmed_import_is_in_each_changed_rows_history(editor_client):
    from reversion.models import Version

    wage = WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2021)
    before = Version.objects.get_for_object(wage).count()
    csv = "\n".join([WAGE_HEADER, "medical-assistants,2021,37300,May 2021,bls-2021-via-article"])
    preview = _upload(editor_client, "admin:careerpath_wagefigure_import", csv)
    assert Version.objects.get_for_object(wage).count() == before  # a preview changes nothing
    _confirm(editor_client, "admin:careerpath_wagefigure_process_import", preview)

    versions = Version.objects.get_for_object(wage)
    assert versions.count() == before + 1
    assert versions.first().revision.comment == "Imported from rows.csv"
    assert versions.first().revision.user.username == "editor"
    history = editor_client.get(reverse("admin:careerpath_wagefigure_history", args=[wage.pk]))
    assertContains(history, "Imported from rows.csv")


def test_a_refused_import_leaves_no_history():
    from reversion.models import Revision

    before = Revision.objects.count()
    csv = "\n".join([PROGRAM_HEADER, _program_row("ex-fine"), _program_row("ex-bad", months="400")])
    import tablib

    from programs.admin import ProgramResource

    dataset = tablib.Dataset(*[row.split(",") for row in csv.splitlines()[1:]], headers=PROGRAM_HEADER.split(","))
    result = ProgramResource().import_data(dataset, dry_run=False, raise_errors=False, file_name="rows.csv")
    assert result.has_validation_errors()
    assert not Program.objects.filter(slug__startswith="ex-").exists()
    assert Revision.objects.count() == before
