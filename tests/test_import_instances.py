"""An import previewed on one instance is confirmed on another: the preview waits in the shared database.

Two gunicorn instances share one database file, as two machines share PostgreSQL; each has a temp
folder and a local-memory cache of its own, as separate machines do.
"""

import sqlite3

import pytest

from . import live_site

CSV = (
    "occupation,reference_year,median_annual_wage,reference_period,source\n"
    "medical-assistants,2021,41234,May 2021,bls-2021-via-article\n"
)


@pytest.fixture(scope="module")
def two_instances(tmp_path_factory, prepared_site):
    scratch = tmp_path_factory.mktemp("import-instances")
    env = live_site.site_env(scratch, DJANGO_LOG_LEVEL="ERROR")
    live_site.prepare(env, prepared_site)
    servers = []
    try:
        for name in ("a", "b"):
            own_tmp = scratch / f"tmp-{name}"
            own_tmp.mkdir()
            port = live_site.free_port()
            server = live_site.start_gunicorn({**env, "TMPDIR": str(own_tmp)}, port, scratch / f"{name}.log", workers=1)
            server.base = f"http://127.0.0.1:{port}"
            servers.append(server)
        yield scratch, [server.base for server in servers]
    finally:
        for server in servers:
            live_site.stop(server)


def test_a_preview_made_on_one_instance_is_confirmed_on_another(two_instances):
    scratch, (first, second) = two_instances
    browser = live_site.Browser(first)
    browser.sign_in()
    status, html = browser.upload("/admin/careers/wagefigure/import/", "wages.csv", CSV)
    assert status == 200 and "Confirm import" in html, html[-2000:]
    confirm = next(form for form in live_site.forms_of(html) if "process_import" in form["attrs"].get("action", ""))

    browser.base = second  # the load balancer sends the confirm elsewhere
    status, url, page = browser.open("/admin/careers/wagefigure/process_import/", confirm["fields"])
    assert status == 200 and url.endswith("/admin/careers/wagefigure/"), page[-2000:]
    assert "Import finished" in page

    with sqlite3.connect(scratch / "site.sqlite3") as database:
        (wage,) = database.execute(
            "SELECT w.median_annual_wage FROM careerpath_wagefigure w JOIN careerpath_occupation o"
            " ON o.id = w.occupation_id WHERE o.slug = 'medical-assistants' AND w.reference_year = 2021"
        ).fetchone()
    assert wage == 41234
