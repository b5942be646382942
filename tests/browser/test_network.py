"""No request leaves the site: every page loads only from the live server, every asset answers, no CSP complaint."""

import pytest

from .harness import visit
from .pages import EXPECTED_STATUS, PAGES

pytestmark = pytest.mark.browser


def test_browsing_every_page_asks_nothing_of_any_other_site_and_every_asset_loads(visitor):
    page = visitor.page()
    outside, failed, errors = {}, {}, {}
    for name, path in PAGES:
        visitor.requests.clear()
        visitor.failed_responses.clear()
        visitor.console_errors.clear()
        visit(page, name, path)

        assert visitor.requests, f"the browser recorded no request for {path}"
        if visitor.outside_requests():
            outside[path] = visitor.outside_requests()
        # The 404 page and bad input answer 4xx on purpose; anything else failing is a broken stylesheet or image.
        broken = [(status, url) for status, url in visitor.failed_responses if url != page.url]
        if broken:
            failed[path] = broken
        # Chromium reports a style or script the content security policy refuses as a console error.
        complaints = [
            text
            for text in visitor.console_errors
            if not (name in EXPECTED_STATUS and "the server responded with a status of 4" in text)
        ]
        if complaints:
            errors[path] = complaints

    assert outside == {}, "requests went to other sites"
    assert failed == {}, "assets failed to load"
    assert errors == {}, "the browser console reported errors"
