"""On a 390×844 phone every page's navigation is in reach behind its menu button, and a visitor taps through it.

That no page scrolls sideways and that axe finds no barrier, at this width and at 1280 px, are
test_accessibility.py's."""

import pytest

from .harness import visit
from .pages import PAGE_IDS, PAGES

pytestmark = pytest.mark.browser

# WCAG 2.2's minimum target size (2.5.8) is 24 by 24 CSS pixels.
MIN_TARGET = 24

NAV_LINKS = """() => [...document.querySelectorAll("nav.site-nav a")].map((a) => {
  const box = a.getBoundingClientRect();
  const style = getComputedStyle(a);
  return {
    text: a.textContent.trim(), left: box.left, right: box.right, width: box.width, height: box.height,
    shown: style.visibility !== "hidden" && style.display !== "none" && box.width > 0 && box.height > 0,
  };
})"""


@pytest.mark.parametrize(("name", "path"), PAGES, ids=PAGE_IDS)
def test_on_a_phone_every_nav_link_is_in_reach_behind_the_menu_button(phone, name, path):
    visit(phone, name, path)
    inner_width = phone.viewport_size["width"]
    phone.locator("nav.site-nav summary").click()  # on a phone the links sit behind the menu button (<details>)
    links = phone.evaluate(NAV_LINKS)
    assert len(links) >= 9, f"{path} is missing navigation links"
    for link in links:
        assert link["shown"], f"nav link {link['text']!r} is hidden on a phone"
        assert link["left"] >= 0 and link["right"] <= inner_width, f"nav link {link['text']!r} is off screen"
        assert link["width"] >= MIN_TARGET and link["height"] >= MIN_TARGET, (
            f"nav link {link['text']!r} is a {link['width']:.0f}×{link['height']:.0f} px target, under 24×24"
        )


def test_on_a_phone_a_visitor_taps_through_the_navigation(phone):
    visit(phone, "home", "/")

    phone.get_by_role("navigation", name="Main").get_by_text("Menu").tap()
    phone.get_by_role("navigation", name="Main").get_by_role("link", name="Certifications").tap()
    phone.wait_for_url("**/certifications/")
    assert phone.get_by_role("heading", level=1).is_visible()

    phone.get_by_role("navigation", name="Main").get_by_text("Menu").tap()
    phone.get_by_role("navigation", name="Main").get_by_role("link", name="Pay & outlook").tap()
    phone.wait_for_url("**/careers/salaries/")
    current = phone.locator("nav.site-nav a[aria-current=page]")
    assert current.text_content() == "Pay & outlook"  # in the menu, closed again on the new page
