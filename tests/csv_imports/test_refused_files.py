"""A file too big, too long or listing a key twice is refused whole, before any row is read or the file is kept."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from programs.models import Program

from .files import (
    PROGRAM_HEADER,
    WAGE_HEADER,
    program_row,
    upload,
)

pytestmark = pytest.mark.usefixtures("seeded")


def test_a_file_with_two_rows_for_the_same_key_is_refused_naming_both(editor_client):
    csv = "\n".join(
        [
            PROGRAM_HEADER,
            program_row("ex-a"),
            program_row("ex-twice"),
            program_row("ex-b"),
            program_row("ex-twice", months="12"),
        ]
    )
    preview = upload(editor_client, "admin:programs_program_import", csv)
    assertContains(preview, "Rows 2 and 4 both have slug “ex-twice”")
    assertNotContains(preview, "Confirm import")
    assert not Program.objects.filter(slug__startswith="ex-").exists()

    wages = "\n".join(
        [
            WAGE_HEADER,
            "medical-assistants,2021,1,May 2021,bls-2021-via-article",
            "medical-assistants,2021,2,May 2021,bls-2021-via-article",
        ]
    )
    preview = upload(editor_client, "admin:careers_wagefigure_import", wages)
    assertContains(preview, "Rows 1 and 2 both have occupation “medical-assistants”, reference_year “2021”")
    assertNotContains(preview, "Confirm import")


@pytest.fixture
def stored_previews():
    """Every import preview saved during the test, even if deleted again."""
    from django.db.models.signals import post_save

    from content.models import ImportPreview

    saved = []

    def remember(sender, instance, **kwargs):
        saved.append(instance.name)

    post_save.connect(remember, sender=ImportPreview)
    yield saved
    post_save.disconnect(remember, sender=ImportPreview)


def test_a_file_over_2_mb_is_refused_before_any_work(editor_client, stored_previews):

    padding = "x" * 1000
    row = program_row("ex-big").replace("Exampleville", padding)
    csv = "\n".join([PROGRAM_HEADER] + [row.replace("ex-big", f"ex-big-{n}") for n in range(2200)])
    assert len(csv.encode()) > 2 * 1024 * 1024
    response = upload(editor_client, "admin:programs_program_import", csv)
    assert response.status_code == 200
    assertContains(response, "the limit is 2.0 MB")
    assertNotContains(response, "Confirm import")
    assert stored_previews == []  # refused before the file was even stored


def test_a_file_over_5000_rows_is_refused_before_any_work(editor_client, stored_previews):

    row = program_row("ex-N")
    csv = "\n".join([PROGRAM_HEADER] + [row.replace("ex-N", f"ex-{n}") for n in range(5001)])
    response = upload(editor_client, "admin:programs_program_import", csv)
    assertContains(response, "This file has 5,001 rows; at most 5,000 can be imported at once")
    assertNotContains(response, "Confirm import")
    assert stored_previews == []  # refused before the file was even stored


def test_a_file_of_exactly_the_most_rows_is_previewed_and_one_more_row_is_refused(editor_client, monkeypatch):
    # The limit lowered to three rows keeps this quick; the real limit's refusal is the test above, and
    # the time a 5,000-row preview takes is measured by `make bench` (scripts/bench.py).
    monkeypatch.setattr("content.csv_imports.checks.MAX_IMPORT_ROWS", 3)
    rows = [program_row(f"ex-{n}") for n in range(4)]

    preview = upload(editor_client, "admin:programs_program_import", "\n".join([PROGRAM_HEADER, *rows[:3]]))
    assertContains(preview, "Confirm import")
    assert preview.content.decode().count('class="new"') == 3

    refused = upload(editor_client, "admin:programs_program_import", "\n".join([PROGRAM_HEADER, *rows]))
    assertContains(refused, "This file has 4 rows; at most 3 can be imported at once")
    assertNotContains(refused, "Confirm import")


def _refused_and_not_kept(response, words):
    from content.csv_imports.previews import ImportPreview

    assertContains(response, words)
    assertNotContains(response, "Confirm import")
    assert not ImportPreview.objects.exists(), "a refused file was kept as a preview"


def test_a_file_with_the_wrong_header_names_the_missing_columns(editor_client):
    csv = "occupation,year,median,period,source\nmedical-assistants,2021,37200,May 2021,bls-2021-via-article\n"
    response = upload(editor_client, "admin:careers_wagefigure_import", csv)
    _refused_and_not_kept(
        response, "The file&#x27;s first row lacks the columns “reference_year”, “median_annual_wage” and has “year”"
    )
    assertNotContains(response, "cannot be null")


def test_a_cell_longer_than_any_field_is_named_as_such(editor_client):
    csv = f"{WAGE_HEADER}\nmedical-assistants,2021,37200,{'M' * 200_000},bls-2021-via-article\n"
    response = upload(editor_client, "admin:careers_wagefigure_import", csv)
    _refused_and_not_kept(response, "Row 1, column “reference_period”: the cell holds 200,000 characters")


def test_a_nul_byte_is_refused_not_stripped(editor_client):
    csv = f"{WAGE_HEADER}\nmedical-assistants,2021,37200,May\x00 2021,bls-2021-via-article\n"
    response = upload(editor_client, "admin:careers_wagefigure_import", csv)
    _refused_and_not_kept(response, "Line 2 of the file holds a NUL character")


def test_a_file_that_cannot_be_read_is_not_kept(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    not_utf8 = WAGE_HEADER.encode() + b"\nmedical-assistants,2021,37200,May 2021 \xc3\x28,bls-2021-via-article\n"
    response = editor_client.post(
        reverse("admin:careers_wagefigure_import"),
        {"format": "0", "resource": "0", "import_file": SimpleUploadedFile("rows.csv", not_utf8, "text/csv")},
    )
    _refused_and_not_kept(response, "could not be read as CSV")
