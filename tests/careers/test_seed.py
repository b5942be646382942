"""The seeded content: every fact of the article reaches the database, with its source, once."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command

from careers.models import CareerStep, Duty, EmploymentProjection, Occupation, WageFigure
from certifications.models import Accreditor, Certification, CertificationFact, EligibilityRoute
from content.models import Statement
from programs.models import EducationPath, SelectionFactor, Topic

pytestmark = pytest.mark.usefixtures("seeded")


def test_the_medical_assistant_duties_of_the_article_are_seeded():
    duties = {d.text: d.kind for d in Duty.objects.filter(occupation__slug="medical-assistants")}
    assert duties["Taking patient vital signs"] == Duty.Kind.CLINICAL
    assert duties["Preparing examination rooms"] == Duty.Kind.CLINICAL
    assert duties["Scheduling appointments"] == Duty.Kind.ADMINISTRATIVE
    assert duties["Maintaining medical records"] == Duty.Kind.ADMINISTRATIVE
    liaison = [text for text, kind in duties.items() if kind == Duty.Kind.LIAISON]
    assert liaison and "liaison between patients and healthcare providers" in liaison[0]


def test_both_education_paths_with_their_lengths_and_topics():
    certificate = EducationPath.objects.get(slug="certificate-or-diploma")
    assert (certificate.min_months, certificate.max_months) == (9, 12)
    assert not certificate.includes_general_education
    associate = EducationPath.objects.get(slug="associate-degree")
    assert (associate.min_months, associate.max_months) == (24, 24)
    assert associate.includes_general_education
    topics = {"Medical terminology", "Anatomy", "Physiology", "Medical office procedures"}
    assert set(Topic.objects.values_list("name", flat=True)) == topics
    for path in (certificate, associate):
        assert set(path.topics.values_list("name", flat=True)) == topics


def test_the_five_selection_factors_in_the_article_order():
    assert list(SelectionFactor.objects.values_list("slug", flat=True)) == [
        "accreditation",
        "curriculum",
        "hands-on",
        "cost-duration",
        "placement",
    ]
    accreditation = SelectionFactor.objects.get(slug="accreditation")
    assert "CAAHEP" in accreditation.guidance and "ABHES" in accreditation.guidance


def test_caahep_and_abhes_with_full_names():
    names = dict(Accreditor.objects.values_list("abbreviation", "name"))
    assert names == {
        "CAAHEP": "Commission on Accreditation of Allied Health Education Programs",
        "ABHES": "Accrediting Bureau of Health Education Schools",
    }


def test_the_four_certifications_and_their_bodies():
    pairs = {(c.abbreviation, c.name, c.body.name) for c in Certification.objects.select_related("body")}
    assert pairs == {
        ("CMA", "Certified Medical Assistant", "American Association of Medical Assistants"),
        ("RMA", "Registered Medical Assistant", "American Medical Technologists"),
        ("NCMA", "National Certified Medical Assistant", "National Center for Competency Testing"),
        ("CCMA", "Certified Clinical Medical Assistant", "National Healthcareer Association"),
    }
    assert "certification is not always required" in Statement.objects.get(key="certification_value").text


def test_the_advancement_roles_and_specializations():
    roles = set(CareerStep.objects.advancement_roles().values_list("name", flat=True))
    assert roles == {
        "Medical office manager",
        "Healthcare administrator",
        "Nursing",
        "Specialized medical assistant",
        "Medical records and health information technician",
    }
    assert CareerStep.objects.get(slug="nursing").licensure
    assert CareerStep.objects.get(slug="specialized-medical-assistant").examples == "pediatrics or ophthalmology"
    specializations = set(CareerStep.objects.specializations().values_list("name", flat=True))
    assert specializations == {"Phlebotomy", "Medical billing and coding"}


def test_the_outlook_is_16_percent_from_2021_to_2031_much_faster_than_average():
    projection = EmploymentProjection.objects.get(occupation__slug="medical-assistants", start_year=2021)
    assert (projection.end_year, projection.percent) == (2031, Decimal("16"))
    assert projection.label == "much faster than average"
    assert projection.source.publisher == "U.S. Bureau of Labor Statistics"


@pytest.mark.parametrize(
    ("slug", "wage", "growth"),
    [
        ("medical-assistants", 37190, 16),
        ("nursing-assistants", 30310, 5),
        ("dental-assistants", 38660, 8),
        ("pharmacy-technicians", 36740, 5),
    ],
)
def test_the_article_salary_table(slug, wage, growth):
    figure = WageFigure.objects.get(occupation__slug=slug, reference_year=2021)
    assert figure.median_annual_wage == wage
    projection = EmploymentProjection.objects.get(occupation__slug=slug, start_year=2021, end_year=2031)
    assert projection.percent == growth


def test_newer_wages_are_extra_rows_beside_the_2021_ones():
    years = list(
        WageFigure.objects.filter(occupation__slug="medical-assistants", area="US")
        .order_by("reference_year")
        .values_list("reference_year", "median_annual_wage")
    )
    assert years == [(2021, 37190), (2023, 42000), (2024, 44200)]


def test_the_disclaimers_of_the_article():
    texts = " ".join(Statement.objects.filter(topic=Statement.Topic.DISCLAIMER).values_list("text", flat=True))
    assert "informational purposes only" in texts
    assert "should not be considered medical advice" in texts
    assert "may change over time" in texts
    assert "conduct your own research" in texts
    assert "up to date as of" in texts


def test_research_facts_carry_their_source_and_low_confidence_ones_are_absent():
    fee = CertificationFact.objects.get(certification__slug="cma", kind=CertificationFact.Kind.FEE)
    assert "$125" in fee.text and fee.source.url.startswith("https://www.aama-ntl.org/")
    assert fee.source.confidence == "high"
    # Not to be shown: RMA exam length and fee, NCMA and CCMA fees (conflicting sources).
    assert not CertificationFact.objects.filter(
        certification__slug__in=["rma", "ncma", "ccma"], kind=CertificationFact.Kind.FEE
    ).exists()
    assert not CertificationFact.objects.filter(certification__slug="rma", kind="exam-format").exists()
    assert EligibilityRoute.objects.filter(certification__slug="cma").count() == 4


def test_every_figure_names_its_source():
    # The source foreign keys are NOT NULL: what can be missing is what a reader needs to find the source.
    for model in (WageFigure, EmploymentProjection, CertificationFact, EligibilityRoute):
        figures = list(model.objects.select_related("source"))
        assert figures, model
        for figure in figures:
            source = figure.source
            assert source.title.strip(), (model.__name__, figure.pk)
            assert source.publisher.strip() or source.url, (model.__name__, figure.pk, source.key)
            assert source.seen_on, (model.__name__, figure.pk, source.key)
    for wage in WageFigure.objects.all():
        assert str(wage.reference_year) in wage.period_text, wage
    assert not Occupation.objects.exclude(entry_education="").filter(entry_education_source=None).exists()


def test_the_salaries_page_shows_each_current_wage_with_its_source_and_period(client):
    from django.utils.html import escape

    html = client.get("/careers/salaries/").content.decode()
    latest = {}
    for wage in WageFigure.objects.filter(area="US").select_related("source").order_by("reference_year"):
        latest[wage.occupation_id] = wage
    assert latest
    for wage in latest.values():
        assert f"{wage.median_annual_wage:,}" in html, wage
        assert escape(wage.source.title) in html, wage
        assert escape(wage.source.url) in html, wage
        assert wage.period_text in html, wage


def test_loading_the_content_twice_creates_no_duplicates():
    models = [m for m in apps.get_models() if m._meta.app_label in {"content", "careers", "programs", "certifications"}]
    before = {m: m.objects.count() for m in models}
    call_command("load_content", verbosity=0)
    assert {m: m.objects.count() for m in models} == before
