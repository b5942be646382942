"""An editor's admin lists at 1280 px in Chromium: every column of the figures' and sources' lists is in view,
none clipped or pushed off to a horizontal scroll."""

import pytest

PASSWORD = "a-long-test-password-for-the-admin-columns"

LISTS = [
    "/admin/careers/wagefigure/",
    "/admin/careers/wagefigure/?reference_year=2024&area=US",
    "/admin/careers/employmentprojection/",
    "/admin/content/source/",
    "/admin/content/source/due-for-review/",
]

# Cells whose content is wider than the cell (cut off), and a table reaching past its box or the window.
CLIPPED = r"""() => {
  const table = document.querySelector("#result_list");
  if (!table) return {missing: true};
  const box = table.parentElement.getBoundingClientRect();
  const edge = table.getBoundingClientRect();
  const clipped = [];
  for (const cell of table.querySelectorAll("th, td")) {
    const style = getComputedStyle(cell);
    if (cell.scrollWidth > cell.clientWidth + 1 || style.textOverflow === "ellipsis") {
      clipped.push(`${cell.className || cell.tagName}: ${cell.textContent.trim().slice(0, 40)}`);
    }
  }
  return {
    missing: false,
    clipped,
    tableRight: Math.round(edge.right),
    boxRight: Math.round(box.right),
    window: window.innerWidth,
    scrolls: table.parentElement.scrollWidth > table.parentElement.clientWidth + 1,
    columns: table.querySelectorAll("thead th").length,
    widths: [...table.querySelectorAll("thead th")].map(
      (th) => `${th.textContent.trim().split(/\s+/).pop()}=${Math.round(th.getBoundingClientRect().width)}`
    ),
  };
}"""


@pytest.fixture
def editor(desktop, committed_site, django_user_model):
    django_user_model.objects.create_superuser("column-editor", "column-editor@example.org", PASSWORD)
    desktop.context.clear_cookies()
    desktop.goto("/admin/login/?next=/admin/")
    desktop.get_by_label("Username").fill("column-editor")
    desktop.get_by_label("Password").fill(PASSWORD)
    desktop.get_by_role("button", name="Log in").click()
    desktop.wait_for_url("**/admin/")
    yield desktop
    desktop.context.clear_cookies()


def test_no_admin_list_column_is_clipped_at_1280_px(editor):
    assert editor.viewport_size["width"] == 1280
    for url in LISTS:
        response = editor.goto(url)
        assert response.status == 200, url
        state = editor.evaluate(CLIPPED)
        assert not state["missing"], f"{url} has no result table"
        assert state["columns"] >= 4, url
        assert not state["clipped"], f"{url}: clipped cells {state['clipped'][:5]}"
        assert not state["scrolls"], f"{url}: the table scrolls sideways ({state})"
        assert state["tableRight"] <= state["window"], f"{url}: the table runs past the window ({state})"


def test_the_admin_index_links_the_due_for_review_list(editor):
    editor.goto("/admin/")
    editor.get_by_role("link", name="Figures and sources due for review").click()
    editor.wait_for_url("**/due-for-review/")
    assert editor.get_by_role("heading", name="Due for review").is_visible()
