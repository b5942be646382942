"""Results first, in a real browser at 390 and 1280 px: an answered checklist or eligibility checker shows its
verdicts before anything else and no form; "Change your answers" shows the form filled in, which neither
scrolls sideways nor meets a WCAG barrier (axe-core). The answered pages themselves are in pages.py, so
test_accessibility.py checks them the same way at both sizes."""

from urllib.parse import parse_qs, urlsplit

import pytest

from .harness import assert_no_sideways_scroll, axe_violations, describe_violations, screenshot, visit
from .pages import CHECKLIST_ONE, CHECKLIST_THREE, ELIGIBILITY_GRADUATE, ELIGIBILITY_STUDENT, _query

pytestmark = pytest.mark.browser

CHECKLIST = "/programs/checklist/"
ELIGIBILITY = "/certifications/eligibility/"
# (name, path, the verdicts' selector, the form's id, a field shown filled in once editing, its value)
ANSWERED = [
    ("checklist-one", CHECKLIST + _query(CHECKLIST_ONE), "[data-verdict]", "checklist-form", "#id_cost", "12000"),
    ("checklist-three", CHECKLIST + _query(CHECKLIST_THREE), "[data-verdict]", "checklist-form", "#id_name_3",
     CHECKLIST_THREE["name_3"]),
    ("eligibility-graduate", ELIGIBILITY + _query(ELIGIBILITY_GRADUATE), "[data-eligibility]", "eligibility-form",
     "#id_months_since_accredited", "12"),
    ("eligibility-student", ELIGIBILITY + _query(ELIGIBILITY_STUDENT), "[data-eligibility]", "eligibility-form",
     "#id_work_months", "6"),
]  # fmt: skip
SIZES = ["phone", "desktop"]

PAGE_STATE = """(selector) => {
  const first = document.querySelector(selector);
  return {
    forms: document.querySelectorAll("main form, main input, main select, main textarea").length,
    firstTop: first ? first.getBoundingClientRect().top + window.scrollY : null,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    innerHeight: window.innerHeight,
  };
}"""


def _assert_clean(page, path, size):
    assert_no_sideways_scroll(page, f"{path} at {size}")
    violations = axe_violations(page)
    assert not violations, (
        f"axe-core found WCAG A/AA violations on {path} at {size}:\n{describe_violations(violations)}"
    )


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    ("name", "path", "verdicts", "form_id", "field", "value"), ANSWERED, ids=[a[0] for a in ANSWERED]
)
def test_an_answered_page_shows_its_verdicts_first_and_no_form_and_edit_shows_the_form_filled_in(
    phone, desktop, size, name, path, verdicts, form_id, field, value
):
    page = {"phone": phone, "desktop": desktop}[size]
    visit(page, name, path)
    screenshot(page, f"results-first-{name}", size)

    state = page.evaluate(PAGE_STATE, verdicts)
    assert state["forms"] == 0, f"{path} shows a form (or a form field) in its main content once answered"
    assert state["firstTop"] is not None, f"{path} shows no verdict"
    # The first verdict is on the first screen, three programs on a phone included (after their one-line summaries).
    assert state["firstTop"] < state["innerHeight"], (
        f"the first verdict of {path} starts at {state['firstTop']:.0f} px, below the first {size} screen"
    )
    assert page.locator(verdicts).first.is_visible()

    change = page.get_by_role("link", name="Change your answers")
    assert change.is_visible()
    with page.expect_navigation():
        change.click()
    assert parse_qs(urlsplit(page.url).query)["edit"] == ["1"]
    screenshot(page, f"results-first-{name}-edit", size)
    form = page.locator(f"#{form_id}")
    assert form.is_visible()
    assert page.locator(field).input_value() == value
    assert page.locator(verdicts).count() == 0
    _assert_clean(page, page.url, size)


CELL_LABELS = """() => [...document.querySelectorAll(".checklist-table tbody td")].map((td) => ({
  label: getComputedStyle(td, "::before").content,
  right: td.getBoundingClientRect().right,
  width: td.getBoundingClientRect().width,
}))"""


def test_on_a_phone_the_checklist_table_reflows_into_one_card_per_factor_with_each_verdict_labelled(phone):
    visit(phone, "checklist-three", CHECKLIST + _query(CHECKLIST_THREE))
    assert phone.locator(".checklist-scroll").evaluate("(el) => el.scrollWidth <= el.clientWidth + 1"), (
        "the checklist table still scrolls inside its box on a phone"
    )
    cells = phone.evaluate(CELL_LABELS)
    assert len(cells) == 15  # one table: five factors × three programs, no second copy
    names = [CHECKLIST_THREE[key] for key in ("name", "name_2", "name_3")]
    for index, cell in enumerate(cells):
        assert names[index % 3] in cell["label"], f"cell {index} is not labelled with its program: {cell['label']}"
        assert cell["right"] <= 390 and cell["width"] > 250, f"cell {index} is not a full-width card row: {cell}"
    # The column headers are still there for screen readers, out of sight.
    assert phone.locator(".checklist-table thead th").count() == 4
    assert (
        not phone.locator(".checklist-table thead").is_visible()
        or phone.locator(".checklist-table thead").bounding_box()["height"] <= 1
    )


def test_on_a_desktop_the_checklist_is_a_table_of_one_column_per_program(desktop):
    visit(desktop, "checklist-three", CHECKLIST + _query(CHECKLIST_THREE))
    headers = desktop.locator(".checklist-table thead th")
    assert headers.count() == 4 and headers.nth(3).is_visible()
    row = desktop.locator(".checklist-table tbody tr").first
    tops = row.locator("td").evaluate_all("(tds) => tds.map((td) => Math.round(td.getBoundingClientRect().top))")
    assert len(set(tops)) == 1, "the three programs' verdicts do not sit side by side on a desktop"


@pytest.mark.parametrize("size", SIZES)
def test_a_not_eligible_verdict_names_the_next_step_with_links_that_work(phone, desktop, size):
    # Both windows are named as fixtures (not looked up during the test), so the live database is set up first.
    page = {"phone": phone, "desktop": desktop}[size]
    path = ELIGIBILITY + _query({"training": "none", "work_hours": "0", "diploma": "yes"})
    visit(page, "eligibility", path)
    screenshot(page, "results-first-eligibility-next-step", size)
    cma = page.locator("article[data-certification='cma']")
    assert cma.get_attribute("data-eligibility") == "not-eligible"
    step = cma.locator("[data-next-step]")
    assert step.is_visible()
    for text in ("CAAHEP-accredited programs in the directory", "Compare the training paths"):
        assert step.get_by_role("link", name=text).is_visible()
    _assert_clean(page, path, size)
    with page.expect_navigation():
        step.get_by_role("link", name="CAAHEP-accredited programs in the directory").click()
    assert parse_qs(urlsplit(page.url).query) == {"accreditor": ["caahep"]}
    # The browser suite's CAAHEP-accredited example programs are listed; the unaccredited ones are not.
    main = page.locator("main")
    assert main.get_by_text("Example Lakeside College").first.is_visible()
    assert main.get_by_text("Example Harbor Career College").count() == 0
