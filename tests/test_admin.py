"""An editor can open the changelist, add and change page of every model in the admin."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("seeded")

OUR_APPS = {"content", "careers", "programs", "certifications"}
CONTENT_MODELS = [model for model in admin.site._registry if model._meta.app_label in OUR_APPS]


def test_the_admin_is_titled_for_editors(editor_client):
    response = editor_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "CareerPath administration" in response.content.decode()


def test_every_content_model_is_in_the_admin():
    names = {model.__name__ for model in CONTENT_MODELS}
    assert {
        "Source",
        "Occupation",
        "Duty",
        "WageFigure",
        "EmploymentProjection",
        "CareerStep",
        "Statement",
        "Topic",
        "EducationPath",
        "Accreditor",
        "SelectionFactor",
        "Program",
        "CertifyingBody",
        "Certification",
        "CertificationFact",
        "EligibilityRoute",
    } <= names


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda m: m._meta.label)
def test_changelist_add_and_change_pages_open(editor_client, model, make_program):
    info = (model._meta.app_label, model._meta.model_name)
    assert editor_client.get(reverse("admin:{}_{}_changelist".format(*info))).status_code == 200
    assert editor_client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200
    obj = model.objects.first()
    if obj is None:  # programs are not seeded; an editor's first one is made here
        assert model._meta.label == "programs.Program", f"{model.__name__} should have seeded rows"
        obj = make_program("example-medical-assisting-certificate")
    change = editor_client.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
    assert change.status_code == 200


def test_searching_wage_figures_finds_an_occupation(editor_client):
    url = reverse("admin:careers_wagefigure_changelist")
    response = editor_client.get(url, {"q": "dental"})
    assert "Dental assistants" in response.content.decode()


def test_an_editor_changes_a_wage_in_the_admin(editor_client):
    from careers.models import WageFigure

    wage = WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2021)
    url = reverse("admin:careers_wagefigure_change", args=[wage.pk])
    response = editor_client.post(
        url,
        {
            "occupation": wage.occupation_id,
            "area": "US",
            "median_annual_wage": "37200",
            "reference_year": "2021",
            "reference_period": "May 2021",
            "source": wage.source_id,
        },
    )
    assert response.status_code == 302
    wage.refresh_from_db()
    assert wage.median_annual_wage == 37200


def test_the_admin_refuses_a_projection_that_ends_before_it_starts(editor_client):
    from careers.models import EmploymentProjection, Occupation
    from content.models import Source

    occupation = Occupation.objects.get(slug="nursing-assistants")
    response = editor_client.post(
        reverse("admin:careers_employmentprojection_add"),
        {
            "occupation": occupation.pk,
            "start_year": "2031",
            "end_year": "2021",
            "percent": "4",
            "label": "",
            "source": Source.objects.first().pk,
        },
    )
    assert response.status_code == 200
    assert "The start year must come before the end year." in response.content.decode()
    assert not EmploymentProjection.objects.filter(occupation=occupation, start_year=2031).exists()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/admin/careerpath/wagefigure/?area=TX", "/admin/careers/wagefigure/?area=TX"),
        ("/admin/careerpath/source/7/change/", "/admin/content/source/7/change/"),
        ("/admin/programs/accreditor/", "/admin/certifications/accreditor/"),
    ],
)
def test_an_editor_s_bookmark_from_before_the_split_is_redirected(editor_client, old, new):
    response = editor_client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_programs_own_admin_pages_are_not_redirected(editor_client):
    assert editor_client.get("/admin/programs/program/").status_code == 200
