"""Every edit reaches every worker: two real gunicorn workers on a shared database, pages warm on both.

Each worker keeps its own page cache when there is no Redis, so the content version must live where
both see it (a file) and be bumped after the commit. With DATABASE_URL (PostgreSQL) and REDIS_URL set,
as in CI's second leg, the same story runs against them.
"""

from __future__ import annotations

import os
import subprocess
import uuid

import pytest

from tests import live_site

SALARIES = "/careers/salaries/"
# The default salary table shows the medical assistants' current national median (May 2024).
SEEDED = "$44,200"
WAGE_LOOKUP = "occupation__slug='medical-assistants', reference_year=2024, area='US'"
REQUESTS = 20

POSTGRES_URL = live_site.POSTGRES_URL
REDIS_URL = live_site.REDIS_URL
HAS_SERVICES = live_site.HAS_SERVICES
REQUIRED = live_site.REQUIRE_SERVICES


def _money(value):
    return f"${value:,}"


@pytest.fixture(scope="module", params=["sqlite", "postgres-redis"])
def site(request, tmp_path_factory, prepared_site):
    """A seeded site of its own served by two gunicorn workers: (base URL, env, access log path)."""
    if request.param == "postgres-redis" and not HAS_SERVICES:
        if REQUIRED:
            pytest.fail("CAREERPATH_REQUIRE_SERVICES=1 but DATABASE_URL/REDIS_URL are not PostgreSQL and Redis")
        pytest.skip("needs DATABASE_URL (PostgreSQL) and REDIS_URL; CI's second leg sets both")
    scratch = tmp_path_factory.mktemp(f"workers-{request.param}")
    cleanups = []
    overrides = {}
    if request.param == "postgres-redis":
        name = f"careerpath_workers_{os.getpid()}"
        url, admin_url = live_site.scratch_postgres(name)
        cleanups.append(lambda: live_site.drop_postgres(admin_url, name))
        prefix = f"careerpath-workers-{uuid.uuid4().hex[:8]}"
        cleanups.append(lambda: live_site.drop_redis_keys(prefix))
        overrides = {"DATABASE_URL": url, "REDIS_URL": REDIS_URL, "DJANGO_CACHE_KEY_PREFIX": prefix}
    env = live_site.site_env(scratch, **overrides)
    try:
        live_site.prepare(env, prepared_site)
        port = live_site.free_port()
        log = scratch / "gunicorn.log"
        server = live_site.start_gunicorn(env, port, log, workers=2)
        try:
            yield f"http://127.0.0.1:{port}", env, log
        finally:
            live_site.stop(server)
    finally:
        for cleanup in reversed(cleanups):
            cleanup()


def _wage(env):
    code = (
        "from careers.models import WageFigure; "
        f"w = WageFigure.objects.get({WAGE_LOOKUP}); print(w.pk, w.median_annual_wage)"
    )
    pk, value = live_site.manage(env, "shell", "--no-imports", "-c", code).stdout.split()
    return int(pk), int(value)


def _warm_every_worker(base, log, phase, path=SALARIES):
    """Anonymous requests until both workers have answered the page twice (so both have it cached)."""
    for _ in range(10):
        responses = live_site.get_many(base + path, REQUESTS, user_agent=phase)
        assert all(status == 200 for status, _, _ in responses)
        pids = live_site.workers_that_answered(log, phase)
        if len(set(pids)) == 2 and all(pids.count(pid) >= 2 for pid in set(pids)):
            return responses
    pytest.fail(f"the two workers did not both answer: {pids}")


def _every_worker_shows(base, log, phase, figure, absent=None, count=REQUESTS, path=SALARIES):
    """`count` anonymous requests, spread over both workers, all showing `figure` and none `absent` (if given).

    On a busy machine one worker may take every request of a round: rounds go on (at most five) until
    both have answered, and every response of every round must be fresh.
    """
    responses = []
    for _ in range(5):
        responses += live_site.get_many(base + path, count, user_agent=phase)
        answered = set(live_site.workers_that_answered(log, phase))
        if len(answered) == 2:
            break
    stale = [body for status, _, body in responses if figure not in body or (absent and absent in body)]
    assert not stale, (
        f"{len(stale)} of {len(responses)} requests did not show {figure} or still showed {absent} (workers {answered})"
    )
    assert all(status == 200 for status, _, _ in responses)
    assert len(answered) == 2, f"only workers {answered} answered; the test proves nothing about the other"


