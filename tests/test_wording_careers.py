"""Career pages say what their sources say: the article's "may", requirements only where set, the closest BLS pay."""

import re
from html import unescape

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from careers.models import WageFigure

from .test_wording import main_text

pytestmark = pytest.mark.usefixtures("seeded")


ROLE_PAGES = [
    "medical-office-manager",
    "healthcare-administrator",
    "nursing",
    "specialized-medical-assistant",
    "medical-records-and-health-information-technician",
]


@pytest.mark.parametrize("slug", ROLE_PAGES)
def test_a_roles_page_keeps_the_articles_may_and_states_no_rule_of_its_own(client, slug):
    text = main_text(client.get(reverse("careers:career-detail", kwargs={"slug": slug})))
    assert "medical assistants may advance" in text
    assert "The source says medical assistants may advance to this role with:" in text
    assert not re.search(r"\b(Needs|must have|is required|are required)\b", text), text


def test_the_career_diagram_keeps_may(client):
    text = main_text(client.get(reverse("careers:career-list")))
    assert "With experience and additional education, medical assistants may advance to roles such as" in text
    assert "Needs " not in text


@pytest.mark.parametrize("slug", ["phlebotomy", "medical-billing-and-coding"])
def test_a_step_the_source_sets_no_requirement_for_has_no_empty_what_it_requires(client, slug):
    response = client.get(reverse("careers:career-detail", kwargs={"slug": slug}))
    assertNotContains(response, "What it requires")
    assertNotContains(response, "No requirement is published here")
    assertContains(response, "What it can lead to")


def test_the_careers_page_shows_what_it_requires_only_for_steps_with_requirements(client):
    html = client.get(reverse("careers:career-list")).content.decode()
    assert html.count("What it requires") == len(ROLE_PAGES)


def test_a_roles_pay_is_the_closest_bls_occupations_with_its_entry_education_and_period(client):
    text = main_text(client.get(reverse("careers:career-detail", kwargs={"slug": "medical-office-manager"})))
    sentence = re.search(r"The closest BLS occupation, [^.]*\.", text).group(0)
    assert "Medical and health services managers" in sentence
    assert "$117,960" in sentence
    assert "(May 2024)" in sentence
    assert "its typical entry-level education is a bachelor's degree" in sentence


def test_each_pay_figure_on_the_careers_page_names_the_closest_bls_occupation_and_its_entry_education(client):
    html = client.get(reverse("careers:career-list")).content.decode()
    sentences = re.findall(r'<p class="mb-1" data-closest-occupation="[^"]+">(.*?)</p>', html, re.S)
    assert len(sentences) == 8
    for sentence in sentences:
        text = unescape(re.sub(r"<[^>]+>", "", sentence))
        assert "closest BLS occupation" in text, text
        assert re.search(r"\((May \d{4}|\d{4})\)", text), text
        assert "typical entry-level education is" in text, text
    # The diagram says the same in short.
    diagram = re.search(r'<figure class="career-diagram">(.*?)</figure>', html, re.S).group(1)
    assert (
        "the closest BLS occupation, medical and health services managers: $117,960 (May 2024), typical "
        "entry-level education a bachelor's degree" in unescape(diagram)
    )


def test_a_step_whose_occupation_has_no_sourced_entry_education_shows_no_pay(client):
    from careers.models import Occupation

    Occupation.objects.filter(slug="phlebotomists").update(entry_education="", entry_education_source=None)
    response = client.get(reverse("careers:career-detail", kwargs={"slug": "phlebotomy"}))
    assertNotContains(response, "$41,810 (May 2023), and its typical")
    assertContains(response, "No pay is shown for phlebotomists")


def test_the_phlebotomy_page_says_the_national_medians_do_not_show_higher_pay(client):
    text = main_text(client.get(reverse("careers:career-detail", kwargs={"slug": "phlebotomy"})))
    assert (
        "The national medians shown here do not show higher pay: phlebotomists earned a median $43,660 a year "
        "(May 2024), below medical assistants' $44,200 (May 2024). Pay varies by employer and place." in text
    )


def test_the_careers_page_says_it_beside_phlebotomy_but_not_beside_billing_and_coding(client):
    html = client.get(reverse("careers:career-list")).content.decode()
    assert html.count('data-pay-comparison="not-higher"') == 1
    phlebotomy = html[html.index('id="step-phlebotomy"') : html.index('id="step-medical-billing-and-coding"')]
    assert 'data-pay-comparison="not-higher"' in phlebotomy


def test_the_comparison_follows_the_figures_not_the_name(client):
    # Were phlebotomists paid more, the page would not deny it; were coders paid less, it would say so.
    WageFigure.objects.filter(occupation__slug="phlebotomists").update(median_annual_wage=52000)
    WageFigure.objects.filter(occupation__slug="medical-records-specialists").update(median_annual_wage=40000)
    phlebotomy = client.get(reverse("careers:career-detail", kwargs={"slug": "phlebotomy"}))
    assertNotContains(phlebotomy, "do not show higher pay")
    coding = main_text(client.get(reverse("careers:career-detail", kwargs={"slug": "medical-billing-and-coding"})))
    assert (
        "medical records specialists earned a median $40,000 a year (May 2024), below medical assistants' "
        "$44,200 (May 2024)" in coding
    )
