"""An editor imports programs and wage figures as CSV: preview first, row errors shown, all or nothing."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from careers.models import WageFigure
from programs.models import Program

pytestmark = pytest.mark.usefixtures("seeded")

WAGE_HEADER = "occupation,reference_year,median_annual_wage,reference_period,source"
PROGRAM_HEADER = (
    "institution,name,slug,city,state,delivery_format,path,accreditor,total_cost,months,"
    "has_externship,has_placement_help,website,last_verified,is_example"
)


def _program_row(slug, *, months="10", state="OH", delivery_format="hybrid"):
    from certifications.models import Accreditor
    from programs.models import EducationPath

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
    from careers.admin import WageFigureResource
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
        reverse("admin:careers_wagefigure_export"),
        {"format": "0", "resource": "0", **_all_export_fields()},
    )
    assert export.status_code == 200
    text = export.content.decode()
    assert text.splitlines()[0].startswith("occupation,reference_year,median_annual_wage")
    assert "medical-assistants,2021,37190" in text.replace('"', "")

    changed = text.replace("medical-assistants,2021,37190", "medical-assistants,2021,37200")
    preview = _upload(editor_client, "admin:careers_wagefigure_import", changed)
    assertContains(preview, "Confirm import")
    _confirm(editor_client, "admin:careers_wagefigure_process_import", preview)
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
    preview = _upload(editor_client, "admin:careers_wagefigure_import", csv)
    errors = _error_rows(preview)
    assert [row for row, _ in errors] == ["2"]
    assert "between 1990 and 2100" in errors[0][1]
    assertNotContains(preview, "Confirm import")
    assert WageFigure.objects.count() == count


def test_a_wage_for_an_unknown_occupation_names_the_line_and_the_slug(editor_client):
    count = WageFigure.objects.count()
    csv = "\n".join([WAGE_HEADER, "no-such-occupation,2024,40000,May 2024,bls-2021-via-article"])
    preview = _upload(editor_client, "admin:careers_wagefigure_import", csv)
    assertContains(preview, "Line number: 1 - No occupation has the slug “no-such-occupation”.")
    assertNotContains(preview, "Confirm import")
    assert WageFigure.objects.count() == count


def _all_export_fields():
    from careers.admin import WageFigureResource

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
    preview = _upload(editor_client, "admin:careers_wagefigure_import", csv)
    assert Version.objects.get_for_object(wage).count() == before  # a preview changes nothing
    _confirm(editor_client, "admin:careers_wagefigure_process_import", preview)

    versions = Version.objects.get_for_object(wage)
    assert versions.count() == before + 1
    assert versions.first().revision.comment == "Imported from rows.csv"
    assert versions.first().revision.user.username == "editor"
    history = editor_client.get(reverse("admin:careers_wagefigure_history", args=[wage.pk]))
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


# --- Previews wait in the database, bound to the editor's session -----------------------------


def _wage_csv(value):
    return "\n".join([WAGE_HEADER, f"medical-assistants,2021,{value},May 2021,bls-2021-via-article"])


def _wage():
    return WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2021)


def _assert_refused(response, status, words):
    from django.contrib.messages import get_messages

    assert response.status_code == status
    text = response.content.decode()
    assert words in text
    assert "Import finished" not in text
    assert not [m for m in get_messages(response.wsgi_request) if "Import finished" in str(m)]
    assert "Traceback" not in text and "Error:" not in text and "Exception" not in text


def test_a_preview_waits_in_the_database_and_survives_the_cache_being_emptied(editor_client):
    from django.core.cache import cache

    from content.models import ImportPreview

    preview = _upload(editor_client, "admin:careers_wagefigure_import", _wage_csv(37400))
    assertContains(preview, "Confirm import")
    stored = ImportPreview.objects.get()
    assert stored.original_name == "rows.csv" and stored.user.username == "editor" and stored.session_hash
    cache.clear()  # an eviction, a Redis restart, or another instance answering the confirm

    done = _confirm(editor_client, "admin:careers_wagefigure_process_import", preview)
    assert done.status_code == 302
    assert _wage().median_annual_wage == 37400
    assert not ImportPreview.objects.exists()  # a confirmed preview is used up


def test_a_preview_cannot_be_confirmed_from_another_session(editor_client, client, django_user_model):
    from django.test import Client

    preview = _upload(editor_client, "admin:careers_wagefigure_import", _wage_csv(37500))
    other = Client()
    other.force_login(django_user_model.objects.get(username="editor"))  # same editor, another browser
    refused = _confirm(other, "admin:careers_wagefigure_process_import", preview)
    _assert_refused(refused, 403, "made in another sign-in session")
    assert _wage().median_annual_wage == 37190

    # The editor who previewed it can still confirm it.
    assert _confirm(editor_client, "admin:careers_wagefigure_process_import", preview).status_code == 302
    assert _wage().median_annual_wage == 37500


def test_an_expired_preview_is_refused_in_plain_words(editor_client):
    import datetime

    from content.models import ImportPreview

    preview = _upload(editor_client, "admin:careers_wagefigure_import", _wage_csv(37600))
    ImportPreview.objects.update(expires_at=ImportPreview.objects.get().created_at - datetime.timedelta(seconds=1))
    refused = _confirm(editor_client, "admin:careers_wagefigure_process_import", preview)
    _assert_refused(refused, 410, "This preview has expired")
    assert _wage().median_annual_wage == 37190


def test_previews_expire_after_an_hour_and_a_command_removes_them(editor_client):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from content.models import ImportPreview

    _upload(editor_client, "admin:careers_wagefigure_import", _wage_csv(37600))
    _upload(editor_client, "admin:careers_wagefigure_import", _wage_csv(37700))
    old, recent = ImportPreview.objects.order_by("created_at")
    lifetime = recent.expires_at - recent.created_at
    assert datetime.timedelta(minutes=59) < lifetime <= datetime.timedelta(hours=1)
    ImportPreview.objects.filter(pk=old.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    call_command("clear_import_previews", verbosity=0)
    assert list(ImportPreview.objects.values_list("pk", flat=True)) == [recent.pk]


@pytest.mark.parametrize(
    "tamper",
    [
        {"format": "7"},
        {"resource": "3"},
        {"format": "csv"},
        {"import_file_name": ""},
        {"original_file_name": "somebody-else.csv"},
    ],
    ids=["format-out-of-range", "resource-out-of-range", "format-not-a-number", "no-file", "renamed"],
)
def test_a_tampered_confirm_form_imports_nothing_and_says_so(editor_client, tamper):
    from reversion.models import Revision

    revisions = Revision.objects.count()
    preview = _upload(editor_client, "admin:careers_wagefigure_import", _wage_csv(37800))
    html = preview.content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    fields.pop("csrfmiddlewaretoken", None)
    refused = editor_client.post(reverse("admin:careers_wagefigure_process_import"), {**fields, **tamper})
    _assert_refused(refused, 400, "The confirmation form was incomplete or had been altered")
    assert _wage().median_annual_wage == 37190
    assert Revision.objects.count() == revisions


def test_a_preview_that_names_an_unknown_file_is_refused(editor_client):
    preview = _upload(editor_client, "admin:careers_wagefigure_import", _wage_csv(37800))
    html = preview.content.decode().replace('name="import_file_name" value="', 'name="import_file_name" value="x')
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    fields.pop("csrfmiddlewaretoken", None)
    refused = editor_client.post(reverse("admin:careers_wagefigure_process_import"), fields)
    _assert_refused(refused, 410, "expired (a preview is kept for one hour) or was already used")


def test_a_confirm_after_the_data_changed_imports_nothing_and_records_no_history(editor_client):
    from django.contrib.admin.models import LogEntry
    from reversion.models import Revision

    preview = _upload(editor_client, "admin:careers_wagefigure_import", _wage_csv(37900))
    assertContains(preview, "Confirm import")
    WageFigure.objects.filter(pk=_wage().pk).update(median_annual_wage=38000)  # another editor, meanwhile
    revisions, entries = Revision.objects.count(), LogEntry.objects.count()

    refused = _confirm(editor_client, "admin:careers_wagefigure_process_import", preview)
    _assert_refused(refused, 409, "The data changed since the preview")
    assert _wage().median_annual_wage == 38000
    assert (Revision.objects.count(), LogEntry.objects.count()) == (revisions, entries)


def test_a_confirm_whose_rows_became_invalid_names_them_and_imports_nothing(editor_client):
    from reversion.models import Revision

    from certifications.models import Accreditor
    from content.models import Source

    accreditor = Accreditor.objects.create(
        name="Short-lived Accreditor", abbreviation="SLA", slug="sla", source=Source.objects.first()
    )
    first = Accreditor.objects.order_by("pk").first().slug
    csv = "\n".join([PROGRAM_HEADER, _program_row("ex-one").replace(f",{first},", ",sla,")])
    preview = _upload(editor_client, "admin:programs_program_import", csv)
    assertContains(preview, "Confirm import")
    accreditor.delete()
    revisions = Revision.objects.count()

    refused = _confirm(editor_client, "admin:programs_program_process_import", preview)
    _assert_refused(refused, 409, "Some rows are no longer valid")
    assertContains(refused, "No accreditor has the slug “sla”", status_code=409)
    assert not Program.objects.filter(slug="ex-one").exists()
    assert Revision.objects.count() == revisions


def test_an_unreadable_file_gets_a_plain_message_without_an_exception_name(editor_client):
    response = editor_client.post(
        reverse("admin:careers_wagefigure_import"),
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile("rows.csv", b"\xff\xfe\x00\x81\x82 not text", content_type="text/csv"),
        },
    )
    assert response.status_code == 200
    assertContains(response, "This file could not be read as CSV")
    assertNotContains(response, "Error")
    assertNotContains(response, "Exception")


def test_a_row_error_never_shows_an_exception_class_or_traceback(editor_client):
    csv = "\n".join([PROGRAM_HEADER, _program_row("ex-cost").replace(",12500,", ",12 500 dollars,")])
    preview = _upload(editor_client, "admin:programs_program_import", csv)
    text = preview.content.decode()
    assert "<class" not in text and "&lt;class" not in text
    assert "Traceback" not in text and "decimal." not in text
    assertNotContains(preview, "Confirm import")


# --- Exports are formula-safe and re-import unchanged -------------------------------------------

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
    from content.spreadsheet import escape_formula

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

    preview = _upload(editor_client, "admin:programs_program_import", text)
    assertContains(preview, "Confirm import")
    assert 'class="update"' not in preview.content.decode()  # every row is unchanged, so skipped
    assert _confirm(editor_client, "admin:programs_program_process_import", preview).status_code == 302
    after = {p.slug: model_to_dict(p) for p in Program.objects.filter(slug__startswith="ex-formula-")}
    assert after == before


def test_a_cell_that_looks_like_a_formula_is_flagged_in_the_preview(editor_client):
    csv = "\n".join(
        [
            PROGRAM_HEADER,
            _program_row("ex-plain"),
            _program_row("ex-formula").replace("Exampleville", "=cmd|' /C calc'!A0"),
        ]
    )
    preview = _upload(editor_client, "admin:programs_program_import", csv)
    assertContains(preview, "Confirm import")
    assertContains(preview, "they look like spreadsheet formulas")
    assertContains(preview, "Row 2, column “city”")
    assertNotContains(preview, "Row 1, column")


# --- Files that are refused whole ----------------------------------------------------------------


def test_a_file_with_two_rows_for_the_same_key_is_refused_naming_both(editor_client):
    csv = "\n".join(
        [
            PROGRAM_HEADER,
            _program_row("ex-a"),
            _program_row("ex-twice"),
            _program_row("ex-b"),
            _program_row("ex-twice", months="12"),
        ]
    )
    preview = _upload(editor_client, "admin:programs_program_import", csv)
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
    preview = _upload(editor_client, "admin:careers_wagefigure_import", wages)
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
    row = _program_row("ex-big").replace("Exampleville", padding)
    csv = "\n".join([PROGRAM_HEADER] + [row.replace("ex-big", f"ex-big-{n}") for n in range(2200)])
    assert len(csv.encode()) > 2 * 1024 * 1024
    response = _upload(editor_client, "admin:programs_program_import", csv)
    assert response.status_code == 200
    assertContains(response, "the limit is 2.0 MB")
    assertNotContains(response, "Confirm import")
    assert stored_previews == []  # refused before the file was even stored


def test_a_file_over_5000_rows_is_refused_before_any_work(editor_client, stored_previews):

    row = _program_row("ex-N")
    csv = "\n".join([PROGRAM_HEADER] + [row.replace("ex-N", f"ex-{n}") for n in range(5001)])
    response = _upload(editor_client, "admin:programs_program_import", csv)
    assertContains(response, "This file has 5,001 rows; at most 5,000 can be imported at once")
    assertNotContains(response, "Confirm import")
    assert stored_previews == []  # refused before the file was even stored


def test_a_preview_of_5000_programs_takes_under_10_seconds(editor_client):
    import time

    row = _program_row("ex-N")
    csv = "\n".join([PROGRAM_HEADER] + [row.replace("ex-N", f"ex-{n}") for n in range(5000)])
    started = time.perf_counter()
    preview = _upload(editor_client, "admin:programs_program_import", csv)
    assert preview.content  # rendered in full
    elapsed = time.perf_counter() - started
    assertContains(preview, "Confirm import")
    assert preview.content.decode().count('class="new"') == 5000
    assert elapsed < 10, f"a 5,000-row preview took {elapsed:.1f} s"


def test_a_preview_upload_or_its_expiry_leaves_cached_pages_in_place_and_only_the_import_replaces_them(
    editor_client, committed
):
    """A preview is not content: storing or deleting one must not throw away every worker's cached pages."""
    from django.db import connection
    from django.test import Client

    from careerpath.page_cache import content_version
    from content.previews import ImportPreview

    visitor, page = Client(), "/careers/salaries/history/medical-assistants/"
    assertContains(visitor.get(page), "37,190")
    wage = WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2021, area="US")
    with connection.cursor() as cursor:  # behind the site's back: only a cached page still shows 37,190
        cursor.execute(f"UPDATE {WageFigure._meta.db_table} SET median_annual_wage = 37195 WHERE id = %s", [wage.pk])
    version = content_version()
    export = editor_client.post(
        reverse("admin:careers_wagefigure_export"), {"format": "0", "resource": "0", **_all_export_fields()}
    )
    changed = export.content.decode().replace("medical-assistants,2021,37195", "medical-assistants,2021,37200")

    preview = _upload(editor_client, "admin:careers_wagefigure_import", changed)
    assertContains(preview, "Confirm import")
    assert ImportPreview.objects.count() == 1
    assert content_version() == version
    assertContains(visitor.get(page), "37,190")
    ImportPreview.objects.all().delete()  # as an expired preview is cleared
    assert content_version() == version
    assertContains(visitor.get(page), "37,190")

    preview = _upload(editor_client, "admin:careers_wagefigure_import", changed)
    with committed():
        _confirm(editor_client, "admin:careers_wagefigure_process_import", preview)
    assert content_version() != version
    assertContains(visitor.get(page), "37,200")
