"""An editor enters wages and projections in the admin: year and period agree, the right sources come first,
lists show money as money and link to the public page, old figures and sources are listed for review, and
the wage import explains its columns and lists every row's problems in plain words.

Figures these tests save are marked test values (99,9xx dollars), never presented as real ones.
"""

import csv
import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from careers.admin import WAGE_COLUMN_NAMES
from careers.admin_views import months_before
from careers.models import Area, EmploymentProjection, Occupation, WageFigure
from content.models import Source

pytestmark = pytest.mark.usefixtures("seeded")

# A plainly fictional figure: no occupation here is paid this, and a reader of the test sees it is made up.
TEST_WAGE = 99_901
PYTHON_WORDS = ("<class", "Traceback", "ValueError", "InvalidOperation", "DoesNotExist", "ValidationError", "Error(")


def _occupation():
    return Occupation.objects.get(slug="medical-assistants")


def _oews_source():
    return Source.objects.get(key="bls-oews-may-2024-national")


def _wage_form(**changes):
    values = {
        "occupation": _occupation().pk,
        "area": "US",
        "reference_year": "2025",
        "reference_period": "",
        "source": _oews_source().pk,
        "median_annual_wage": str(TEST_WAGE),
        "mean_annual_wage": "",
        "employment": "",
        "percentile_10": "",
        "percentile_25": "",
        "percentile_75": "",
        "percentile_90": "",
        "median_hourly_wage": "",
    }
    values.update(changes)
    return values


# Year and period ---------------------------------------------------------------------------------------------


def test_a_wage_saved_with_year_2025_and_period_may_2024_is_refused_with_a_clear_message(editor_client):
    response = editor_client.post(
        reverse("admin:careers_wagefigure_add"), _wage_form(reference_year="2025", reference_period="May 2024")
    )
    assert response.status_code == 200
    assertContains(response, "The period “May 2024” does not match the reference year 2025")
    assert not WageFigure.objects.filter(median_annual_wage=TEST_WAGE).exists()


def test_a_wage_entered_with_its_year_only_gets_its_period_from_the_year(editor_client):
    response = editor_client.post(reverse("admin:careers_wagefigure_add"), _wage_form(reference_year="2025"))
    assert response.status_code == 302, response.content.decode()[:3000]
    wage = WageFigure.objects.get(median_annual_wage=TEST_WAGE)
    assert (wage.reference_year, wage.reference_period, wage.area) == (2025, "May 2025", Area.NATION)


def test_a_projection_gets_its_end_year_from_its_start_and_a_mismatched_one_is_refused(editor_client):
    occupation = Occupation.objects.get(slug="dental-assistants")
    source = Source.objects.get(key="bls-ep-2024-34")
    base = {"occupation": occupation.pk, "area": "US", "percent": "9.9", "source": source.pk, "label": ""}
    refused = editor_client.post(
        reverse("admin:careers_employmentprojection_add"), {**base, "start_year": "2025", "end_year": "2034"}
    )
    assert refused.status_code == 200
    assertContains(refused, "one starting in 2025 ends in 2035, not 2034")
    saved = editor_client.post(
        reverse("admin:careers_employmentprojection_add"), {**base, "start_year": "2025", "end_year": ""}
    )
    assert saved.status_code == 302, saved.content.decode()[:3000]
    assert EmploymentProjection.objects.filter(occupation=occupation, start_year=2025, end_year=2035).exists()


def test_the_csv_import_refuses_a_year_and_period_that_disagree(editor_client):
    count = WageFigure.objects.count()
    text = "\n".join(
        [
            "occupation,area,reference_year,reference_period,median_annual_wage,source",
            f"medical-assistants,US,2025,May 2024,{TEST_WAGE},bls-oews-may-2024-national",
        ]
    )
    preview = _upload(editor_client, text)
    assertContains(preview, "The period “May 2024” does not match the reference year 2025")
    assertNotContains(preview, "Confirm import")
    assert WageFigure.objects.count() == count


# The source picker -------------------------------------------------------------------------------------------


def _option_groups(html):
    """[(group label, [option text, …]), …] of the source select, in page order."""
    select = re.search(r'<select name="source"[^>]*>(.*?)</select>', html, re.S).group(1)
    groups = re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', select, re.S)
    return [(label, [text.strip() for text in re.findall(r"<option [^>]*>(.*?)</option>", body, re.S)])
            for label, body in groups]  # fmt: skip


