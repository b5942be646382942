"""Keyboard only: the skip link reaches the content, focus is always visible, and both tools work with keys alone."""

import pytest

from .harness import FOCUS_STATE, arrow_to, tab_to, visit
from .pages import PAGE_IDS, PAGES

pytestmark = pytest.mark.browser

# No page has this many tab stops; reaching it means focus is trapped.
MOST_TAB_STOPS = 400


@pytest.mark.parametrize(("name", "path"), PAGES, ids=PAGE_IDS)
def test_a_keyboard_user_skips_to_the_content_and_always_sees_where_the_focus_is(desktop, name, path):
    visit(desktop, name, path)

    desktop.keyboard.press("Tab")
    skip = desktop.evaluate("() => [document.activeElement.className, document.activeElement.textContent.trim()]")
    assert skip == ["skip-link", "Skip to main content"], f"the first Tab on {path} focused {skip}"
    assert desktop.locator(".skip-link").is_visible()
    assert desktop.locator(".skip-link").bounding_box()["y"] >= 0, "the focused skip link stays off screen"

    desktop.keyboard.press("Enter")
    assert desktop.evaluate("() => document.activeElement.id") == "main", "the skip link did not move focus to <main>"
    assert desktop.url.endswith("#main")

    # From the content on, every tab stop to the end and round again through the header shows its focus.
    hidden, stops = [], 0
    for _ in range(MOST_TAB_STOPS):
        desktop.keyboard.press("Tab")
        state = desktop.evaluate(FOCUS_STATE)
        if state is None:  # past the last stop: the next Tab starts again from the top
            continue
        if state["seen"]:
            break
        stops += 1
        if not state["visible"] or state["size"] == 0:
            hidden.append(f"{state['element']}: no visible focus indicator (outline {state['outline']})")
        elif not state["inView"]:
            hidden.append(f"{state['element']}: out of view or covered when focused")
    else:
        pytest.fail(f"focus never came round on {path} in {MOST_TAB_STOPS} presses of Tab: a keyboard trap?")
    assert stops >= 10, f"only {stops} tab stops on {path}"
    assert hidden == [], f"focus is not visible on these tab stops of {path}"


def test_with_the_keyboard_alone_a_visitor_weighs_two_programs_in_the_checklist(desktop):
    visit(desktop, "checklist", "/programs/checklist/")
    keys = desktop.keyboard

    tab_to(desktop, "#id_budget")
    keys.type("15000")
    tab_to(desktop, "#id_timeline")
    keys.type("12")
    tab_to(desktop, "#id_name")
    keys.type("Example Lakeside College")
    for field, value in [
        ("accreditor", "caahep"),
        ("clinical", "yes"),
        ("administrative", "yes"),
        ("externship", "yes"),
        ("placement", "no"),
    ]:
        tab_to(desktop, f"#id_{field}")
        arrow_to(desktop, f"#id_{field}", value)
    tab_to(desktop, "#id_cost")
    keys.type("12000")
    tab_to(desktop, "#id_months")
    keys.type("10")
    # The second program's questions sit in a closed <details>: Enter on its summary opens it.
    tab_to(desktop, "details.checklist-more summary")
    keys.press("Enter")
    tab_to(desktop, "#id_name_2")
    keys.type("Example Valley Institute")
    tab_to(desktop, "#id_accreditor_2")
    arrow_to(desktop, "#id_accreditor_2", "none")
    tab_to(desktop, "#checklist-form [type=submit]")
    with desktop.expect_navigation():
        keys.press("Enter")

    assert "accreditor=caahep" in desktop.url and "accreditor_2=none" in desktop.url
    verdicts = desktop.locator("[data-factor='accreditation']")
    assert [verdicts.nth(i).get_attribute("data-verdict") for i in range(verdicts.count())][:2] == ["meets", "concern"]
    curriculum = desktop.locator("[data-factor='curriculum']").first.get_attribute("data-verdict")
    assert curriculum == "meets"


def test_with_the_keyboard_alone_a_visitor_learns_which_exams_are_open(desktop):
    visit(desktop, "eligibility", "/certifications/eligibility/")
    keys = desktop.keyboard

    # In a radio group Tab lands on the first choice, Space picks it and the arrows move the choice.
    tab_to(desktop, "#id_training_0")
    keys.press("Space")
    tab_to(desktop, "#id_work_hours")
    keys.type("0")
    tab_to(desktop, "#id_diploma_0")
    keys.press("Space")
    tab_to(desktop, "#eligibility-form [type=submit]")
    with desktop.expect_navigation():
        keys.press("Space")
    # The second step: the accredited program's own questions.
    tab_to(desktop, "#id_status_accredited_0")
    keys.press("Space")
    arrow_to(desktop, "input[name=status_accredited]:checked", "finished")
    tab_to(desktop, "#id_months_since_accredited")
    keys.type("6")
    tab_to(desktop, "#eligibility-form [type=submit]")
    with desktop.expect_navigation():
        keys.press("Space")

    assert "training=accredited" in desktop.url and "status_accredited=finished" in desktop.url
    assert "diploma=yes" in desktop.url
    assert desktop.locator("[data-certification='cma']").first.get_attribute("data-eligibility") == "eligible"
    assert desktop.locator("[data-certification]").count() >= 4
