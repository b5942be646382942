"""The directory's filters: what a visitor narrows the program list by, all in the URL."""

import django_filters
from django import forms
from django.db.models import Count, F, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from careers.areas import POSTAL_PLACES
from certifications.models import Accreditor
from content.limits import MAX_DOLLARS, MAX_PROGRAM_MONTHS

from . import places
from .awards import AWARD_LEVEL_PATHS, AwardLevel
from .models import EducationPath, Program

ANY_ACCREDITED, NOT_ACCREDITED, UNKNOWN_ACCREDITATION = "any", "none", "unknown"
YES, NO = "yes", "no"

# A program whose cost, length or earnings are unknown sorts after every program with one, either way.
SORTS = {
    "name": ("Name, A to Z", ("name", "institution", "id")),
    "cost": ("Lowest total cost first", (F("total_cost").asc(nulls_last=True), "name", "institution", "id")),
    "-cost": ("Highest total cost first", (F("total_cost").desc(nulls_last=True), "name", "institution", "id")),
    "length": ("Shortest first", (F("months").asc(nulls_last=True), "name", "institution", "id")),
    "-length": ("Longest first", (F("months").desc(nulls_last=True), "name", "institution", "id")),
    "-earnings": (
        "Highest graduates’ earnings first (field data)",
        (F("earnings_1yr_median").desc(nulls_last=True), "name", "institution", "id"),
    ),
    "earnings": (
        "Lowest graduates’ earnings first (field data)",
        (F("earnings_1yr_median").asc(nulls_last=True), "name", "institution", "id"),
    ),
}
DEFAULT_SORT = "name"

# The paths of the IPEDS certificate award levels: a visitor who asks for "Certificate or diploma" means them too.
CERTIFICATE_PATH = "certificate-or-diploma"
CERTIFICATE_AWARD_PATHS = sorted({slug for level, slug in AWARD_LEVEL_PATHS.items() if level != AwardLevel.ASSOCIATE})

# The filters that need a value to match, and how a program lacking that value (unknown) is recognised:
# such a program is left out, and the directory says how many were. (name, what is unknown, Q of unknowns)
VALUE_FILTERS = [
    ("format", "format", Q(delivery_format="")),
    ("accreditor", "accreditation", Q(accreditor_known=False)),
    ("control", "school control", Q(control="")),
    ("max_cost", "total cost", Q(total_cost__isnull=True)),
    ("max_months", "length", Q(months__isnull=True)),
    ("externship", "externship", Q(has_externship__isnull=True)),
    ("placement", "job placement help", Q(has_placement_help__isnull=True)),
]


class WholeNumberFilter(django_filters.NumberFilter):
    # Whole numbers with bounds: a decimal field would let 1e309 reach the database as an overflow.
    field_class = forms.IntegerField


class ZipCodeField(forms.CharField):
    """Five digits that name a ZIP code the bundled ZIP data know; the error names what was given."""

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        if not places.FIVE_DIGITS.match(value):
            raise forms.ValidationError(f"“{value}” is not a ZIP code: give its five digits, e.g. 33125.")
        if places.zip_centre(value) is None:
            raise forms.ValidationError(f"The ZIP code {value} is not one we know: check it, or choose a state.")
        return value


class ZipCodeFilter(django_filters.CharFilter):
    field_class = ZipCodeField


# The place filters: "online" is not a place, so with any of them online programs are offered in their own group.
PLACE_FILTERS = ("state", "near")
# Drawn in the directory's header (the ZIP code box), not among the other filters.
HEADER_FILTERS = ("near", "within")