def test_a_wage_is_offered_bls_oews_sources_first_with_their_full_titles(editor_client):
    html = editor_client.get(reverse("admin:careers_wagefigure_add")).content.decode()
    groups = _option_groups(html)
    assert groups[0][0] == "BLS wage estimates (OEWS)"
    first = groups[0][1]
    assert first[0].startswith("Occupational Employment and Wage Statistics (OEWS), May 2024")
    title = _oews_source().title
    assert any(option.startswith(title) and "U.S. Bureau of Labor Statistics" in option for option in first)
    everything = [option for _, options in groups for option in options]
    aama = next(index for index, option in enumerate(everything) if option.startswith("CMA (AAMA) Exam"))
    assert aama > len(first), "an AAMA exam page is offered among or before the wage sources"


def test_a_projection_is_offered_bls_employment_projections_first(editor_client):
    html = editor_client.get(reverse("admin:careers_employmentprojection_add")).content.decode()
    groups = _option_groups(html)
    assert groups[0][0] == "BLS Employment Projections"
    assert groups[0][1][0].startswith(Source.objects.get(key="bls-ep-2024-34").title)


# Lists: money, columns, public pages -------------------------------------------------------------------------


def test_wage_lists_show_money_as_dollars(editor_client):
    wage = WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2024, area=Area.NATION)
    response = editor_client.get(reverse("admin:careers_wagefigure_changelist"), {"reference_year": 2024})
    html = response.content.decode()
    median = re.findall(r'<td class="field-median">([^<]*)</td>', html)
    assert f"${wage.median_annual_wage:,}" in median
    assert all(re.fullmatch(r"\$\d{1,3}(,\d{3})*|—", cell) for cell in median), median[:5]
    employment = re.findall(r'<td class="field-employment_count">([^<]*)</td>', html)
    assert f"{wage.employment:,}" in employment


def test_projection_lists_show_the_tables_percent_and_openings(editor_client):
    projection = EmploymentProjection.objects.get(occupation__slug="medical-assistants", start_year=2024)
    html = editor_client.get(reverse("admin:careers_employmentprojection_changelist")).content.decode()
    assert f'<td class="field-percent_change">{projection.percent_text}</td>' in html
    assert f'<td class="field-openings">{projection.openings_text}</td>' in html


def test_each_figure_and_source_links_to_the_public_page_it_appears_on(editor_client, client):
    current = WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2024, area=Area.NATION)
    older = WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2021, area=Area.NATION)
    state = WageFigure.objects.filter(occupation__slug="medical-assistants", area="CA").first()
    projection = EmploymentProjection.objects.get(occupation__slug="medical-assistants", start_year=2024)
    source = _oews_source()
    expected = {
        ("careers_wagefigure", current.pk): "/careers/salaries/",
        ("careers_wagefigure", older.pk): "/careers/salaries/history/medical-assistants/",
        ("careers_wagefigure", state.pk): "/careers/salaries/states/",
        ("careers_employmentprojection", projection.pk): "/careers/salaries/",
        ("content_source", source.pk): "/about/#sources",
    }
    for (model, pk), url in expected.items():
        change = editor_client.get(reverse(f"admin:{model}_change", args=[pk]))
        view_on_site = re.search(r'<a href="([^"]+)" class="viewsitelink">', change.content.decode())
        assert view_on_site, f"no View on site link on the {model} page"
        assert view_on_site.group(1) == url, (model, view_on_site.group(1))
    listing = editor_client.get(reverse("admin:careers_wagefigure_changelist"), {"q": "May 2021"})
    assertContains(listing, '<a href="/careers/salaries/history/medical-assistants/">History</a>')
    # The linked pages are public and answer.
    for url in {"/careers/salaries/", "/careers/salaries/history/medical-assistants/", "/about/"}:
        assert client.get(url).status_code == 200, url


# Due for review ----------------------------------------------------------------------------------------------


def _review_rows(response):
    html = response.content.decode()
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    rows = re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S) if body else []
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in rows]


def test_due_for_review_lists_old_figures_and_sources_oldest_first_and_the_index_links_it(editor_client, settings):
    settings.CAREERPATH_REVIEW_AFTER_MONTHS = 18
    today = timezone.localdate()
    Source.objects.all().update(seen_on=today)
    old = Source.objects.create(
        key="test-seen-long-ago", title="TEST source seen 20 months ago", seen_on=months_before(today, 20),
        provenance=Source.Provenance.THIRD_PARTY,
    )  # fmt: skip
    recent = Source.objects.create(
        key="test-seen-lately", title="TEST source seen 6 months ago", seen_on=months_before(today, 6),
        provenance=Source.Provenance.THIRD_PARTY,
    )  # fmt: skip
    index = editor_client.get(reverse("admin:index"))
    url = reverse("admin:content_due_for_review")
    assertContains(index, f'<a href="{url}">Figures and sources due for review</a>')

    response = editor_client.get(url)
    rows = _review_rows(response)
    text = "\n".join(rows)
    assert old.title in text and recent.title not in text
    # The newest national wage of each occupation is there; a superseded one (the article's May 2021) is history.
    ma_2024 = WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2024, area=Area.NATION)
    assert f"Medical assistants, national: ${ma_2024.median_annual_wage:,} median" in text
    assert "reference period May 2021" not in text
    ages = [int(re.search(r"(\d+) months$", row).group(1)) for row in rows]
    assert ages == sorted(ages, reverse=True), "not oldest first"

    # The age is a setting: at 36 months, a figure of May 2024 is not due yet, the older ones still are.
    settings.CAREERPATH_REVIEW_AFTER_MONTHS = 36
    later = "\n".join(_review_rows(editor_client.get(url)))
    assert "reference period May 2024" not in later
    assert old.title not in later


