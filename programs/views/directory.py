"""The program directory: the filtered list and one program's page (compare is in compare.py)."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import DetailView, ListView

from careers import figures, pay
from careers.areas import POSTAL_NAMES, POSTAL_PLACES
from certifications.models import Accreditor
from content.http import PrivateUnlessCanonicalMixin, repeats_a_name, typed_values_given

from .. import checklist, selectors
from ..checklist import UNKNOWN_IN_FEDERAL_DATA
from ..filters import ProgramFilter
from ..models import is_program_slug

MAX_COMPARED = 4
# The most picks a directory link carries along: enough to untick a few after ticking too many, never unbounded.
MAX_PICKS = 12
# How many programs the compare page offers to add from its short list.
SHORT_LIST = 12
# How many online programs from elsewhere the directory shows under a place filter (with a link to all).
ONLINE_ELSEWHERE = 10


def picked_slugs(request, *, most=MAX_PICKS):
    """The programs ticked so far (`p=` in the URL), in order, once each, only well-formed addresses."""
    slugs = dict.fromkeys(s.strip() for s in request.GET.getlist("p"))
    return [slug for slug in slugs if slug and is_program_slug(slug)][:most]


def compare_url(slugs):
    url = reverse("programs:compare")
    return f"{url}?{urlencode([('p', slug) for slug in slugs])}" if slugs else url


def directory_url(slugs):
    url = reverse("programs:program-list")
    return f"{url}?{urlencode([('p', slug) for slug in slugs])}" if slugs else url


def money(value):
    return "Not published" if value is None else f"${value:,}"


def unknown(program):
    """How a value nobody has recorded reads: an imported program's comes from data that do not carry it."""
    return UNKNOWN_IN_FEDERAL_DATA if program.is_imported else "not recorded — ask the school"


def accreditation_text(program):
    """Unknown (nobody checked) is not the same as none: only a checked program can be 'none in the list'."""
    if not program.accreditor_known:
        return unknown(program)
    if program.accreditor_id:
        return program.accreditor.abbreviation
    return "None of the accreditors the directory lists"


def field_values(program):
    """A program's directory fields keyed by name, each as shown; an unknown reads as such, never as "no"."""
    example = " (example)" if program.is_example else ""

    def yes_no(value):
        return unknown(program) if value is None else ("Yes" if value else "No")

    if program.total_cost is None and program.is_imported:
        cost = unknown(program)
    else:
        cost = money(program.total_cost) + example
    return {
        "institution": program.institution,
        "location": f"{program.city}, {POSTAL_NAMES.get(program.state, program.state)}",
        "address": address_text(program),
        "control": program.get_control_display() if program.control else unknown(program),
        "format": program.get_delivery_format_display() if program.delivery_format else unknown(program),
        "path": program.path.name,
        "accreditation": accreditation_text(program),
        "cost": cost,
        "length": unknown(program) if program.months is None else f"{program.months} months{example}",
        "externship": yes_no(program.has_externship),
        "placement": yes_no(program.has_placement_help),
    }


def address_text(program):
    """The school's street address, ZIP code and county as IPEDS gives them, or unknown."""
    if not (program.street_address or program.zip_code):
        return unknown(program)
    place = f"{program.city}, {program.state} {program.zip_code}".strip()
    county = f" ({program.county})" if program.county else ""
    return ", ".join(part for part in (program.street_address, place) if part) + county


FIELD_LABELS = [
    ("institution", "Institution"),
    ("location", "Location"),
    ("address", "Address"),
    ("control", "School control"),
    ("format", "Format"),
    ("path", "Education path"),
    ("accreditation", "Accreditation"),
    ("cost", "Total cost"),
    ("length", "Length"),
    ("externship", "Externship"),
    ("placement", "Job placement help"),
]


def program_fields(program):
    """Every directory field of a program as (label, shown value), the order the pages show them."""
    values = field_values(program)
    return [(label, values[name]) for name, label in FIELD_LABELS]


