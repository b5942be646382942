"""A preview waits in the database for its editor's confirm; any other confirm imports nothing and says why plainly."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from careers.models import WageFigure
from programs.models import Program

from .files import (
    PROGRAM_HEADER,
    assert_refused,
    confirm,
    medical_assistants_2021,
    program_row,
    upload,
    wage_csv,
)

pytestmark = pytest.mark.usefixtures("seeded")


def test_a_preview_waits_in_the_database_and_survives_the_cache_being_emptied(editor_client):
    from django.core.cache import cache

    from content.models import ImportPreview

    preview = upload(editor_client, "admin:careers_wagefigure_import", wage_csv(37400))
    assertContains(preview, "Confirm import")
    stored = ImportPreview.objects.get()
    assert stored.original_name == "rows.csv" and stored.user.username == "editor" and stored.session_hash
    cache.clear()  # an eviction, a Redis restart, or another instance answering the confirm

    done = confirm(editor_client, "admin:careers_wagefigure_process_import", preview)
    assert done.status_code == 302
    assert medical_assistants_2021().median_annual_wage == 37400
    assert not ImportPreview.objects.exists()  # a confirmed preview is used up


def test_a_preview_cannot_be_confirmed_from_another_session(editor_client, client, django_user_model):
    from django.test import Client

    preview = upload(editor_client, "admin:careers_wagefigure_import", wage_csv(37500))
    other = Client()
    other.force_login(django_user_model.objects.get(username="editor"))  # same editor, another browser
    refused = confirm(other, "admin:careers_wagefigure_process_import", preview)
    assert_refused(refused, 403, "made in another sign-in session")
    assert medical_assistants_2021().median_annual_wage == 37190

    # The editor who previewed it can still confirm it.
    assert confirm(editor_client, "admin:careers_wagefigure_process_import", preview).status_code == 302
    assert medical_assistants_2021().median_annual_wage == 37500


def test_an_expired_preview_is_refused_in_plain_words(editor_client):
    import datetime

    from content.models import ImportPreview

    preview = upload(editor_client, "admin:careers_wagefigure_import", wage_csv(37600))
    ImportPreview.objects.update(expires_at=ImportPreview.objects.get().created_at - datetime.timedelta(seconds=1))
    refused = confirm(editor_client, "admin:careers_wagefigure_process_import", preview)
    assert_refused(refused, 410, "This preview has expired")
    assert medical_assistants_2021().median_annual_wage == 37190


def test_previews_expire_after_an_hour_and_a_command_removes_them(editor_client):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from content.models import ImportPreview

    upload(editor_client, "admin:careers_wagefigure_import", wage_csv(37600))
    upload(editor_client, "admin:careers_wagefigure_import", wage_csv(37700))
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
    preview = upload(editor_client, "admin:careers_wagefigure_import", wage_csv(37800))
    html = preview.content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    fields.pop("csrfmiddlewaretoken", None)
    refused = editor_client.post(reverse("admin:careers_wagefigure_process_import"), {**fields, **tamper})
    assert_refused(refused, 400, "The confirmation form was incomplete or had been altered")
    assert medical_assistants_2021().median_annual_wage == 37190
    assert Revision.objects.count() == revisions


def test_a_preview_that_names_an_unknown_file_is_refused(editor_client):
    preview = upload(editor_client, "admin:careers_wagefigure_import", wage_csv(37800))
    html = preview.content.decode().replace('name="import_file_name" value="', 'name="import_file_name" value="x')
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    fields.pop("csrfmiddlewaretoken", None)
    refused = editor_client.post(reverse("admin:careers_wagefigure_process_import"), fields)
    assert_refused(refused, 410, "expired (a preview is kept for one hour) or was already used")


def test_a_confirm_after_the_data_changed_imports_nothing_and_records_no_history(editor_client):
    from django.contrib.admin.models import LogEntry
    from reversion.models import Revision

    preview = upload(editor_client, "admin:careers_wagefigure_import", wage_csv(37900))
    assertContains(preview, "Confirm import")
    WageFigure.objects.filter(pk=medical_assistants_2021().pk).update(
        median_annual_wage=38000
    )  # another editor, meanwhile
    revisions, entries = Revision.objects.count(), LogEntry.objects.count()

    refused = confirm(editor_client, "admin:careers_wagefigure_process_import", preview)
    assert_refused(refused, 409, "The data changed since the preview")
    assert medical_assistants_2021().median_annual_wage == 38000
    assert (Revision.objects.count(), LogEntry.objects.count()) == (revisions, entries)


def test_a_confirm_whose_rows_became_invalid_names_them_and_imports_nothing(editor_client):
    from reversion.models import Revision

    from certifications.models import Accreditor
    from content.models import Source

    accreditor = Accreditor.objects.create(
        name="Short-lived Accreditor", abbreviation="SLA", slug="sla", source=Source.objects.first()
    )
    first = Accreditor.objects.order_by("pk").first().slug
    csv = "\n".join([PROGRAM_HEADER, program_row("ex-one").replace(f",{first},", ",sla,")])
    preview = upload(editor_client, "admin:programs_program_import", csv)
    assertContains(preview, "Confirm import")
    accreditor.delete()
    revisions = Revision.objects.count()

    refused = confirm(editor_client, "admin:programs_program_process_import", preview)
    assert_refused(refused, 409, "Some rows are no longer valid")
    assertContains(refused, "No accreditor has the slug “sla”", status_code=409)
    assert not Program.objects.filter(slug="ex-one").exists()
    assert Revision.objects.count() == revisions


def test_an_unreadable_file_gets_a_plain_message_without_an_exception_name(editor_client):
    response = editor_client.post(
        reverse("admin:careers_wagefigure_import"),
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile("rows.csv", b"\xff\xfe\x81\x82 not text", content_type="text/csv"),
        },
    )
    assert response.status_code == 200
    assertContains(response, "This file could not be read as CSV")
    assertNotContains(response, "Error")
    assertNotContains(response, "Exception")


def test_a_row_error_never_shows_an_exception_class_or_traceback(editor_client):
    csv = "\n".join([PROGRAM_HEADER, program_row("ex-cost").replace(",12500,", ",12 500 dollars,")])
    preview = upload(editor_client, "admin:programs_program_import", csv)
    text = preview.content.decode()
    assert "<class" not in text and "&lt;class" not in text
    assert "Traceback" not in text and "decimal." not in text
    assertNotContains(preview, "Confirm import")
