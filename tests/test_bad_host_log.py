"""A request for an unknown Host costs one short WARNING line in the log, not 10 KB of error and traceback."""

import http.client

from tests import live_site

HOST = "attacker-" + "x" * 5000 + ".example"


def test_a_5_kb_bad_host_is_logged_once_short_and_at_warning(tmp_path, prepared_site):
    env = live_site.site_env(tmp_path, DJANGO_LOG_LEVEL="INFO")  # more than production's default shows
    live_site.prepare(env, prepared_site)
    port = live_site.free_port()
    log = tmp_path / "gunicorn.log"
    server = live_site.start_gunicorn(env, port, log, workers=1)
    try:
        before = log.stat().st_size
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/", headers={"Host": HOST})
        status = connection.getresponse().status
        connection.close()
    finally:
        live_site.stop(server)
    assert status == 400
    written = log.read_text()[before:]
    lines = [line for line in written.splitlines() if "attacker-" in line]
    assert len(lines) == 1, written[:2000]
    assert " WARNING " in lines[0] and "Refused a request for an unknown host" in lines[0]
    assert len(lines[0]) < 300
    assert "Traceback" not in written
    assert len(written) < 1000, f"{len(written)} bytes of log for one bad request"