class ProgramListView(PrivateUnlessCanonicalMixin, ListView):
    """Filters in the URL; an invalid value is reported and the whole list shown rather than a guess."""

    # Read by the page cache (careerpath/page_cache.py): the filters, the page number, the programs ticked
    # to compare (p, carried by every link and form) and the form's "Compare" button.
    query_parameters = (*ProgramFilter.base_filters, "page", "p", "compare")

    template_name = "programs/program_list.html"
    context_object_name = "programs"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        self.picks = picked_slugs(request)
        if request.GET.get("compare"):
            # The directory's one form holds the ticks; its "Compare" button sends them on, and only them.
            return redirect(compare_url(self.picks))
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        base = selectors.programs().listed()
        self.accreditors = list(Accreditor.objects.order_by("abbreviation"))
        data = self.request.GET.copy()
        for name in ("p", "page", "compare"):
            data.pop(name, None)
        # Picks and the page number alone are not filters: the list is the unfiltered one.
        self.filterset = ProgramFilter(data or None, queryset=base, accreditors=self.accreditors)
        self.filters_valid = not self.filterset.is_bound or self.filterset.is_valid()
        # A ZIP code that is not one is said beside its box; every other filter still applies (200).
        self.near_errors = self.filterset.form.errors.get("near", []) if self.filterset.is_bound else []
        if self.near_errors and set(self.filterset.form.errors) == {"near"}:
            self.filters_valid = True
        # Typed filters (amounts, months) and repeated names make a page per visitor: kept by no shared cache.
        # A ZIP code the ZIP data knows is one of a bounded set, as a state is.
        zip_known = ["near"] if self.filterset.is_bound and not self.near_errors else []
        self.query_canonical = not repeats_a_name(data) and not typed_values_given(
            self.filterset.form, data, known=zip_known
        )
        return self.filterset.qs if self.filterset.is_bound and self.filters_valid else base

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        # A page number out of range shows the last page and a malformed one the first, never a 404.
        asked = self.request.GET.get("page")
        page = paginator.get_page(asked)
        self.query_canonical &= asked is None or asked == str(page.number)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        left_out, left_out_by = self.filterset.left_out() if self.filterset.is_bound and self.filters_valid else (0, [])
        centre = self.filterset.place_centre() if self.filters_valid else None
        online = self.filterset.online_elsewhere(most=ONLINE_ELSEWHERE) if self.filters_valid else None
        place_state = (centre.state if centre else "") or (
            self.filterset.form.cleaned_data.get("state", "") if self.filters_valid and self.filterset.is_bound else ""
        )
        context.update(
            rows=[(program, field_values(program)) for program in page.object_list],
            near=centre,
            within=self.filterset.within_miles() if centre else None,
            near_errors=self.near_errors,
            header_fields=self.filterset.header_fields(),
            online_programs=online[0] if online else [],
            online_count=online[1] if online else 0,
            online_place=POSTAL_NAMES.get(place_state, place_state),
            # Each online program's page is then priced at the reader's place, not at its school's.
            online_state=place_state if place_state in POSTAL_NAMES else "",
            online_query=self._online_query() if online else "",
            imported_on_page=any(program.is_imported for program in page.object_list),
            unknown_text=UNKNOWN_IN_FEDERAL_DATA,
            left_out=left_out,
            left_out_by=[(what, count) for what, count in left_out_by if count],
            # Said before any row: a visitor must not take an invented program for a school. The list shows
            # examples only while no real program exists (ProgramQuerySet.shown), so an example on the page
            # settles it without a query.
            examples_only=page.paginator.count > 0 and all(program.is_example for program in page.object_list),
            examples_on_page=any(program.is_example for program in page.object_list),
            filterset=self.filterset,
            form=self.filterset.form,
            filters_valid=self.filters_valid,
            active_filters=self.filterset.active if self.filters_valid else [],
            result_count=page.paginator.count,
            relax=self._relax_suggestions() if self.filters_valid and not page.paginator.count else [],
            compare_max=MAX_COMPARED,
            **self._picks_context(page.object_list),
        )
        return context

    def _online_query(self):
        """The directory's query for every online program, with the filters that are not places."""
        data = self.request.GET.copy()
        for dropped in ("state", "near", "within", "page", "compare"):
            data.pop(dropped, None)
        data["format"] = "online"
        return data.urlencode()

    def _picks_context(self, shown):
        """The ticked programs: those on this page are ticked boxes, the others ride along as hidden fields."""
        on_page = {program.slug for program in shown}
        found = selectors.programs_by_slug(slugs=self.picks) if self.picks else {}
        picked = [found[slug] for slug in self.picks if slug in found]
        self.query_canonical &= self.request.GET.getlist("p") == [program.slug for program in picked]
        return {
            "picked": picked,
            "picked_slugs": {program.slug for program in picked},
            "picked_elsewhere": [program.slug for program in picked if program.slug not in on_page],
            "picks_query": urlencode([("p", program.slug) for program in picked]),
        }

    def _relax_suggestions(self):
        """For each filter set, how many programs dropping just that one would show, with the link."""
        suggestions = []
        for name, label, shown in self.filterset.active:
            data = self.request.GET.copy()
            for dropped in (name, "page", "compare"):
                data.pop(dropped, None)
            count = self.filterset.count_without(name)
            suggestions.append({"label": label, "shown": shown, "count": count, "query": data.urlencode()})
        return sorted(suggestions, key=lambda s: -s["count"])

    def render_to_response(self, context, **kwargs):
        # A wrong filter value is the visitor's to fix: 400 tells machines so, and the page still answers.
        kwargs.setdefault("status", 200 if self.filters_valid else 400)
        return super().render_to_response(context, **kwargs)


