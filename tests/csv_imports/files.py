"""The CSV files the import tests send, and the admin's upload and confirm as an editor's browser posts them."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careers.models import WageFigure

WAGE_HEADER = "occupation,reference_year,median_annual_wage,reference_period,source"
PROGRAM_HEADER = (
    "institution,name,slug,city,state,delivery_format,path,accreditor,total_cost,months,"
    "has_externship,has_placement_help,website,last_verified,is_example"
)


def program_row(slug, *, months="10", state="OH", delivery_format="hybrid"):
    from certifications.models import Accreditor
    from programs.models import EducationPath

    path = EducationPath.objects.order_by("pk").first().slug
    accreditor = Accreditor.objects.order_by("pk").first().slug
    return (
        f"Example Community College,Example MA Certificate {slug},{slug},Exampleville,{state},{delivery_format},"
        f"{path},{accreditor},12500,{months},1,0,https://example.org/{slug},2026-11-01,1"
    )


def upload(client, url_name, text):
    return client.post(
        reverse(url_name),
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile("rows.csv", text.encode(), content_type="text/csv"),
        },
    )


def confirm(client, url_name, preview):
    html = preview.content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    fields.pop("csrfmiddlewaretoken", None)
    return client.post(reverse(url_name), fields)


def all_wage_export_fields():
    from careers.admin import WageFigureResource

    return {f"wagefigureresource_{name}": "on" for name in WageFigureResource._meta.fields}


def error_rows(response):
    """(row number, error text) for every row the preview lists as failing."""
    html = response.content.decode()
    rows = re.findall(r'<td>(\d+) </td>\s*<td class="errors">(.*?)</td>', html, re.S)
    return [(number, re.sub(r"<[^>]+>|\s+", " ", text)) for number, text in rows]


def wage_csv(value):
    return "\n".join([WAGE_HEADER, f"medical-assistants,2021,{value},May 2021,bls-2021-via-article"])


def medical_assistants_2021():
    return WageFigure.objects.get(occupation__slug="medical-assistants", reference_year=2021)


def assert_refused(response, status, words):
    from django.contrib.messages import get_messages

    assert response.status_code == status
    text = response.content.decode()
    assert words in text
    assert "Import finished" not in text
    assert not [m for m in get_messages(response.wsgi_request) if "Import finished" in str(m)]
    assert "Traceback" not in text and "Error:" not in text and "Exception" not in text
