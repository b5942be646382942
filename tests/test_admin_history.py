"""An editor sees who changed a figure and when, and reverts a change from the admin history."""

import html
import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains
from reversion.models import Version

from careers.models import Occupation, WageFigure

pytestmark = pytest.mark.usefixtures("seeded")


def _change_wage(client, wage, amount):
    return client.post(
        reverse("admin:careers_wagefigure_change", args=[wage.pk]),
        {
            "occupation": wage.occupation_id,
            "area": "US",
            "median_annual_wage": str(amount),
            "reference_year": str(wage.reference_year),
            "reference_period": wage.reference_period,
            "source": wage.source_id,
        },
    )


def _wage():
    return WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2021)


def test_every_content_model_keeps_history():
    import reversion
    from django.contrib import admin

    ours = [
        model
        for model in admin.site._registry
        if model._meta.app_label in {"content", "careers", "programs", "certifications"}
    ]
    assert ours
    assert all(reversion.is_registered(model) for model in ours)


def test_a_change_records_who_made_it_and_when(editor_client):
    wage = _wage()
    assert _change_wage(editor_client, wage, 37200).status_code == 302
    version = Version.objects.get_for_object(wage).first()
    assert version.revision.user.username == "editor"
    assert version.revision.date_created is not None
    assert version.field_dict["median_annual_wage"] == 37200

    history = editor_client.get(reverse("admin:careers_wagefigure_history", args=[wage.pk]))
    assertContains(history, "editor")
    assertContains(history, reverse("admin:careers_wagefigure_revision", args=[wage.pk, version.pk]))


def test_an_editor_reverts_a_wage_to_an_earlier_version(editor_client):
    wage = _wage()
    _change_wage(editor_client, wage, 37200)
    _change_wage(editor_client, wage, 99999)
    first = Version.objects.get_for_object(wage).order_by("pk").first()
    assert first.field_dict["median_annual_wage"] == 37200

    url = reverse("admin:careers_wagefigure_revision", args=[wage.pk, first.pk])
    form = editor_client.get(url)
    assertContains(form, 'value="37200"')
    reverted = _change_wage_at(editor_client, url, wage, 37200)
    assert reverted.status_code == 302
    assert _wage().median_annual_wage == 37200
    assert Version.objects.get_for_object(wage).count() == 3


def test_an_occupation_change_records_its_inline_figures(editor_client):
    occupation = Occupation.objects.get(slug="medical-assistants")
    page = editor_client.get(reverse("admin:careers_occupation_change", args=[occupation.pk]))
    assert page.status_code == 200
    data = _form_data(page)
    data["summary"] = "An edited summary."
    response = editor_client.post(reverse("admin:careers_occupation_change", args=[occupation.pk]), data)
    assert response.status_code == 302
    version = Version.objects.get_for_object(occupation).first()
    followed = {v.content_type.model for v in version.revision.version_set.all()}
    assert {"occupation", "wagefigure", "duty", "employmentprojection"} <= followed


def test_a_deleted_source_free_of_references_can_be_recovered(editor_client):
    from content.models import Source

    add = editor_client.post(
        reverse("admin:content_source_add"),
        {
            "key": "temporary-source",
            "publisher": "Example publisher",
            "title": "A page an editor added by mistake",
            "url": "",
            "published": "undated",
            "seen_on": "2026-11-01",
            "provenance": "issuer-page",
            "confidence": "high",
            "notes": "",
        },
    )
    assert add.status_code == 302
    source = Source.objects.get(key="temporary-source")
    editor_client.post(reverse("admin:content_source_delete", args=[source.pk]), {"post": "yes"})
    assert not Source.objects.filter(key="temporary-source").exists()

    recover_list = editor_client.get(reverse("admin:content_source_recoverlist"))
    assertContains(recover_list, "A page an editor added by mistake")
    version = Version.objects.get_deleted(Source).get(object_id=str(source.pk))
    url = reverse("admin:content_source_recover", args=[version.pk])
    page = editor_client.get(url)
    assert editor_client.post(url, _form_data(page)).status_code == 302
    assert Source.objects.filter(key="temporary-source").exists()


def _change_wage_at(client, url, wage, amount):
    return client.post(
        url,
        {
            "occupation": wage.occupation_id,
            "area": "US",
            "median_annual_wage": str(amount),
            "reference_year": str(wage.reference_year),
            "reference_period": wage.reference_period,
            "source": wage.source_id,
        },
    )


def _form_data(response):
    """The values an admin change form would submit unchanged: inputs, selected options, textareas."""
    page = response.content.decode()
    form = re.search(r'<form[^>]*id="\w+_form".*?</form>', page, re.S).group(0)
    data = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or name.group(1) == "csrfmiddlewaretoken" or re.search(r'type="(submit|button|file)"', tag):
            continue
        if 'type="checkbox"' in tag and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        data[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for attrs, body in re.findall(r"<select([^>]*)>(.*?)</select>", form, re.S):
        name = re.search(r'name="([^"]+)"', attrs).group(1)
        selected = [html.unescape(v) for v in re.findall(r'<option value="([^"]*)"[^>]*selected', body)]
        if selected:
            data[name] = selected if "multiple" in attrs else selected[0]
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data[name] = html.unescape(body.removeprefix("\n"))
    return data