# How a program's page asks the reader of an online program for their state (careers.pay.online_median).
PICK_STATE = "choose your state beside this."


def reader_state(request):
    """The reader's `state` on a program's page: (the postal code or "", whether it is given exactly as we link it).

    Any case is read (tx is Texas); a value that is no state, DC or territory is dropped (the page says so)."""
    given = request.GET.get("state")
    if given is None:
        return "", True
    code = given.strip().upper()
    if code not in POSTAL_NAMES:
        return "", False
    return code, given == code


class ProgramDetailView(PrivateUnlessCanonicalMixin, DetailView):
    """One program. An online one is priced in months of pay at the reader's state (`?state=TX`), chosen beside it."""

    # Read by the page cache: the reader's state, which an online program's pay reads. A value that is not
    # one of the states' codes as written, or a state on a program that does not read it, is never stored.
    query_parameters = ("state",)

    template_name = "programs/program_detail.html"
    context_object_name = "program"

    def get_queryset(self):
        return selectors.program_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        program = self.object
        factors = selectors.selection_factors()
        verdicts = checklist.program_verdicts(program, factors=factors)
        online = pay.is_online(program)
        state, exact = reader_state(self.request)
        given = self.request.GET.get("state")
        self.query_canonical = given is None or (online and exact)
        # Only an online program reads the state: another's page ignores it (and is not stored with it).
        self.state_error = given if online and given is not None and not state and given.strip() else ""
        program_pay = pay.for_programs([program], reader_state=state if online else None, pick=PICK_STATE)
        checklist_query = {"program": program.slug, **({"state": state} if online and state else {})}
        context.update(
            online=online,
            reader_state=state,
            reader_state_name=POSTAL_NAMES.get(state, ""),
            state_error=self.state_error,
            state_choices=POSTAL_PLACES,
            fields=program_fields(program),
            federal=federal_data([program], program_pay)[0],
            verdicts=verdicts,
            summary=checklist.summary(verdicts),
            outcomes=selectors.program_outlooks([program]).get(program.pk, []),
            cma_routes=selectors.cma_accreditation_routes(),
            # Where a visitor can check who accredits a program nobody has checked (one query, only then).
            accreditor_finders=[]
            if program.accreditor_known
            else list(Accreditor.objects.filter(recognised=True).exclude(finder_url="").order_by("abbreviation")),
            checklist_query=urlencode(checklist_query),
            program_pay=program_pay,
            unknown_text=UNKNOWN_IN_FEDERAL_DATA,
        )
        return context

    def render_to_response(self, context, **kwargs):
        # A state that is none is the reader's to fix: 400 tells machines so, and the page still answers.
        kwargs.setdefault("status", 400 if context.get("state_error") else 200)
        return super().render_to_response(context, **kwargs)


def federal_data(programs, program_pay=None):
    """What the federal data say of each program, in order: completions, earnings and debt, with their caveats.

    The median debt is also given as months of a medical assistant's national median pay where the
    program's cost is unknown: its own figure, never the program's cost. The national median is the one
    the page's pay figures already read (careers.pay, of the current vintage); failing that it is read
    here (two queries), only when some program needs it.
    """
    needs_pay = any(p.debt_median is not None and p.total_cost is None for p in programs)
    national = None
    if needs_pay:
        national = next((item.median.national for item in program_pay or [] if item.median.national), None)
        national = national or figures.current_national_median()
    return [selectors.FederalData.of(program, national) for program in programs]
