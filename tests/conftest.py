"""Shared pytest fixtures: the seeded content (loaded once per session), a signed-in editor, caches.

The test database holds the seeded content of fixtures/ from the start of the session, loaded once
by `load_content` as `make run` loads it. An ordinary test runs in a transaction that rolls back to
it. A test on committed data (transactional_db, live_server) ends with pytest-django emptying every
table; the seeded rows are then put back before the next test, so every test starts on the same
seeded database, whatever ran before it. Browser tests that only read pages are ordinary tests
(tests/browser/conftest.py); tests that run real server processes copy one prepared SQLite site
(`prepared_site`, made once per run).
"""

import contextlib

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections

# The seeded rows, model by model, as load_content left them: what a flushed database is reseeded from.
_SEEDED_ROWS = []


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, with the seeded content loaded once for the whole session."""
    from django.apps import apps

    with django_db_blocker.unblock():
        models = [
            model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        ]
        empty = [model for model in models if not model._base_manager.exists()]
        call_command("load_content", verbosity=0)
        _SEEDED_ROWS[:] = [
            (model, list(model._base_manager.order_by("pk"))) for model in empty if model._base_manager.exists()
        ]
    assert _SEEDED_ROWS, "load_content loaded nothing"
    yield
    # Before pytest-django drops the test database: PostgreSQL refuses to drop a database another session
    # still uses, and a connection opened by a finished test's thread or child process may linger there.
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


def _reseed():
    """Put the seeded rows back once a test on committed data has emptied the tables (not if it never ran)."""
    from django.core.management.color import no_style
    from django.db import connection, transaction

    if _SEEDED_ROWS[0][0]._base_manager.exists():
        return
    present = [model._base_manager.exists() for model, _rows in _SEEDED_ROWS]
    if all(present):
        return  # the test stopped before pytest-django set up its database, so nothing was emptied
    assert not any(present), "a test on committed data left part of the seeded content behind"
    with transaction.atomic():  # foreign keys are checked at commit, so the order of models does not matter
        for model, rows in _SEEDED_ROWS:
            model._base_manager.bulk_create(rows)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [model for model, _rows in _SEEDED_ROWS]):
                cursor.execute(sql)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests on a copy of the prepared site, which start real server processes and take seconds each, run first.

    pytest-django sorts the tests that use no database last, where these would be; a test worker that picks
    one up at the end of the run keeps every other worker waiting for it.
    """
    items.sort(key=lambda item: "prepared_site" not in getattr(item, "fixturenames", ()))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test on committed data is torn down (its tables emptied), reseed them for the tests after it."""
    try:
        return (yield)
    finally:
        # Checked after every test, not only those that name transactional_db or live_server: a test may
        # reach them through request.getfixturevalue. One query when nothing was emptied.
        if nextitem is not None and _SEEDED_ROWS:
            from pytest_django.plugin import blocking_manager_key

            with item.config.stash[blocking_manager_key].unblock():
                _reseed()


@pytest.fixture(scope="session")
def prepared_site(tmp_path_factory, worker_id):
    """The folder of a seeded SQLite site that tests running real server processes copy (tests/live_site.py).

    Made once per test run: under pytest-xdist the first worker to need it makes it, holding a lock in the
    folder every worker shares, and the others wait for it and use it too.
    """
    import fcntl

    from tests import live_site

    root = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        root = root.parent  # this run's folder, shared by its workers
    folder = root / "prepared-site"
    with open(root / "prepared-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "ready").exists():
            folder.mkdir(exist_ok=True)
            live_site.make_prepared_site(folder)
            (folder / "ready").touch()
    return folder


@pytest.fixture
def seeded(db):
    """The seeded content of fixtures/, as `make run` loads it: there from the session's start, named for clarity."""


@pytest.fixture
def empty_content(db):
    """No seeded content: for a test about an empty database (undone with the test's transaction)."""
    from django.db import transaction

    with transaction.atomic():  # foreign keys are checked at the end of the block
        for model, _rows in _SEEDED_ROWS:
            model._base_manager.all()._raw_delete(model._base_manager.db)


