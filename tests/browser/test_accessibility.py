"""Every public page, in a real browser, has no axe-core violation of the WCAG 2.0, 2.1 and 2.2 A and AA rules."""

import pytest

from .harness import axe_violations, describe_violations, screenshot, visit
from .pages import PAGE_IDS, PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("name", "path"), PAGES, ids=PAGE_IDS)
def test_a_visitor_with_a_screen_reader_or_low_vision_meets_no_wcag_barrier(desktop, name, path):
    visit(desktop, name, path)
    screenshot(desktop, name, "desktop")

    violations = axe_violations(desktop)

    assert not violations, f"axe-core found WCAG A/AA violations on {path}:\n{describe_violations(violations)}"
