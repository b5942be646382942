"""One definition of a recognised accreditor: the editor's flag, read by the checklist and the directory alike,
while which accreditors a certification route accepts stays the route's own data."""

import re

import pytest
from django.urls import reverse

from certifications.eligibility import program_outlooks
from certifications.models import Accreditor
from content.models import Source

pytestmark = pytest.mark.usefixtures("seeded")


def verdict(response, factor):
    return re.search(rf'data-factor="{factor}" data-verdict="([^"]+)"', response.content.decode()).group(1)


def add_accreditor(editor_client, *, recognised):
    data = {
        "abbreviation": "NEWACC",
        "slug": "newacc",
        "name": "New Accrediting Commission (test)",
        "website": "https://accreditor.example.org",
        "recognition": "",
        "source": Source.objects.get(key="caahep-about").pk,
    }
    if recognised:
        data["recognised"] = "on"
    response = editor_client.post(reverse("admin:certifications_accreditor_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Accreditor.objects.get(slug="newacc")


def test_the_two_accreditors_the_article_names_are_seeded_as_recognised():
    assert set(Accreditor.objects.recognised().values_list("slug", flat=True)) == {"caahep", "abhes"}


def test_an_admin_added_recognised_accreditor_meets_the_checklist_but_opens_no_cma_category_1(
    client, editor_client, make_program
):
    accreditor = add_accreditor(editor_client, recognised=True)
    program = make_program("newly-accredited", accreditor="newacc")

    assert verdict(client.get(program.get_absolute_url()), "accreditation") == "meets"
    from_directory = client.get(reverse("programs:checklist"), {"program": program.slug})
    assert from_directory.status_code == 200
    assert verdict(from_directory, "accreditation") == "meets"

    # AAMA names CAAHEP and ABHES on the route itself: another accreditor does not open Category 1.
    cma = next(o for o in program_outlooks([program])[program.pk] if o.certification.slug == "cma")
    category_1 = next(r for r in cma.routes if r.route.code == "category-1")
    assert category_1.status == "not-eligible"
    assert "accredited by CAAHEP or ABHES" in category_1.summary
    assert cma.verdict != "eligible"
    assert cma.route.code != "category-1"
    page = client.get(program.get_absolute_url()).content.decode()
    assert 'data-certification="cma" data-eligibility="eligible"' not in page
    assert accreditor.recognised


def test_the_directory_filter_and_the_checklist_read_the_same_flag(client, editor_client, make_program):
    add_accreditor(editor_client, recognised=False)
    program = make_program("other-accreditor", accreditor="newacc")
    plain = make_program("no-accreditor")
    recognised = make_program("caahep-program", accreditor="caahep")

    def listed(accreditor):
        html = client.get(reverse("programs:program-list"), {"accreditor": accreditor}).content.decode()
        return {slug for slug in (program.slug, plain.slug, recognised.slug) if f"/programs/{slug}/" in html}

    assert listed("any") == {recognised.slug}
    assert listed("none") == {program.slug, plain.slug}
    # Accredited, but not by a recognised body: a question for the certifying body, not a concern.
    assert verdict(client.get(program.get_absolute_url()), "accreditation") == "check"
    assert verdict(client.get(plain.get_absolute_url()), "accreditation") == "concern"

    Accreditor.objects.filter(slug="newacc").update(recognised=True)
    assert listed("any") == {recognised.slug, program.slug}
    assert listed("none") == {plain.slug}
    assert verdict(client.get(program.get_absolute_url()), "accreditation") == "meets"


def test_what_the_checklist_says_about_the_cma_follows_the_accreditors_its_routes_accept(client, committed):
    from certifications.models import EligibilityRoute

    sentence = "routes require a medical assisting program accredited by"
    answers = {"name": "Lakeside MA", "accreditor": "none"}
    page = client.get(reverse("programs:checklist"), answers).content.decode()
    assert f"{sentence} CAAHEP or ABHES." in page
    abhes = Accreditor.objects.get(slug="abhes")
    with committed():
        for route in EligibilityRoute.objects.filter(certification__slug="cma", accreditors=abhes):
            route.accreditors.remove(abhes)
    page = client.get(reverse("programs:checklist"), answers).content.decode()
    assert f"{sentence} CAAHEP." in page