def new_program(slug, *, path="certificate-or-diploma", accreditor=None, save=True, **fields):
    """The tests' one program factory: a fictional example program, saved unless save=False (for bulk_create).

    Every field has a plain default (an Ohio in-person certificate at $10,000 over 10 months, verified
    2026-11-01); `path` and `accreditor` may be given by slug. Tests reach it through make_program; the
    browser tests' committed examples call it directly, outside any test transaction.
    """
    import datetime

    from certifications.models import Accreditor
    from programs.models import EducationPath, Program

    if isinstance(path, str):
        path = EducationPath.objects.get(slug=path)
    if isinstance(accreditor, str):
        accreditor = Accreditor.objects.get(slug=accreditor)
    values = {
        "institution": "Example Test College",
        "name": f"Example Program {slug}",
        "city": "Exampleville",
        "state": "OH",
        "delivery_format": Program.Format.IN_PERSON,
        "total_cost": 10000,
        "months": 10,
        "has_externship": True,
        "has_placement_help": True,
        "last_verified": datetime.date(2026, 11, 1),
        "is_example": True,
        **fields,
    }
    program = Program(slug=slug, path=path, accreditor=accreditor, **values)
    if save:
        program.save()
    return program


@pytest.fixture
def make_program(db):
    """make_program(slug, **fields): new_program in the test's database."""
    return new_program


@pytest.fixture
def make_many(make_program):
    """make_many(count, prefix=...): that many programs from the one factory in a single bulk insert, varied
    so that every filter and sort has something to do."""
    from certifications.models import Accreditor
    from programs.models import EducationPath, Program

    def make(count, *, prefix="bulk"):
        paths = list(EducationPath.objects.compared())
        accreditors = [None, *Accreditor.objects.all()]
        formats = Program.Format.values
        states = ["OH", "TX", "CA", "NY"]
        # Spread over a degree around Columbus, Ohio (ZIP 43215), so a "near" search has rows at every distance.
        Program.objects.bulk_create(
            [
                make_program(
                    f"{prefix}-{n}",
                    save=False,
                    institution=f"Example College {n}",
                    name=f"Example Program {n:05d}",
                    state=states[n % len(states)],
                    delivery_format=formats[n % len(formats)],
                    path=paths[n % len(paths)],
                    accreditor=accreditors[n % len(accreditors)],
                    total_cost=None if n % 10 == 0 else 3000 + (n * 37) % 20000,
                    months=9 + n % 16,
                    has_externship=n % 3 != 0,
                    has_placement_help=n % 2 == 0,
                    latitude=39.96 + ((n * 7) % 100 - 50) / 100,
                    longitude=-83.0 + ((n * 13) % 100 - 50) / 100,
                    control=Program.Control.values[n % 3],
                )
                for n in range(count)
            ],
            batch_size=1000,
        )

    return make


@pytest.fixture
def editor_client(client, django_user_model):
    """A client signed in as a superuser, the way an editor uses the admin."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts and ends with empty caches (pages too): with REDIS_URL set it is one shared server.

    The content memo goes too (the rules, medians and the eligibility page's parameters): it is kept per
    content version, and with the seeded content loaded once per session, tests no longer each start a
    new content version.
    """
    from django.core.cache import caches

    from careerpath import page_cache
    from content import memo

    def clear():
        page_cache.skip_until.clear()
        memo.forget()
        for alias in caches:
            caches[alias].clear()

    clear()
    yield
    clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` around a test's writes: when the block ends, the on_commit hooks they registered run,
    as the commit of their transaction would run them (Django's captureOnCommitCallbacks(execute=True)).

    A test's transaction never commits, so without it no hook runs: the page cache, which starts a new content
    version in one, would go on serving the pages it stored before the writes. Writes the test made before the
    block (making its programs, say) count as committed just before it: their waiting hooks run first, as they
    would have in production, so they neither linger nor stand in for the block's own.
    """

    @contextlib.contextmanager
    def block():
        connection = connections[DEFAULT_DB_ALIAS]
        earlier, connection.run_on_commit = connection.run_on_commit, []
        for _savepoints, hook, _robust in earlier:
            hook()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            yield callbacks

    return block
