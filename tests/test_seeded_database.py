"""Every test starts on the seeded content, loaded once per session and never with example programs.

An ordinary test's changes roll back (pytest-django's transaction); a test on committed data empties
the tables when it ends, and the conftest puts the seeded rows back before the next test. Each test
here checks its whole story itself, so none depends on which tests ran before it, or on which worker.
"""

import json
from collections import Counter

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from careers.models import WageFigure
from content.models import Statement
from content.published import FIXTURES
from programs.models import Program
from tests.conftest import _reseed


def _seeded_counts():
    """How many rows of each model the seed files hold, read from fixtures/ itself."""
    counts = Counter()
    for name in FIXTURES:  # load_content loads one fixture per app, named after it
        path = next(folder / f"{name}.json" for folder in settings.FIXTURE_DIRS if (folder / f"{name}.json").exists())
        counts.update(row["model"] for row in json.loads(path.read_text()))
    assert counts, "the seed files hold nothing"
    return dict(counts)


def _database_counts():
    return {label: apps.get_model(label)._base_manager.count() for label in _seeded_counts()}


def test_a_test_starts_on_the_seeded_content_and_no_program(db):
    assert _database_counts() == _seeded_counts()
    # Not the 24 example programs `make run` adds, nor any other: a test makes the programs it needs.
    assert not Program.objects.exists()


def test_empty_content_leaves_no_seeded_row(empty_content):
    assert set(_database_counts().values()) == {0}


@pytest.mark.django_db(transaction=True)
def test_a_test_on_committed_data_may_change_the_content_and_the_next_test_finds_it_seeded_again():
    WageFigure.objects.all().delete()
    Statement.objects.update(text="changed")
    assert not WageFigure.objects.exists()

    # What happens between this test and the next: pytest-django empties every table (as
    # TransactionTestCase does), then the conftest's teardown hook puts the seeded rows back.
    call_command("flush", verbosity=0, interactive=False)
    assert not Statement.objects.exists()
    _reseed()

    assert _database_counts() == _seeded_counts()
    assert not Statement.objects.filter(text="changed").exists()
    assert not Program.objects.exists()
