"""Admin for credentials: certifying bodies, certifications, their facts and eligibility routes."""

from django.contrib import admin
from reversion.admin import VersionAdmin

from .models import Certification, CertificationFact, CertifyingBody, EligibilityRoute


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


class EligibilityRouteInline(admin.StackedInline):
    model = EligibilityRoute
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