def test_an_admin_edit_and_a_command_reach_every_worker_on_the_next_request(site):
    base, env, log = site
    pk, seeded = _wage(env)
    assert _money(seeded) == SEEDED
    warm = _warm_every_worker(base, log, "warm-1")
    assert all(SEEDED in body for _, _, body in warm)

    # An editor signs in through the real login form and saves a new figure.
    browser = live_site.Browser(base)
    browser.sign_in()
    change = f"/admin/careers/wagefigure/{pk}/change/"
    form = browser.form(change, "wagefigure_form")
    status, url, html = browser.submit(change, form, {"median_annual_wage": "45456", "_save": "Save"})
    assert status == 200 and url.endswith("/admin/careers/wagefigure/"), html[:1500]
    assert _wage(env)[1] == 45456
    # Enough anonymous loads right after the save that each worker answers several of them: 60.
    _every_worker_shows(base, log, "after-admin", "$45,456", SEEDED, count=60)

    # A management command changes it with the ORM's update(), which sends no post_save.
    _warm_every_worker(base, log, "warm-2")
    code = (
        "from careers.models import WageFigure; "
        f"WageFigure.objects.filter({WAGE_LOOKUP}).update(median_annual_wage=46123)"
    )
    live_site.manage(env, "shell", "--no-imports", "-c", code)
    _every_worker_shows(base, log, "after-shell", "$46,123", "$45,456")

    # Loading the fixtures puts the seeded figure back, on every worker.
    _warm_every_worker(base, log, "warm-3")
    live_site.manage(env, "load_content", "-v0")
    _every_worker_shows(base, log, "after-load-content", SEEDED, "$46,123")

    # Raw SQL sends no signal: the cached pages stay until bump_content_version is run.
    _warm_every_worker(base, log, "warm-4")
    raw = (
        "from django.db import connection; from careers.models import WageFigure; "
        f"pk = WageFigure.objects.get({WAGE_LOOKUP}).pk; "
        "connection.cursor().execute("
        "f'UPDATE {WageFigure._meta.db_table} SET median_annual_wage = 46777 WHERE id = %s', [pk])"
    )
    live_site.manage(env, "shell", "--no-imports", "-c", raw)
    _every_worker_shows(base, log, "after-raw-sql", SEEDED, "$46,777")
    live_site.manage(env, "bump_content_version")
    _every_worker_shows(base, log, "after-bump-command", "$46,777", SEEDED)
    live_site.manage(env, "load_content", "-v0")


ELIGIBILITY = (
    "/certifications/eligibility/?training=accredited&status_accredited=finished&months_since_accredited=6"
    "&work_hours=0&diploma=yes"
)
STATES = "/careers/salaries/states/"


def test_rules_and_state_medians_kept_by_each_worker_are_read_again_after_an_edit(site):
    """Each worker keeps the certification rules and the state medians per content version (the content
    memo); a change made elsewhere must reach both workers' next pages, not only the page cache's."""
    base, env, log = site
    route = "certification__slug='cma', code='category-1'"
    state = "occupation__slug='medical-assistants', area='CA', reference_year=2024"
    before = live_site.manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from careers.models import WageFigure; from certifications.models import EligibilityRoute; "
        f"print(EligibilityRoute.objects.get({route}).name); print(WageFigure.objects.get({state}).median_annual_wage)",
    ).stdout.splitlines()
    name, median = before[0], int(before[1])
    renamed, raised = f"{name} (renamed by the test)", median + 1234
    for path in (ELIGIBILITY, STATES):
        _warm_every_worker(base, log, f"memo-warm{path}", path=path)
    california = "California: median {}".format  # the state map's label of the state's figure
    _every_worker_shows(base, log, "memo-before", california(_money(median)), california(_money(raised)), path=STATES)

    # Another process changes both with update(): no model signal reaches the workers, only the new version.
    live_site.manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from careers.models import WageFigure; from certifications.models import EligibilityRoute; "
        f"EligibilityRoute.objects.filter({route}).update(name={renamed!r}); "
        f"WageFigure.objects.filter({state}).update(median_annual_wage={raised})",
    )
    # The old name is part of the new one: the new one on every page is the proof.
    _every_worker_shows(base, log, "memo-after-rules", renamed, path=ELIGIBILITY)
    _every_worker_shows(
        base, log, "memo-after-states", california(_money(raised)), california(_money(median)), path=STATES
    )
    live_site.manage(env, "load_content", "-v0")


def test_no_page_rendered_during_a_transaction_outlives_its_commit(site, tmp_path):
    """Requests between the write and the commit see the old rows; none of them may be served after it."""
    base, env, log = site
    _warm_every_worker(base, log, "race-warm")
    go = tmp_path / "commit-now"
    code = (
        "import pathlib, time\n"
        "from django.db import transaction\n"
        "from careers.models import WageFigure\n"
        "with transaction.atomic():\n"
        f"    for wage in WageFigure.objects.filter({WAGE_LOOKUP}):\n"
        "        wage.median_annual_wage = 47001\n"
        "        wage.save()\n"
        "    print('written', flush=True)\n"
        f"    while not pathlib.Path({str(go)!r}).exists():\n"
        "        time.sleep(0.05)\n"
        "print('committed', flush=True)\n"
    )
    with subprocess.Popen(
        [live_site.PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=live_site.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as writer:
        try:
            assert writer.stdout.readline().strip() == "written"
            # Meanwhile every worker renders (or serves) the page from the committed, old rows.
            during = live_site.get_many(base + SALARIES, REQUESTS, user_agent="race-during")
            assert all(status == 200 and SEEDED in body for status, _, body in during)
            go.touch()
            assert writer.wait(timeout=30) == 0
            assert "committed" in writer.stdout.read()
        finally:
            if writer.poll() is None:
                writer.kill()
    _every_worker_shows(base, log, "race-after", "$47,001", SEEDED)
    live_site.manage(env, "load_content", "-v0")
