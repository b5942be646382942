"""The admin of occupations (with their duties, wages and projections inline), duties and career steps."""

from django.contrib import admin
from django.urls import reverse
from reversion.admin import VersionAdmin

from ..models import CareerStep, Duty, Occupation
from .figures import EmploymentProjectionInline, WageFigureInline


class DutyInline(admin.TabularInline):
    model = Duty
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(Occupation)
class OccupationAdmin(VersionAdmin):
    list_display = ["name", "soc_code", "is_featured", "entry_education", "order"]
    list_filter = ["is_featured"]
    list_editable = ["order"]
    search_fields = ["name", "soc_code", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["entry_education_source"]
    inlines = [DutyInline, WageFigureInline, EmploymentProjectionInline]

    def view_on_site(self, obj):
        return reverse("careers:salary-history", args=[obj.slug])


@admin.register(Duty)
class DutyAdmin(VersionAdmin):
    list_display = ["text", "kind", "occupation", "order"]
    list_filter = ["kind", "occupation"]
    search_fields = ["text"]
    autocomplete_fields = ["source"]


@admin.register(CareerStep)
class CareerStepAdmin(VersionAdmin):
    list_display = ["name", "kind", "order"]
    list_filter = ["kind"]
    list_editable = ["order"]
    search_fields = ["name", "summary", "examples"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["occupations"]
    autocomplete_fields = ["source"]
