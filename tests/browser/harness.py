"""Pieces of the browser harness: where Chromium is, how it starts, a visitor recording requests, page helpers."""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from .pages import EXPECTED_STATUS

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# What a root user in a container needs, and nothing that phones home (updates, sync, field trials).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path():
    """Debian's Chromium (CHROMIUM_PATH overrides it); None when it is not installed."""
    candidate = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if os.path.isfile(candidate) and os.access(candidate, os.X_OK) else None


class Visitor:
    """Browser tabs on the live site, one per kind (size, JavaScript on or off), recording every request they make.

    A module reuses its tabs from test to test: a fresh context per test would cost a cold cache and a
    new renderer each time, several minutes over the whole suite.
    """

    def __init__(self, browser, base_url):
        self.browser = browser
        self.base_url = base_url
        self.pages = {}
        self.requests = []
        self.console_errors = []
        self.failed_responses = []

    def page(self, *, viewport=DESKTOP, javascript=True):
        key = (viewport["width"], viewport["height"], javascript)
        if key not in self.pages or self.pages[key].is_closed():
            self.pages[key] = self._new_page(viewport, javascript)
        return self.pages[key]

    def _new_page(self, viewport, javascript):
        phone = viewport["width"] < 600
        context = self.browser.new_context(
            viewport=viewport,
            java_script_enabled=javascript,
            base_url=self.base_url,
            reduced_motion="reduce",
            # A phone honours the viewport meta tag and answers taps, as a real one does.
            is_mobile=phone,
            has_touch=phone,
        )
        context.set_default_timeout(10_000)
        page = context.new_page()
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))
        page.on(
            "response",
            lambda response: response.status >= 400 and self.failed_responses.append((response.status, response.url)),
        )
        return page

    def forget(self):
        """Start a test with nothing recorded."""
        self.requests.clear()
        self.console_errors.clear()
        self.failed_responses.clear()

    def outside_requests(self):
        """Requests that went anywhere but the live server (data: URLs never leave the browser)."""
        own = urlsplit(self.base_url).netloc
        return [url for url in self.requests if not url.startswith(("data:", "about:")) and urlsplit(url).netloc != own]

    def close(self):
        for page in self.pages.values():
            page.context.close()


def visit(page, name, path):
    """Open a page of PAGES and check it answered with the status it should."""
    response = page.goto(path, wait_until="load")
    assert response is not None, f"{path} gave no response"
    expected = EXPECTED_STATUS.get(name, {200})
    assert response.status in expected, f"{path} answered {response.status}, expected {sorted(expected)}"
    return response


def screenshot(page, name, size):
    """A full-page picture for a person to look at, in test-artifacts/screenshots/, when CAREERPATH_SCREENSHOTS=1
    (`make screenshots`): no test looks at it, and taking it costs a browser test a quarter of its time."""
    if os.environ.get("CAREERPATH_SCREENSHOTS") != "1":
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # JPEG: a third of the time PNG takes for a full page, and plenty for a person to look at.
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{size}.jpg"), full_page=True, type="jpeg", quality=80)


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe files these under best practice, but our style rules require them: headings in order, landmarks whole.
STRUCTURE_RULES = {
    "heading-order",
    "empty-heading",
    "page-has-heading-one",
    "landmark-one-main",
    "landmark-no-duplicate-main",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-main-is-top-level",
    "landmark-banner-is-top-level",
    "landmark-contentinfo-is-top-level",
    "landmark-unique",
    "region",
    "skip-link",
    "empty-table-header",
}


def axe_violations(page):
    """axe-core's WCAG 2.0/2.1/2.2 A and AA violations on the page, plus the structure rules above."""
    from axe_playwright_python.sync_playwright import Axe

    # The WCAG rules, and of the best-practice rules only those above (running them all cost a third more).
    options = {
        "runOnly": {"type": "tag", "values": WCAG_TAGS},
        "rules": {rule: {"enabled": True} for rule in sorted(STRUCTURE_RULES)},
        "resultTypes": ["violations"],
    }
    violations = Axe().run(page, options=options).response["violations"]
    return [v for v in violations if v["id"] in STRUCTURE_RULES or set(v["tags"]) & set(WCAG_TAGS)]


