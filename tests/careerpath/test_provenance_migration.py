"""Sources stored before provenance existed get it from what their old confidence and key say, never a guess."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("careerpath", "0001_initial")]
AFTER = [("careerpath", "0002_source_provenance")]


@pytest.fixture
def migrator(transactional_db, empty_content):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    yield executor
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_existing_sources_are_given_where_they_were_read(migrator):
    Source = migrator.loader.project_state(BEFORE).apps.get_model("careerpath", "Source")
    seen = datetime.date(2026, 11, 1)
    rows = {
        # key: (confidence, publisher)
        "seed-article": ("medium", "CareerPath seed article"),
        "aama-cma-eligibility-no-work-route": ("medium", "AAMA"),  # read on AAMA's own page
        "ncct-site": ("medium", "NCCT"),
        "third-party-bls-medical-assistants": ("medium", "BLS data, via copies"),
        "bls-ooh-phlebotomists": ("high", "U.S. Bureau of Labor Statistics"),
        "an-editors-blog-source": ("medium", "A blog"),
        "an-editors-official-source": ("high", "A body"),
    }
    for key, (confidence, publisher) in rows.items():
        Source.objects.create(key=key, publisher=publisher, title=key, seen_on=seen, confidence=confidence)

    migrator = MigrationExecutor(connection)
    migrator.migrate(AFTER)
    Source = migrator.loader.project_state(AFTER).apps.get_model("careerpath", "Source")
    provenance = dict(Source.objects.values_list("key", "provenance"))
    assert provenance == {
        "seed-article": "third-party",
        "aama-cma-eligibility-no-work-route": "issuer-page",
        "ncct-site": "issuer-page",
        "third-party-bls-medical-assistants": "data-file-copy",
        "bls-ooh-phlebotomists": "issuer-page",
        "an-editors-blog-source": "third-party",
        "an-editors-official-source": "issuer-page",
    }
    # The article names no publisher: it is no longer cited as the site's own.
    assert Source.objects.get(key="seed-article").publisher == ""
