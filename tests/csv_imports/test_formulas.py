"""Exports write formula-like cells as the public CSVs do; an exported file re-imports unchanged; previews flag them."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from programs.models import Program

from .files import (
    PROGRAM_HEADER,
    confirm,
    program_row,
    upload,
)

pytestmark = pytest.mark.usefixtures("seeded")

FORMULA_NAMES = ["=HYPERLINK(1)", "+1 555", "-minus", "@SUM(A1)", "\ttabbed", "\rreturned", "'=already quoted"]


def _all_program_export_fields():
    from programs.admin import ProgramResource

    return {f"programresource_{name}": "on" for name in ProgramResource().fields}


def _export_programs(client):
    import csv
    import io

    response = client.post(
        reverse("admin:programs_program_export"), {"format": "0", "resource": "0", **_all_program_export_fields()}
    )
    assert response.status_code == 200
    return response.content.decode(), list(csv.DictReader(io.StringIO(response.content.decode(), newline="")))


def _programs_with_formula_names(make_program):
    for number, name in enumerate(FORMULA_NAMES):
        make_program(
            f"ex-formula-{number}",
            institution=f"-Institution {number}",
            name=name,
            city="@City",
            delivery_format=Program.Format.ONLINE,
            months=9,
            total_cost=9000,
        )
    return {p.slug: p for p in Program.objects.filter(slug__startswith="ex-formula-")}


def test_an_admin_export_escapes_formulas_as_the_public_csv_does(editor_client, make_program):
    from content.csv_imports.spreadsheet import escape_formula

    _programs_with_formula_names(make_program)
    _text, rows = _export_programs(editor_client)
    names = {row["slug"]: row["name"] for row in rows}
    assert names["ex-formula-0"] == "'=HYPERLINK(1)"
    assert [names[f"ex-formula-{n}"] for n in range(len(FORMULA_NAMES))] == [
        "'=HYPERLINK(1)",
        "'+1 555",
        "'-minus",
        "'@SUM(A1)",
        "'\ttabbed",
        "'\rreturned",
        "''=already quoted",
    ]
    assert {row["city"] for row in rows if row["slug"].startswith("ex-formula-")} == {"'@City"}
    # One rule for both: the public salary CSV's function is the admin's.
    from careers.views import salaries

    assert salaries.escape_formula is escape_formula
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_an_exported_file_re_imports_unchanged(editor_client, make_program):
    from django.forms.models import model_to_dict

    before = {slug: model_to_dict(p) for slug, p in _programs_with_formula_names(make_program).items()}
    text, _rows = _export_programs(editor_client)

    preview = upload(editor_client, "admin:programs_program_import", text)
    assertContains(preview, "Confirm import")
    assert 'class="update"' not in preview.content.decode()  # every row is unchanged, so skipped
    assert confirm(editor_client, "admin:programs_program_process_import", preview).status_code == 302
    after = {p.slug: model_to_dict(p) for p in Program.objects.filter(slug__startswith="ex-formula-")}
    assert after == before


def test_a_cell_that_looks_like_a_formula_is_flagged_in_the_preview(editor_client):
    csv = "\n".join(
        [
            PROGRAM_HEADER,
            program_row("ex-plain"),
            program_row("ex-formula").replace("Exampleville", "=cmd|' /C calc'!A0"),
        ]
    )
    preview = upload(editor_client, "admin:programs_program_import", csv)
    assertContains(preview, "Confirm import")
    assertContains(preview, "they look like spreadsheet formulas")
    assertContains(preview, "Row 2, column “city”")
    assertNotContains(preview, "Row 1, column")