def describe_violations(violations):
    """One readable block per rule: id, impact, what it means, then each element with axe's summary."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"]:
            html = " ".join(node["html"].split())
            lines.append(f"    at {', '.join(map(str, node['target']))}: {html[:200]}")
            summary = " ".join((node.get("failureSummary") or "").split())
            if summary:
                lines.append(f"      {summary[:400]}")
    return "\n".join(lines)


# What the focused element looks like: an outline of at least 2px or a box-shadow counts as visible focus.
# The element is marked, so a walk with Tab knows when it has come round to where it began.
FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  const label = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim().slice(0, 60);
  // WCAG 2.4.11: the focused element is in view and not covered, checked at the centre of its visible part.
  const left = Math.max(box.left, 0), right = Math.min(box.right, window.innerWidth);
  const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, window.innerHeight);
  const hit = right > left && bottom > top ? document.elementFromPoint((left + right) / 2, (top + bottom) / 2) : null;
  const inView = Boolean(
    hit && (hit === el || el.contains(hit) || hit.contains(el) || hit.closest("label")?.control === el)
  );
  const seen = el.hasAttribute("data-focus-seen");
  el.setAttribute("data-focus-seen", "");
  return {
    seen,
    element: `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${label}"`,
    visible: Boolean(outline || shadow),
    size: box.width * box.height,
    inView,
    outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
  };
}"""


def tab_to(page, selector, *, most=250):
    """Press Tab until the element matching selector has the focus, as a keyboard user would."""
    for _ in range(most):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{most} presses of Tab never reached {selector}")


def arrow_to(page, selector, value, *, key="ArrowDown", most=20):
    """With a select or radio group focused, press an arrow key until selector (e.g. `…:checked`) holds value."""
    for _ in range(most):
        if page.evaluate("(s) => document.querySelector(s)?.value ?? null", selector) == value:
            return
        page.keyboard.press(key)
    raise AssertionError(f"{key} never set {selector} to {value!r}")


WIDER_THAN_WINDOW = """(width) => [...document.querySelectorAll("body *")]
  .filter((el) => el.getBoundingClientRect().right > width + 1)
  .filter((el) => !el.closest(".table-responsive, [role=region], .visually-hidden, .skip-link, [popover]"))
  .slice(0, 8)
  .map((el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${[...el.classList].join(".")}`
    + ` (right edge ${Math.round(el.getBoundingClientRect().right)} px)`)"""


# Content that spills out of its box past the window's edge (the root may clip it, so the page's width would not
# show it), outside the scroll regions that are meant to scroll.
SPILLED = """() => [...document.querySelectorAll("main *")]
  .filter((el) => !el.closest(".table-responsive, [role=region], .visually-hidden"))
  .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === "visible")
  .filter((el) => el.getBoundingClientRect().left + el.scrollWidth > document.documentElement.clientWidth + 1)
  .slice(0, 5).map((el) => el.tagName.toLowerCase() + "." + [...el.classList].join("."))"""


def assert_no_sideways_scroll(page, path=None):
    """The page does not scroll sideways in its window, measured against the window's set width, and nothing in
    its content spills past the window's edge.

    On a phone (is_mobile) Chromium widens the layout viewport (window.innerWidth) to fit whatever spills,
    so a comparison with innerWidth could never fail.
    """
    width = page.viewport_size["width"]
    scroll_width, inner_width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= width and inner_width <= width, (
        f"{path or page.url} scrolls sideways: {scroll_width} px wide (layout viewport {inner_width} px) in a "
        f"{width} px window; too wide: {page.evaluate(WIDER_THAN_WINDOW, width)}"
    )
    spilled = page.evaluate(SPILLED)
    assert not spilled, f"on {path or page.url} these spill past the window's edge: {spilled}"
