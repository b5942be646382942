"""Ask only what applies: with JavaScript off, a blank checker asks training, work and diploma first; the answers then
ask only the questions they open (each ticked training's timing; the recent years of any work), carrying the first
answers along, and lead to today's full query string, whose results come at once as before.

Every request goes through the real middleware, page cache included.
"""

import re
from html import unescape
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from certifications.views.eligibility import EligibilityView

pytestmark = pytest.mark.usefixtures("seeded")

URL = reverse("certifications:eligibility")
FIRST = {"training": "accredited", "work_hours": "0", "diploma": "yes", "step": "follow-ups"}


def get(client, answers):
    return client.get(URL + "?" + urlencode(answers, doseq=True))


def main(response):
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def asked(page):
    """The names of the questions the form shows (hidden inputs are carried answers, not questions)."""
    form = re.search(r'<form[^>]*id="eligibility-form".*?</form>', page, re.S).group(0)
    shown = re.findall(r'<input type="(?!hidden)[^"]+"[^>]*name="([^"]+)"', form)
    shown += re.findall(r'<input[^>]*name="([^"]+)"[^>]*type="(?!hidden)', form)
    return list(dict.fromkeys(shown))


def carried(page):
    form = re.search(r'<form[^>]*id="eligibility-form".*?</form>', page, re.S).group(0)
    return re.findall(r'<input type="hidden"\s+name="([^"]+)"\s+value="([^"]*)"', form)


def test_a_blank_checker_asks_training_work_and_diploma_first(client):
    page = main(client.get(URL))
    assert asked(page) == ["training", "work_hours", "work_months", "hours_per_week", "diploma"]
    assert ("step", "follow-ups") in carried(page)
    assert "data-eligibility" not in page


def test_the_first_answers_ask_only_the_ticked_trainings_questions_and_carry_the_answers_along(client):
    response = get(client, FIRST)
    assert response.status_code == 200
    page = main(response)
    assert "data-eligibility" not in page, "results before the follow-up questions"
    assert asked(page) == ["status_accredited", "finish_in_30_days_accredited", "months_since_accredited"]
    assert sorted(carried(page)) == [("diploma", "yes"), ("training", "accredited"), ("work_hours", "0")]
    # No work: the recent years of work are not asked.
    assert "work_last_5" not in page


def test_work_opens_its_recent_years_and_two_trainings_open_both_sets_of_questions(client):
    page = main(get(client, {**FIRST, "training": ["apprenticeship", "military"], "work_hours": "3000"}))
    names = asked(page)
    assert {"status_apprenticeship", "status_military", "work_last_5"} <= set(names)
    assert "work_last_7" not in names  # the narrowest window first: its answer bounds the wider one
    assert not [name for name in names if name.endswith("_accredited") or name.endswith("_other_program")]
    assert ("training", "apprenticeship") in carried(page) and ("training", "military") in carried(page)


def test_no_training_and_no_work_gives_the_results_at_once(client):
    page = main(get(client, {**FIRST, "training": "none"}))
    assert "data-summary" in page and "<form" not in page


def test_the_second_step_leads_to_todays_full_query_with_the_same_results(client):
    page = main(get(client, FIRST))
    answers = [(name, unescape(value)) for name, value in carried(page)] + [
        ("status_accredited", "finished"),
        ("months_since_accredited", "6"),
    ]
    stepped = main(client.get(URL + "?" + urlencode(answers)))
    direct = main(
        get(
            client,
            {
                "training": "accredited",
                "work_hours": "0",
                "diploma": "yes",
                "status_accredited": "finished",
                "months_since_accredited": "6",
            },
        )
    )
    verdicts = re.compile(r'data-certification="([^"]+)" data-eligibility="([^"]+)"')
    assert verdicts.findall(stepped) == verdicts.findall(direct)
    assert ("cma", "eligible") in verdicts.findall(direct)


def test_the_step_marker_is_declared_for_the_page_cache(client):
    assert "step" in EligibilityView.query_parameters()


def test_change_your_answers_still_shows_every_question(client):
    page = main(get(client, {**FIRST, "status_accredited": "finished", "edit": "1"}))
    names = asked(page)
    assert "status_military" in names and "work_last_5" in names and "diploma" in names
