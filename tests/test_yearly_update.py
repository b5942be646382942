"""The editor's yearly update, end to end: sign in, add the new year's source, download the template, import
next year's national wages for every compared occupation (preview, confirm), and every public page that
shows the current figure shows the new one, the old one staying in the occupation's history.

The figures imported are marked test values (99,9xx dollars, a source titled TEST ONLY), never real ones.
"""

import csv
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from careers import figures
from careers.models import Area, CareerStep, WageFigure
from content.models import Source

pytestmark = pytest.mark.usefixtures("seeded")

PASSWORD = "a-long-test-password-for-the-yearly-update"
NEXT_YEAR = 2025
TEST_SOURCE_KEY = "test-only-oews-may-2025-national"


def _sign_in(client, django_user_model):
    django_user_model.objects.create_superuser("yearly-editor", "yearly-editor@example.org", PASSWORD)
    response = client.post(
        reverse("admin:login"), {"username": "yearly-editor", "password": PASSWORD, "next": reverse("admin:index")}
    )
    assert response.status_code == 302 and response["Location"] == reverse("admin:index"), "sign-in failed"


def _add_source(client):
    response = client.post(
        reverse("admin:content_source_add"),
        {
            "key": TEST_SOURCE_KEY,
            "publisher": "TEST ONLY — not a real publication",
            "title": "TEST ONLY: Occupational Employment and Wage Statistics (OEWS), May 2025: national (made up)",
            "url": "",
            "published": "May 2025",
            "seen_on": timezone.localdate().isoformat(),
            "provenance": Source.Provenance.DATA_FILE_COPY,
            "confidence": Source.Confidence.HIGH,
            "notes": "Made-up figures for the yearly-update test.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def _hidden_fields(html):
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    fields.pop("csrfmiddlewaretoken", None)
    return fields


def _money(value):
    return f"${value:,}"


def test_an_editor_imports_next_years_wages_and_every_page_shows_them(client, django_user_model, committed):
    comparison = figures.comparison()
    assert comparison.vintage.wage_year == NEXT_YEAR - 1, "the seeded current year is expected to be May 2024"
    compared = [row.occupation for row in comparison.rows if row.wage]
    old = {row.occupation.slug: row.wage.median_annual_wage for row in comparison.rows if row.wage}
    # Plainly made-up medians, one per occupation: 99,900, 99,901, …
    new = {occupation.slug: 99_900 + number for number, occupation in enumerate(compared)}

    featured = next(occupation for occupation in compared if occupation.is_featured)

    visitor = Client()  # a reader who never signs in: the pages they get may come from the page cache

    def page(url):
        response = visitor.get(url)
        assert response.status_code == 200, url
        return response.content.decode()

    # Visitors have seen the pages (so they are cached) with the May 2024 figure.
    for url in ["/", "/careers/", "/careers/salaries/"]:
        assert _money(old[featured.slug]) in page(url), url

    _sign_in(client, django_user_model)
    with committed():
        _add_source(client)

    # The template's header row, filled in as an editor fills it in a spreadsheet.
    template = client.get(reverse("admin:careers_wagefigure_import_template"))
    assert template.status_code == 200
    header = next(csv.reader(io.StringIO(template.content.decode())))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    for occupation in compared:
        writer.writerow(
            {
                "occupation": occupation.slug,
                "area": "US",
                "reference_year": NEXT_YEAR,
                "median_annual_wage": new[occupation.slug],
                "source": TEST_SOURCE_KEY,
            }
        )

    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("wages-may-2025.csv", out.getvalue().encode(), content_type="text/csv")
    preview = client.post(
        reverse("admin:careers_wagefigure_import"), {"format": "0", "resource": "0", "import_file": upload}
    )
    html = preview.content.decode()
    assert preview.status_code == 200 and "Confirm import" in html, html[-3000:]
    assert html.count('<td class="import-type">') == len(compared)
    assert html.count("New") >= len(compared)
    assert not WageFigure.objects.filter(reference_year=NEXT_YEAR).exists(), "the preview saved something"

    with committed():
        confirmed = client.post(reverse("admin:careers_wagefigure_process_import"), _hidden_fields(html))
    assert confirmed.status_code == 302
    saved = WageFigure.objects.filter(reference_year=NEXT_YEAR, area=Area.NATION)
    assert {wage.occupation.slug: wage.median_annual_wage for wage in saved} == new
    assert {wage.reference_period for wage in saved} == {"May 2025"}

    # Home, careers and the salaries page show the new current figure (and say May 2025).
    for url in ["/", "/careers/", "/careers/salaries/"]:
        text = page(url)
        assert _money(new[featured.slug]) in text, f"{url} does not show the new median"
        assert "May 2025" in text, url
    salaries = page("/careers/salaries/")
    for occupation in compared:
        assert _money(new[occupation.slug]) in salaries, f"salaries page lacks {occupation.slug}'s new median"
        # The May 2024 figure is no longer the compared one: on this page it could appear only as history.
        assert f"{_money(old[occupation.slug])}</td>" not in salaries, occupation.slug

    # Each career page shows its occupations' new figures.
    checked = 0
    for step in CareerStep.objects.prefetch_related("occupations"):
        text = page(reverse("careers:career-detail", args=[step.slug]))
        for occupation in step.occupations.all():
            if occupation.slug in new:
                assert _money(new[occupation.slug]) in text, (step.slug, occupation.slug)
                checked += 1
    assert checked, "no career page shows a compared occupation's wage"

    # The old figure stays, in the occupation's history, beside the new one.
    history = page(reverse("careers:salary-history", args=[featured.slug]))
    assert _money(old[featured.slug]) in history and "May 2024" in history
    assert _money(new[featured.slug]) in history and "May 2025" in history
    assert figures.current_vintage().wage_year == NEXT_YEAR
