"""Ask only what applies, in a real browser with JavaScript off on a 390 px phone: a visitor with one kind of training
answers at most 8 questions before the result (the first step asks training, work and diploma; the second only what
those answers open)."""

import pytest

from .harness import PHONE, visit

pytestmark = pytest.mark.browser

MOST_QUESTIONS = 8
# (visitor, the answers of each step, by field name: a value to tick or type). What a person answers, step by step.
VISITORS = [
    (
        "accredited graduate, no work yet",
        [
            {"training": "accredited", "work_hours": "0", "diploma": "yes"},
            {"status_accredited": "finished", "months_since_accredited": "6"},
        ],
    ),
    (
        "apprentice who finished a year ago, with 3,000 hours of work",
        [
            {"training": "apprenticeship", "work_hours": "3000", "diploma": "yes"},
            {"status_apprenticeship": "finished", "work_last_5": "all"},
        ],
    ),
    (
        "in military training, work counted in months",
        [
            {"training": "military", "work_months": "30", "hours_per_week": "40", "diploma": "yes"},
            {"status_military": "in-training", "work_last_5": "all"},
        ],
    ),
    (
        "program graduate, work in months, only part of it recent (the most a one-training visitor is asked)",
        [
            {"training": "accredited", "work_months": "48", "hours_per_week": "40", "diploma": "yes"},
            {
                "status_accredited": "finished",
                "months_since_accredited": "60",
                "work_last_5": "part",
                "work_months_last_5": "30",
            },
        ],
    ),
]

QUESTIONS_SHOWN = """() => {
  const names = new Set();
  for (const input of document.querySelectorAll("#eligibility-form input:not([type=hidden])")) {
    if (input.offsetParent !== null) names.add(input.name);
  }
  return [...names];
}"""


@pytest.fixture
def phone_without_javascript(visitor):
    return visitor.page(viewport=PHONE, javascript=False)


def _answer(page, name, value):
    box = page.locator(f"#eligibility-form input[name={name}][value='{value}']")
    if box.count():
        box.check()
    else:
        page.fill(f"#eligibility-form input[name={name}]", value)


@pytest.mark.parametrize(("who", "steps"), VISITORS, ids=[v[0] for v in VISITORS])
def test_a_one_training_visitor_answers_at_most_8_questions_before_the_result(phone_without_javascript, who, steps):
    page = phone_without_javascript
    visit(page, "eligibility", "/certifications/eligibility/")
    answered, shown = set(), []
    for answers in steps:
        on_screen = page.evaluate(QUESTIONS_SHOWN)
        shown.append(len(on_screen))
        for name, value in answers.items():
            assert name in on_screen, f"{who}: {name} is not asked at this step (asked: {on_screen})"
            _answer(page, name, value)
            answered.add(name)
        with page.expect_navigation():
            page.locator("#eligibility-form [type=submit]").click()
    assert page.locator("[data-summary]").is_visible(), f"{who}: no result after {len(steps)} steps"
    assert len(answered) <= MOST_QUESTIONS, f"{who} answered {len(answered)} questions"
    # Neither step shows every question of the whole form (20 of them).
    assert max(shown) <= MOST_QUESTIONS, f"{who} saw {shown} questions at each step"
