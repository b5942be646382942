"""A clear start, a navigation that fits a phone and site search, at 390 and 1280 px, JavaScript off where it counts."""

import pytest

from .harness import DESKTOP, PHONE, assert_no_sideways_scroll, axe_violations, describe_violations, screenshot, visit

pytestmark = pytest.mark.browser

SIZES = {"phone": PHONE, "desktop": DESKTOP}
TABLET = {"width": 768, "height": 1024}  # where nine links would wrap to two rows: the menu too
MIN_TARGET = 24  # WCAG 2.2's minimum target size, CSS pixels


def _no_sideways_scroll(page):
    assert_no_sideways_scroll(page)


@pytest.mark.parametrize("size", ["phone", "tablet", "desktop"])
def test_the_navigation_is_one_row_or_a_menu_button_that_opens_without_javascript(visitor, size):
    window = {**SIZES, "tablet": TABLET}[size]
    page = visitor.page(viewport=window, javascript=False)
    visit(page, "about", "/about/")
    nav = page.get_by_role("navigation", name="Main")
    menu_button = nav.locator("summary")
    links = nav.locator("a")  # role queries skip what a closed menu hides
    assert links.count() == 9

    if size == "desktop":
        assert not menu_button.is_visible(), "a 1280 px window should show the links, not a menu button"
        for i in range(links.count()):
            assert links.nth(i).is_visible(), f"{links.nth(i).text_content()!r} is hidden at 1280 px"
        tops = {round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}
        assert len(tops) == 1, f"the navigation wraps to {len(tops)} rows at 1280 px"
    else:
        assert menu_button.is_visible() and menu_button.inner_text().strip() == "Menu"
        assert not links.first.is_visible(), f"on a {size} the links wait behind the menu button"
        header = page.locator("header").bounding_box()
        assert header["height"] < 200, f"the {size}'s header is {header['height']:.0f} px tall"
        menu_button.click()  # a <details>: the browser opens it, no script involved
        for i in range(links.count()):
            link = links.nth(i)
            assert link.is_visible(), f"{link.inner_text()!r} is hidden in the open menu"
            box = link.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= window["width"], f"{link.inner_text()!r} is off screen"
            assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET
        assert nav.locator("a[aria-current=page]").inner_text() == "About"
        with page.expect_navigation():
            nav.get_by_role("link", name="Certifications").click()
        assert page.url.endswith("/certifications/")
    screenshot(page, "nav-no-js", size)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_home_page_starts_with_where_to_start_above_the_fold(visitor, size):
    page = visitor.page(viewport=SIZES[size])
    visit(page, "home", "/")
    heading = page.get_by_role("heading", name="Where to start")
    assert heading.is_visible()
    assert heading.bounding_box()["y"] + heading.bounding_box()["height"] <= SIZES[size]["height"], (
        f"'Where to start' is below the first screen at {size} size"
    )
    choices = page.locator(".start-choice")
    assert [choices.nth(i).locator(".start-choice-situation").inner_text() for i in range(choices.count())] == [
        "Just exploring",
        "Choosing a program",
        "Ready for the exam",
        "Already working",
    ]
    first = choices.first.bounding_box()
    assert first["y"] < SIZES[size]["height"], "the first choice does not start on the first screen"
    # It leads: before the key figures and everything else in the page's content.
    order = page.evaluate("""() => [...document.querySelectorAll("main h2")].map((h) => h.textContent.trim())""")
    assert order[0] == "Where to start", order
    for name, path in [
        ("compare the training paths", "/programs/paths/"),
        ("Find a program", "/programs/"),
        ("check it against the five factors", "/programs/checklist/"),
        ("See which certifications you can sit for", "/certifications/eligibility/"),
        ("See where the career can lead", "/careers/"),
        ("what it pays", "/careers/salaries/"),
    ]:
        assert page.locator(".start-here").get_by_role("link", name=name).get_attribute("href") == path
    _no_sideways_scroll(page)
    screenshot(page, "home-start", size)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_visitor_searches_from_the_header_without_javascript(visitor, size):
    page = visitor.page(viewport=SIZES[size], javascript=False)
    visit(page, "paths", "/programs/paths/")
    box = page.get_by_role("search", name="Site").get_by_label("Search the site")
    box.fill("medical assistant")
    with page.expect_navigation():
        box.press("Enter")
    assert "/search/?q=medical+assistant" in page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Search results for “medical assistant”"
    for heading in ("Occupations: pay and outlook", "Certifications", "Programs"):
        assert page.get_by_role("heading", level=2, name=heading).is_visible(), f"no {heading!r} group"
    # The example programs the search finds keep their badge.
    programs = page.locator("[data-search-kind=programs] li")
    assert programs.count() >= 1
    for i in range(programs.count()):
        assert "Example — not a real school" in programs.nth(i).inner_text()
    with page.expect_navigation():
        page.locator("[data-search-kind=certifications]").get_by_role(
            "link", name="CMA: Certified Medical Assistant"
        ).click()
    assert page.url.endswith("/certifications/cma/")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_search_results_and_refusals_meet_no_wcag_barrier_and_fit_the_screen(visitor, size):
    page = visitor.page(viewport=SIZES[size])
    for name, path, status in [
        ("search", "/search/?q=medical+assistant", 200),
        ("search-empty", "/search/", 200),
        ("search-too-long", "/search/?q=" + "a" * 101, 400),
        ("search-nothing", "/search/?q=zzzz", 200),
    ]:
        response = page.goto(path, wait_until="load")
        assert response.status == status, f"{path} answered {response.status}"
        _no_sideways_scroll(page)
        if size == "phone":
            page.locator("nav.site-nav summary").click()  # the open menu too
        violations = axe_violations(page)
        assert not violations, f"axe-core found violations on {path} at {size} size:\n{describe_violations(violations)}"
        screenshot(page, name, size)
