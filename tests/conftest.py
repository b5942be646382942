"""Shared pytest fixtures: the seeded content and a signed-in editor."""

import pytest
from django.core.management import call_command


@pytest.fixture
def seeded(db):
    """The database with the seeded content of fixtures/ loaded, as `make run` loads it."""
    call_command("load_content", verbosity=0)


@pytest.fixture
def editor_client(client, django_user_model):
    """A client signed in as a superuser, the way an editor uses the admin."""
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-test-password")
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts and ends with empty caches (pages too): with REDIS_URL set it is one shared server."""
    from django.core.cache import caches

    from careerpath.page_cache import breaker

    def clear():
        breaker.reset()
        for alias in caches:
            caches[alias].clear()

    clear()
    yield
    clear()


@pytest.fixture(autouse=True)
def _commit_hooks_run_as_in_production(monkeypatch):
    """transaction.on_commit hooks run at the code's own commit points, as in production.

    A test's database work happens inside the test case's own transaction, which never commits, so
    Django would never run an on_commit hook (the page cache bumps its content version in one). Here
    a hook registered outside any block of the code's own runs at once, as under autocommit, and one
    registered inside runs when the code's outermost block ends without error.
    """
    import contextlib

    from django.db import transaction
    from django.db.backends.base.base import BaseDatabaseWrapper

    def only_test_blocks(blocks):
        return all(getattr(block, "_from_testcase", False) for block in blocks)

    def run(hooks):
        for _sids, func, robust in hooks:
            if robust:
                # A robust hook's failure is logged, not raised, in production too.
                with contextlib.suppress(Exception):
                    func()
            else:
                func()

    original_on_commit = BaseDatabaseWrapper.on_commit

    def on_commit(self, func, robust=False):
        if self.in_atomic_block and self.atomic_blocks and only_test_blocks(self.atomic_blocks):
            run([(set(), func, robust)])
        else:
            original_on_commit(self, func, robust)

    original_exit = transaction.Atomic.__exit__

    def exit_atomic(self, exc_type, exc_value, traceback):
        connection = transaction.get_connection(self.using)
        blocks = connection.atomic_blocks
        own_outermost = (
            not getattr(self, "_from_testcase", False)
            and len(blocks) > 1
            and blocks[-1] is self
            and only_test_blocks(blocks[:-1])
        )
        original_exit(self, exc_type, exc_value, traceback)
        if own_outermost and exc_type is None and not connection.needs_rollback:
            hooks, connection.run_on_commit = connection.run_on_commit, []
            run(hooks)

    monkeypatch.setattr(BaseDatabaseWrapper, "on_commit", on_commit)
    monkeypatch.setattr(transaction.Atomic, "__exit__", exit_atomic)
