"""The directory's filters: what a visitor narrows the program list by, all in the URL."""

import django_filters
from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Layout
from django import forms
from django.db.models import F, Q

from .models import Accreditor, EducationPath, Program

US_STATES = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"), ("CA", "California"),
    ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"), ("DC", "District of Columbia"),
    ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"), ("ID", "Idaho"), ("IL", "Illinois"),
    ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"), ("KY", "Kentucky"), ("LA", "Louisiana"),
    ("ME", "Maine"), ("MD", "Maryland"), ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"),
    ("MS", "Mississippi"), ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"), ("OR", "Oregon"),
    ("PA", "Pennsylvania"), ("RI", "Rhode Island"), ("SC", "South Carolina"), ("SD", "South Dakota"),
    ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"),
    ("WA", "Washington"), ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
    ("AS", "American Samoa"), ("GU", "Guam"), ("MP", "Northern Mariana Islands"), ("PR", "Puerto Rico"),
    ("VI", "U.S. Virgin Islands"),
]  # fmt: skip
STATE_NAMES = dict(US_STATES)

ANY_ACCREDITED, NOT_ACCREDITED = "any", "none"
YES, NO = "yes", "no"
MAX_COST = 1_000_000

SORTS = {
    "name": ("Name, A to Z", ("name", "institution", "id")),
    "cost": ("Lowest total cost first", (F("total_cost").asc(nulls_last=True), "name", "institution", "id")),
    "-cost": ("Highest total cost first", (F("total_cost").desc(nulls_last=True), "name", "institution", "id")),
    "length": ("Shortest first", ("months", "name", "institution", "id")),
    "-length": ("Longest first", ("-months", "name", "institution", "id")),
}
DEFAULT_SORT = "name"


class WholeNumberFilter(django_filters.NumberFilter):
    # Whole numbers with bounds: a decimal field would let 1e309 reach the database as an overflow.
    field_class = forms.IntegerField


class ProgramFilter(django_filters.FilterSet):
    """State, format, path, accreditor, cost, length, externship, placement help, and the sort order."""

    state = django_filters.ChoiceFilter(choices=US_STATES, empty_label="Any state", label="State")
    format = django_filters.ChoiceFilter(
        field_name="delivery_format", choices=Program.Format.choices, empty_label="Any format", label="Format"
    )
    path = django_filters.ModelChoiceFilter(
        queryset=EducationPath.objects.all(),
        to_field_name="slug",
        empty_label="Any path",
        label="Education path",
    )
    accreditor = django_filters.ChoiceFilter(method="filter_accreditor", empty_label="Any", label="Accreditation")
    max_cost = WholeNumberFilter(
        field_name="total_cost",
        lookup_expr="lte",
        label="Maximum total cost (US dollars)",
        min_value=0,
        max_value=MAX_COST,
        help_text="Programs that do not publish a cost are left out.",
    )
    max_months = WholeNumberFilter(
        field_name="months",
        lookup_expr="lte",
        label="Maximum length (months)",
        min_value=1,
        max_value=60,
    )
    externship = django_filters.ChoiceFilter(
        method="filter_flag",
        choices=[(YES, "With an externship"), (NO, "Without")],
        empty_label="Either",
        label="Externship",
    )
    placement = django_filters.ChoiceFilter(
        method="filter_flag",
        choices=[(YES, "With job placement help"), (NO, "Without")],
        empty_label="Either",
        label="Job placement help",
    )
    sort = django_filters.ChoiceFilter(
        method="sort_by",
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        empty_label=None,
        label="Sort by",
    )

    FLAG_FIELDS = {"externship": "has_externship", "placement": "has_placement_help"}

    class Meta:
        model = Program
        fields = []

    def __init__(self, *args, accreditors=None, **kwargs):
        super().__init__(*args, **kwargs)
        accreditors = list(Accreditor.objects.order_by("abbreviation")) if accreditors is None else accreditors
        # "Recognised" is the Accreditor.recognised flag, the same the checklist's accreditation factor reads.
        recognised = " or ".join(a.abbreviation for a in accreditors if a.recognised)
        self.filters["accreditor"].extra["choices"] = [
            *((a.slug, a.abbreviation) for a in accreditors),
            (
                ANY_ACCREDITED,
                f"Any recognized accreditor ({recognised})" if recognised else "Any recognized accreditor",
            ),
            (NOT_ACCREDITED, "No recognized accreditor"),
        ]

    def filter_accreditor(self, queryset, name, value):
        if value == ANY_ACCREDITED:
            return queryset.filter(accreditor__recognised=True)
        if value == NOT_ACCREDITED:
            return queryset.filter(Q(accreditor__isnull=True) | Q(accreditor__recognised=False))
        return queryset.filter(accreditor__slug=value)

    def filter_flag(self, queryset, name, value):
        return queryset.filter(**{self.FLAG_FIELDS[name]: value == YES})

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS[value][1])

    @property
    def active(self):
        """The filters the visitor set (not the sort), as (name, label, shown value) in form order."""
        if not self.is_bound or not hasattr(self.form, "cleaned_data"):
            return []
        chosen = []
        for name, field in self.form.fields.items():
            value = self.form.cleaned_data.get(name)
            if name == "sort" or value in (None, ""):
                continue
            if isinstance(field, forms.ChoiceField):
                shown = dict(field.choices).get(value, value)
            elif name == "max_cost":
                shown = f"${value:,}"
            elif name == "max_months":
                shown = f"{value} months"
            else:
                shown = str(value)
            chosen.append((name, field.label, shown))
        return chosen

    @property
    def form(self):
        form = super().form
        if not hasattr(form, "helper"):
            form.helper = FormHelper()
            form.helper.form_method = "get"
            form.helper.form_id = "program-filters"
            form.helper.attrs = {"aria-labelledby": "filters-heading"}
            form.helper.layout = Layout(
                Div(
                    *(Div(name, css_class="col-sm-6 col-lg-3") for name in form.fields),
                    css_class="row g-2",
                ),
                StrictButton("Show programs", type="submit", css_class="btn-primary"),
                HTML('<a class="btn btn-link" href="{% url \'programs:program-list\' %}">Clear the filters</a>'),
            )
        return form
