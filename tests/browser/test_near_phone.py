"""Phone first: on a 390 × 844 screen the directory near a ZIP code shows its "ZIP code" box and first result."""

import pytest

from .harness import visit

pytestmark = pytest.mark.browser

FIRST_SCREEN = """() => {
  const box = document.querySelector("#id_near");
  const row = document.querySelector("tr[data-distance-miles] td[data-label='Distance']");
  const bottom = (el) => el ? el.getBoundingClientRect().bottom + window.scrollY : null;
  return {box: bottom(box), row: bottom(row), height: window.innerHeight,
          miles: row ? row.closest("tr").dataset.distanceMiles : null};
}"""


@pytest.mark.parametrize("path", ["/programs/?near=43215&within=100", "/programs/?near=43215"])
def test_the_zip_code_box_and_the_first_result_are_on_the_first_phone_screen(phone, path):
    visit(phone, "directory-near", path)
    state = phone.evaluate(FIRST_SCREEN)
    assert state["row"] is not None, "a program is found near 43215"
    assert float(state["miles"]) >= 0
    assert state["box"] <= state["height"], state
    # The first result's name and its distance (the first cells of its card) are on the first screen.
    assert state["row"] <= state["height"], f"the first distance ends at {state['row']}px, below {state['height']}px"


def test_the_home_pages_zip_code_box_is_on_the_first_phone_screen(phone):
    visit(phone, "home", "/")
    box = phone.evaluate("() => document.querySelector('#id_near').getBoundingClientRect().bottom")
    assert box <= 844
