"""Admin for education: paths, topics, accreditors, selection factors and programs."""

from django.contrib import admin

from .models import Accreditor, EducationPath, Program, SelectionFactor, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["source"]


@admin.register(EducationPath)
class EducationPathAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "length_text",
        "min_months",
        "max_months",
        "includes_general_education",
        "order",
    ]
    list_filter = ["includes_general_education"]
    search_fields = ["name", "focus"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["topics"]
    autocomplete_fields = ["source"]


@admin.register(Accreditor)
class AccreditorAdmin(admin.ModelAdmin):
    list_display = ["abbreviation", "name", "website"]
    search_fields = ["abbreviation", "name"]
    prepopulated_fields = {"slug": ["abbreviation"]}
    autocomplete_fields = ["source"]


@admin.register(SelectionFactor)
class SelectionFactorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["name", "guidance", "question"]
    autocomplete_fields = ["source"]


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "institution",
        "city",
        "state",
        "delivery_format",
        "path",
        "accreditor",
        "total_cost",
        "months",
        "is_example",
        "last_verified",
    ]
    list_filter = [
        "is_example",
        "delivery_format",
        "path",
        "accreditor",
        "has_externship",
        "has_placement_help",
        "state",
    ]
    search_fields = ["name", "institution", "city", "state"]
    list_select_related = ["path", "accreditor"]
    prepopulated_fields = {"slug": ["institution", "name"]}
    date_hierarchy = "last_verified"
    list_per_page = 50
