"""When a stored page is thrown away: every committed write to content starts a new content version, once
per transaction and only after the commit; raw SQL needs `manage.py bump_content_version`.

Two real gunicorn workers seeing each other's edits: tests/test_workers.py.
"""

from unittest import mock

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from careerpath import page_cache
from careerpath.page_cache import content_version
from careers.models import WageFigure
from tests.test_page_cache import _set_wage_behind_the_sites_back

pytestmark = pytest.mark.usefixtures("seeded")


def test_an_editor_changing_a_wage_in_the_admin_shows_on_the_very_next_request(editor_client, committed):
    client = Client()  # an anonymous visitor, beside the signed-in editor
    assertContains(client.get("/"), "$44,200")
    _set_wage_behind_the_sites_back(44200)  # unchanged value: only the admin save may invalidate
    wage = WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2024, area="US")
    with committed():
        response = editor_client.post(
            reverse("admin:careers_wagefigure_change", args=[wage.pk]),
            {
                "occupation": wage.occupation_id,
                "area": "US",
                "median_annual_wage": "45123",
                "reference_year": "2024",
                "reference_period": "May 2024",
                "source": wage.source_id,
            },
        )
    assert response.status_code == 302
    page = client.get("/")
    assertContains(page, "$45,123")
    assertNotContains(page, "$44,200")
    assertContains(client.get("/careers/salaries/"), "45,123")


def test_loading_fixtures_invalidates_every_cached_page(client, committed):
    before = content_version()
    assertContains(client.get("/"), "$44,200")
    _set_wage_behind_the_sites_back(45000)
    with committed():
        call_command("load_content", verbosity=0)  # puts the seeded 44,200 back and must drop the cache
    assert content_version() != before
    assertContains(client.get("/"), "$44,200")


def test_a_bulk_update_also_invalidates(client, committed):
    assertContains(client.get("/"), "$44,200")
    with committed():
        WageFigure.objects.filter(occupation__slug="medical-assistants", reference_year=2024, area="US").update(
            median_annual_wage=46000
        )
    assertContains(client.get("/"), "$46,000")


def test_the_etag_changes_when_the_content_does(client, committed):
    etag = client.get("/").headers["ETag"]
    wage = WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2024, area="US")
    with committed():
        wage.median_annual_wage = 47000
        wage.save()
    response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assertContains(response, "$47,000")


def test_the_version_is_per_process_only_for_local_memory_and_then_lives_in_a_file_every_worker_reads(settings):
    from pathlib import Path

    from careerpath.page_cache import bump_content_version, version_is_shared

    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        assert not version_is_shared()
        bumped = bump_content_version()
        assert Path(settings.PAGE_CACHE_VERSION_FILE).read_text() == bumped == content_version()
    else:
        assert version_is_shared()
        version = content_version()  # read (or set) first: each test starts on an emptied cache
        assert caches["default"].get("content-version") == version


def test_a_write_inside_a_transaction_bumps_the_version_only_when_it_commits(client, committed):
    from django.db import transaction

    before = content_version()
    with committed(), transaction.atomic():
        for wage in WageFigure.objects.all():
            wage.median_annual_wage += 1
            wage.save()
        # A request now (from another connection) would render the old rows: they must not be stored
        # under the version that the commit is about to start.
        assert content_version() == before
    after = content_version()
    assert after != before


def test_a_transaction_that_rolls_back_leaves_the_version_alone(committed):
    from django.db import transaction

    before = content_version()
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        WageFigure.objects.update(median_annual_wage=1)
        raise RuntimeError("the editor's save failed")
    assert content_version() == before


def test_many_writes_in_one_transaction_bump_the_version_once(committed):
    from django.db import transaction

    with mock.patch("careerpath.page_cache.bump_content_version", wraps=page_cache.bump_content_version) as bump:
        with committed(), transaction.atomic():
            for wage in WageFigure.objects.all():
                wage.save()
            WageFigure.objects.update(median_annual_wage=45000)
        assert bump.call_count == 1


def test_each_committed_transaction_bumps_the_version_again(committed):
    """Once a transaction's bump has run, the next transaction's writes must start another version."""
    versions = [content_version()]
    for value in (45001, 45002):
        with committed():
            WageFigure.objects.filter(occupation__slug="medical-assistants").update(median_annual_wage=value)
        versions.append(content_version())
    assert len(set(versions)) == 3


def _changes_the_version(committed, action):
    before = content_version()
    with committed():
        action()
    return content_version() != before


@pytest.mark.parametrize(
    "write",
    [
        "save",
        "update",
        "bulk_update",
        "bulk_create",
        "delete",
        "queryset_delete",
        "m2m",
    ],
)
def test_every_kind_of_orm_write_from_a_command_or_the_shell_bumps_the_version(write, committed):
    from careers.models import CareerStep, Occupation
    from content.models import Statement

    wage = WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2024, area="US")
    statement = Statement.objects.first()
    actions = {
        "save": wage.save,
        "update": lambda: WageFigure.objects.filter(pk=wage.pk).update(median_annual_wage=45001),
        "bulk_update": lambda: WageFigure.objects.bulk_update([wage], ["median_annual_wage"]),
        "bulk_create": lambda: Statement.objects.bulk_create(
            [Statement(topic=statement.topic, text="A new statement.", source=statement.source, key="new-one")]
        ),
        "delete": lambda: Statement.objects.get(pk=statement.pk).delete(),
        "queryset_delete": lambda: Statement.objects.filter(pk=statement.pk).delete(),
        "m2m": lambda: CareerStep.objects.first().occupations.add(Occupation.objects.first()),
    }
    assert _changes_the_version(committed, actions[write])


def test_restore_content_bumps_the_version(tmp_path, committed):
    backup = tmp_path / "backup.json"
    call_command("backup_content", str(backup), verbosity=0)
    assert _changes_the_version(
        committed, lambda: call_command("restore_content", str(backup), "--replace", verbosity=0)
    )


def test_raw_sql_needs_the_bump_content_version_command(client):
    from io import StringIO

    latest = "/careers/salaries/"
    assertContains(client.get(latest), "$44,200")
    _set_wage_behind_the_sites_back(45999)
    assertContains(client.get(latest), "$44,200")  # no signal saw the raw SQL
    out = StringIO()
    call_command("bump_content_version", stdout=out)
    assert "content version" in out.getvalue().lower()
    assertContains(client.get(latest), "$45,999")


def test_a_sign_in_attempt_or_a_session_never_throws_cached_pages_away(client, committed, django_user_model):
    """Only published content is content: sign-in records, sessions and users are not (content/published.py)."""
    django_user_model.objects.create_superuser("editor", "editor@example.org", "the-right-long-password")
    before = content_version()
    with committed():
        client.post("/admin/login/", {"username": "editor", "password": "wrong-password"}, REMOTE_ADDR="192.0.2.7")
        client.post("/admin/login/", {"username": "editor", "password": "the-right-long-password"})
        session = client.session
        session["seen"] = True
        session.save()
    assert content_version() == before