class ProgramFilter(django_filters.FilterSet):
    """Near a ZIP, state, format, control, path, accreditor, cost, length, externship, placement help; the sort."""

    near = ZipCodeFilter(
        method="filter_near",
        label="ZIP code",
        max_length=10,
        strip=True,
        help_text="Five digits: in-person and hybrid programs near it, nearest first.",
    )
    within = django_filters.ChoiceFilter(
        method="filter_within",
        choices=[(str(miles), f"{miles} miles") for miles in places.DISTANCES],
        empty_label=None,
        label="Within",
    )
    state = django_filters.ChoiceFilter(choices=POSTAL_PLACES, empty_label="Any state", label="State")
    format = django_filters.ChoiceFilter(
        field_name="delivery_format", choices=Program.Format.choices, empty_label="Any format", label="Format"
    )
    control = django_filters.ChoiceFilter(
        field_name="control", choices=Program.Control.choices, empty_label="Any", label="School control"
    )
    path = django_filters.ModelChoiceFilter(
        method="filter_path",
        queryset=EducationPath.objects.all(),
        to_field_name="slug",
        empty_label="Any path",
        label="Education path",
        help_text="The last three are the federal award levels of imported programs.",
    )
    accreditor = django_filters.ChoiceFilter(method="filter_accreditor", empty_label="Any", label="Accreditation")
    max_cost = WholeNumberFilter(
        field_name="total_cost",
        lookup_expr="lte",
        label="Maximum total cost (US dollars)",
        min_value=0,
        max_value=MAX_DOLLARS,
        help_text="Programs that do not publish a cost are left out.",
    )
    max_months = WholeNumberFilter(
        field_name="months",
        lookup_expr="lte",
        label="Maximum length (months)",
        min_value=1,
        max_value=MAX_PROGRAM_MONTHS,
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
    earnings = django_filters.ChoiceFilter(
        method="filter_earnings",
        choices=[(YES, "With graduates’ earnings data")],
        empty_label="Any",
        label="Graduates’ earnings",
        help_text="From the College Scorecard, for the field of study at the school.",
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
            (NOT_ACCREDITED, f"Not accredited by {recognised or 'a recognized accreditor'} (checked)"),
            (UNKNOWN_ACCREDITATION, "Unknown (nobody has checked yet)"),
        ]

    def place_centre(self):
        """The ZIP code's centre when a valid `near` is set, else None."""
        data = getattr(self.form, "cleaned_data", {})
        return places.zip_centre(data.get("near") or "")

    def within_miles(self):
        data = getattr(self.form, "cleaned_data", {})
        return int(data.get("within") or places.DEFAULT_DISTANCE)

    def filter_near(self, queryset, name, value):
        """In-person and hybrid programs (and those of unknown format) within the distance, nearest first."""
        centre = places.zip_centre(value)
        if centre is None:
            return queryset
        miles = self.within_miles()
        south, north, west, east = places.bounding_box(centre, miles)
        # The box walks the latitude index and spares the distance formula every far-away row.
        return (
            queryset.exclude(delivery_format=Program.Format.ONLINE)
            .filter(latitude__gte=south, latitude__lte=north, longitude__gte=west, longitude__lte=east)
            .annotate(distance=places.distance_miles(centre))
            .filter(distance__lte=miles)
            .order_by("distance", "name", "institution", "id")
        )

    def filter_within(self, queryset, name, value):
        return queryset  # read by filter_near

    def online_elsewhere(self, *, most):
        """With a place filter set, online programs from elsewhere matching every other filter: (first `most`, count).

        None when no place filter is set (online programs are then in the list itself).
        """
        if not self.is_bound or not hasattr(self.form, "cleaned_data"):
            return None
        data = self.form.cleaned_data
        if not any(data.get(name) for name in PLACE_FILTERS):
            return None
        queryset = self.queryset.filter(delivery_format=Program.Format.ONLINE)
        if data.get("state"):
            queryset = queryset.exclude(state=data["state"])
        for name, value in data.items():
            if name in (*PLACE_FILTERS, "within", "format", "sort") or value in (None, ""):
                continue
            queryset = self.filters[name].filter(queryset, value)
        if data.get("sort"):
            queryset = self.filters["sort"].filter(queryset, data["sort"])
        return list(queryset[:most]), queryset.count()

    def filter_path(self, queryset, name, value):
        if value.slug == CERTIFICATE_PATH:
            return queryset.filter(path__slug__in=[CERTIFICATE_PATH, *CERTIFICATE_AWARD_PATHS])
        return queryset.filter(path=value)

    def filter_accreditor(self, queryset, name, value):
        if value == ANY_ACCREDITED:
            return queryset.filter(accreditor__recognised=True)
        if value == UNKNOWN_ACCREDITATION:
            return queryset.filter(accreditor_known=False)
        if value == NOT_ACCREDITED:
            # Known to have none, or another body: a program nobody has checked is unknown, not "none".
            return queryset.filter(accreditor_known=True).filter(
                Q(accreditor__isnull=True) | Q(accreditor__recognised=False)
            )
        return queryset.filter(accreditor__slug=value)

    def filter_earnings(self, queryset, name, value):
        return queryset.filter(earnings_1yr_median__isnull=False)

    def filter_flag(self, queryset, name, value):
        return queryset.filter(**{self.FLAG_FIELDS[name]: value == YES})

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS[value][1])

    def left_out(self):
        """The programs a value-needing filter left out because that value is unknown: (total, [(what, count)]).

        They are the programs that would match if an unknown counted as a match; one query whatever the data.
        """
        data = self.form.cleaned_data
        # Asking for the unknowns leaves none of them out.
        active = [
            (name, what, unknown)
            for name, what, unknown in VALUE_FILTERS
            if data.get(name) and not (name == "accreditor" and data[name] == UNKNOWN_ACCREDITATION)
        ]
        if not active:
            return 0, []
        lenient = self.queryset
        for name, value in self.form.cleaned_data.items():
            if value in (None, "") or name == "sort":
                continue
            unknown = next((q for n, _, q in active if n == name), None)
            if name == "near":
                lenient = self.filters[name].filter(lenient, value).order_by()
                continue
            if unknown is None:
                lenient = self.filters[name].filter(lenient, value)
            else:
                matching = self.filters[name].filter(Program.objects.all(), value).values("pk")
                lenient = lenient.filter(Q(pk__in=matching) | unknown)
        any_unknown = Q()
        for _, _, unknown in active:
            any_unknown |= unknown
        counts = lenient.aggregate(
            total=Count("pk", filter=any_unknown),
            **{f"c{index}": Count("pk", filter=unknown) for index, (_, _, unknown) in enumerate(active)},
        )
        return counts["total"], [(what, counts[f"c{index}"]) for index, (_, what, _) in enumerate(active)]

    def count_without(self, dropped):
        """How many programs the same filters less `dropped` let through: one count, no second filter set."""
        queryset = self.queryset
        for name, value in self.form.cleaned_data.items():
            if name in (dropped, "sort") or value in (None, ""):
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset.count()

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
            if name == "within" and not self.form.cleaned_data.get("near"):
                continue  # a distance with no ZIP code filters nothing
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

    def header_fields(self):
        """The ZIP code box and its distance, drawn in the directory's header."""
        return [field for field in self._drawn() if field["name"] in HEADER_FILTERS]

    def fields(self):
        """The filters drawn under "Filter and sort" (the ZIP code box is in the header)."""
        return [field for field in self._drawn() if field["name"] not in HEADER_FILTERS]

    def _drawn(self):
        """Each visible field as the directory's lean template draws it (Bootstrap 5 markup, as crispy's).

        The directory's filters are drawn on every uncached directory page: building the options here and
        writing them out in one small template costs a fraction of crispy's nested templates per option.
        """
        if hasattr(self, "_drawn_fields"):
            return self._drawn_fields
        form = self.form
        errors = form.errors if form.is_bound else {}
        drawn = self._drawn_fields = []
        for bound in form:
            field = bound.field
            value = bound.value()
            current = "" if value is None else str(value)
            if bound.name == "within" and not current:
                current = str(places.DEFAULT_DISTANCE)
            error_list = errors.get(bound.name, [])
            widget_id = bound.id_for_label
            described = [f"{widget_id}_helptext"] if field.help_text else []
            if error_list:
                described.append(f"{widget_id}_error")
            entry = {
                "name": bound.name,
                "id": widget_id,
                "label": field.label,
                "help": field.help_text,
                "errors": error_list,
                "describedby": " ".join(described),
                "value": current,
            }
            if isinstance(field, forms.ChoiceField):
                # Written out here at once: a template loop costs several lookups per option, ~100 options.
                entry["options"] = mark_safe(
                    "".join(
                        f'<option value="{escape(choice)}"{" selected" if str(choice) == current else ""}>'
                        f"{escape(label)}</option>"
                        for choice, label in field.choices
                    )
                )
            else:
                entry["min"], entry["max"] = getattr(field, "min_value", None), getattr(field, "max_value", None)
            drawn.append(entry)
        return drawn
