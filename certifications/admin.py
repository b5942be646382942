"""Admin for credentials: accreditors, certifying bodies, certifications, their facts and eligibility routes."""

from django import forms
from django.contrib import admin
from reversion.admin import VersionAdmin

from .models import Accreditor, Certification, CertificationFact, CertifyingBody, EligibilityRoute


@admin.register(Accreditor)
class AccreditorAdmin(VersionAdmin):
    list_display = ["abbreviation", "name", "recognised", "website"]
    list_filter = ["recognised"]
    search_fields = ["abbreviation", "name"]
    prepopulated_fields = {"slug": ["abbreviation"]}
    autocomplete_fields = ["source"]


@admin.register(CertifyingBody)
class CertifyingBodyAdmin(VersionAdmin):
    list_display = ["abbreviation", "name", "website"]
    search_fields = ["abbreviation", "name"]
    prepopulated_fields = {"slug": ["abbreviation"]}
    autocomplete_fields = ["source"]


class CertificationFactInline(admin.StackedInline):
    model = CertificationFact
    extra = 0
    autocomplete_fields = ["source"]


class EligibilityRouteForm(forms.ModelForm):
    """Refuses accreditors on a route that does not ask for an accredited program: the checker would ignore them.

    The admin gives it the model and fields.
    """

    def clean(self):
        cleaned = super().clean()
        accreditors = cleaned.get("accreditors")
        if accreditors and cleaned.get("training") != EligibilityRoute.Training.ACCREDITED_PROGRAM:
            self.add_error("accreditors", "Only a route that asks for an accredited program accepts accreditors.")
        return cleaned


class EligibilityRouteInline(admin.StackedInline):
    model = EligibilityRoute
    form = EligibilityRouteForm
    extra = 0
    autocomplete_fields = ["source"]
    filter_horizontal = ["accreditors"]


@admin.register(Certification)
class CertificationAdmin(VersionAdmin):
    list_display = ["abbreviation", "name", "body", "order"]
    list_filter = ["body"]
    list_editable = ["order"]
    search_fields = ["abbreviation", "name", "body__name"]
    list_select_related = ["body"]
    prepopulated_fields = {"slug": ["abbreviation"]}
    autocomplete_fields = ["source"]
    inlines = [CertificationFactInline, EligibilityRouteInline]


@admin.register(CertificationFact)
class CertificationFactAdmin(VersionAdmin):
    list_display = ["certification", "kind", "text", "source"]
    list_filter = ["kind", "certification"]
    search_fields = ["text"]
    list_select_related = ["certification", "source"]
    autocomplete_fields = ["source"]


@admin.register(EligibilityRoute)
class EligibilityRouteAdmin(VersionAdmin):
    form = EligibilityRouteForm
    list_display = [
        "certification",
        "name",
        "training",
        "stage",
        "max_years_since_training",
        "min_years_experience",
        "hours_per_year",
        "requires_diploma",
        "order",
    ]
    list_filter = ["certification", "training", "stage", "requires_diploma"]
    search_fields = ["name", "description", "condition"]
    list_select_related = ["certification"]
    autocomplete_fields = ["source"]
    filter_horizontal = ["accreditors"]