def test_months_before_keeps_the_day_or_the_months_last():
    assert months_before(datetime.date(2026, 11, 27), 18) == datetime.date(2025, 5, 27)
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)


# The import: template, explanations, problems ----------------------------------------------------------------


def _upload(client, text, name="wages.csv"):
    return client.post(
        reverse("admin:careers_wagefigure_import"),
        {"format": "0", "resource": "0", "import_file": SimpleUploadedFile(name, text.encode(), "text/csv")},
    )


def test_the_import_page_offers_a_template_and_explains_each_column(editor_client):
    page = editor_client.get(reverse("admin:careers_wagefigure_import"))
    template_url = reverse("admin:careers_wagefigure_import_template")
    assertContains(page, f'<a href="{template_url}" download>Download the CSV template</a>', html=False)
    html = page.content.decode()
    for column, words in [
        ("occupation", "slug"),
        ("source", "key of the source"),
        ("reference_year", "four digits"),
        ("area", "two-letter postal code"),
    ]:
        cell = re.search(rf"<th scope=\"row\"><code>{column}</code></th><td>([^<]*)</td>", html)
        assert cell and words in cell.group(1), column
    assertContains(page, "<code>medical-assistants</code>")
    assertContains(page, "<code>bls-oews-may-2024-national</code>")

    template = editor_client.get(template_url)
    assert template.status_code == 200
    assert template["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(template.content.decode())))
    assert rows == [WAGE_COLUMN_NAMES]
    assert {"occupation", "area", "reference_year", "median_annual_wage", "source"} <= set(rows[0])


def test_every_rows_problems_are_listed_at_once_in_plain_words(editor_client):
    count = WageFigure.objects.count()
    text = "\n".join(
        [
            "occupation,area,reference_year,reference_period,median_annual_wage,source",
            f"medical-assistants,US,2025,,{TEST_WAGE},bls-oews-may-2024-national",  # row 1: fine
            f"no-such-occupation,US,2025,,{TEST_WAGE},bls-oews-may-2024-national",  # 2: unknown slug
            "dental-assistants,US,2025,,$99 901,bls-oews-may-2024-national",  # 3: not a number
            f"pharmacy-technicians,US,2025,May 2024,{TEST_WAGE},bls-oews-may-2024-national",  # 4: period
            f"phlebotomists,XX,2025,,{TEST_WAGE},no-such-source",  # 5: unknown area and source
            "registered-nurses,US,twenty,,1,bls-oews-may-2024-national",  # 6: year not a number
        ]
    )
    preview = _upload(editor_client, text)
    assert preview.status_code == 200
    html = preview.content.decode()
    problems = {}
    for number, text in re.findall(r'<li class="import-error-li">Line number: (\d+) - (.*?)</li>', html, re.S):
        problems[number] = problems.get(number, "") + " " + text
    assert sorted(problems, key=int) == ["2", "3", "4", "5", "6"], problems
    assert "No occupation has the slug “no-such-occupation”" in problems["2"]
    assert "“$99 901” in the column “median_annual_wage” is not a number" in problems["3"]
    assert "does not match the reference year 2025" in problems["4"]
    assert "&#x27;XX&#x27; is not a valid choice" in problems["5"]
    assert "No source has the key “no-such-source”" in problems["5"]
    assert "“twenty” in the column “reference_year” is not a number" in problems["6"]
    for word in PYTHON_WORDS:
        assert word not in html, word
    assertNotContains(preview, "Confirm import")
    assert WageFigure.objects.count() == count


def test_staff_without_the_permissions_cannot_see_the_review_list_or_the_template(client, django_user_model):
    staff = django_user_model.objects.create_user("helper", "helper@example.org", "a-long-test-password", is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("admin:content_due_for_review")).status_code == 403
    assert client.get(reverse("admin:careers_wagefigure_import_template")).status_code == 403
