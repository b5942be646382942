"""The eligibility checker page: which certifications a visitor may sit for, by the stored routes.

Results first: once answered, the page shows the verdicts and a one-line summary of the answers, and no
form; `edit=1` shows the form filled in instead. A wrong answer shows the form with its errors. A link in
an older form of the query string moves permanently to the same answers in today's (old_links.py).
"""

from urllib.parse import urlencode

from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.text import capfirst
from django.views.generic import TemplateView

from content.http import PrivateUnlessCanonicalMixin, repeats_a_name, typed_values_given
from content.memo import per_content_version

from .. import eligibility, plain_words, results, selectors
from ..forms import EligibilityForm, names
from ..forms.names import field_name
from . import old_links

Training = eligibility.Training
# The route trainings a (new) medical assisting program can fulfil: what the directory lists.
PROGRAM_TRAININGS = (Training.ACCREDITED_PROGRAM, Training.ANY_PROGRAM, Training.PROGRAM_OR_APPRENTICESHIP)


class EligibilityView(PrivateUnlessCanonicalMixin, TemplateView):
    @staticmethod
    @per_content_version
    def query_parameters():
        """Read by the page cache (careerpath/page_cache.py): the checker's fields, which follow the stored routes
        (read again once the content version moves on), edit=1 (the answered form filled in) and the first step's
        marker (step=follow-ups: ask the questions its answers open)."""
        certifications = selectors.certifications_with_routes()
        routes = [route for certification in certifications for route in certification.routes.all()]
        return frozenset((*EligibilityForm(routes=routes).fields, "edit", names.STEP_FIELD))

    template_name = "certifications/eligibility.html"

    def get(self, request, *args, **kwargs):
        certifications = selectors.certifications_with_routes()
        routes = [route for certification in certifications for route in certification.routes.all()]
        form = EligibilityForm(request.GET or None, routes=routes)
        # Typed answers (hours, months, years) make a page per visitor: answered, but kept by no shared cache.
        self.query_canonical = not repeats_a_name(request.GET) and not typed_values_given(form, request.GET)
        today = old_links.todays_query(request.GET, form)
        if today is not None:
            return HttpResponsePermanentRedirect(f"{request.path}?{today.urlencode()}" if today else request.path)
        answered = form.has_answers()
        edit = answered and request.GET.get("edit") == "1"
        outcomes, questions = [], []
        if answered:
            form.is_valid()
        # Without JavaScript every question would show at once: a blank checker asks the first step only, and
        # the first step's answers ask only the questions they open (none: the results at once).
        step = None
        if not answered:
            step = "first"
            form.first_step()
        elif not edit and request.GET.get(names.STEP_FIELD) == names.FOLLOW_UPS and not form.errors:
            follow_ups = form.follow_up_fields()
            if follow_ups and not any(name in request.GET for name in follow_ups):
                step = "follow-ups"
                form.second_step(request.GET)
        if answered and not edit and step is None:
            outcomes = plain_words.best_first(eligibility.evaluate(certifications, form.candidate()))
            questions = _questions_in_form_order(form, outcomes)
        context = self.get_context_data(
            form=form,
            answered=answered,
            editing=edit,
            show_form=not answered or edit or bool(form.errors) or step is not None,
            step=step,
            answers_summary=form.answers_summary() if outcomes else "",
            work_counted=form.work_counted if outcomes else [],
            summary=[(outcome, plain_words.summary_line(outcome)) for outcome in outcomes],
            results=[(outcome, plain_words.headline(outcome), next_step(outcome)) for outcome in outcomes],
            names_in_full=_names_in_full(outcomes),
            questions=questions,
            rules_checked_on=selectors.rules_checked_on(certifications),
            certifications=certifications,
        )
        # A wrong answer is the visitor's to fix: 400 tells machines so, and the page still answers.
        return self.render_to_response(context, status=400 if form.is_bound and form.errors else 200)


def _names_in_full(outcomes):
    """(short name, name in full) of every certification, body and accreditor the results name, each once."""
    named = {}
    for outcome in outcomes:
        certification = outcome.certification
        named.setdefault(certification.abbreviation, certification.name)
        named.setdefault(certification.body.abbreviation, certification.body.name)
        for result in outcome.routes:
            for accreditor in result.route.accreditors.all():
                named.setdefault(accreditor.abbreviation, accreditor.name)
    return list(named.items())


def _questions_in_form_order(form, outcomes):
    """What else the checker needs, once each, in the order the form asks it: (field name, question)."""
    wanted = {field_name(q): q for outcome in outcomes for q in outcome.questions}
    return [(name, wanted[name]) for name in form.fields if name in wanted]


def next_step(outcome):
    """For a "not yet" or "not eligible" verdict, what would change it, with where to go next; else None.

    The route that decides a "not yet" says what to wait or work for. A route that asks for a program the
    visitor does not have is one a program may open: the directory, filtered to the programs it accepts.
    The training paths and the body's own page are always offered.
    """
    if outcome.verdict not in (results.NOT_YET, results.NOT_ELIGIBLE):
        return None
    certification = outcome.certification
    body = certification.body.abbreviation
    waiting = outcome.deciding if outcome.verdict == results.NOT_YET else None
    opening = next(
        (
            result
            for result in outcome.routes
            if result.route.training in PROGRAM_TRAININGS
            and result.status == results.NOT_ELIGIBLE
            # Closed for want of the training it asks, not for being too late or too early.
            and results.Unmet.TRAINING in result.unmet
        ),
        None,
    )
    step = {"wait": None, "program": None, "directory": [], "body": body}
    step["plain"] = plain_words.next_step_line(outcome, program_may_open=opening is not None)
    if waiting is not None:
        step["wait"] = f"The “{waiting.route.name}” route {_lower_first(waiting.summary)}"
    if opening is not None:
        route = opening.route
        step["program"] = f"{capfirst(_program_wanted(route))} may open the “{route.name}” route"
        step["directory"] = _directory_links(route)
    confirm_route = (waiting or opening).route if (waiting or opening) else None
    step["body_url"] = confirm_route.where_to_confirm if confirm_route else certification.official_url
    step["paths_url"] = reverse("programs:paths")
    return step


def _program_wanted(route):
    """The program a route asks for, in words: “a medical assisting program accredited by CAAHEP or ABHES”."""
    if route.training == Training.ACCREDITED_PROGRAM:
        names = " or ".join(a.abbreviation for a in route.accreditors.all())
        wanted = (
            f"a medical assisting program accredited by {names}"
            if names
            else f"a medical assisting program accredited as the {route.certification.body.abbreviation} requires"
        )
    elif route.training == Training.PROGRAM_OR_APPRENTICESHIP:
        wanted = "a medical assisting program (or apprenticeship)"
    else:
        wanted = "a medical assisting program"
    if route.min_externship_hours:
        wanted += f" with an externship of {route.min_externship_hours}+ hours"
    return wanted


def _directory_links(route):
    """(text, URL) of the directory filtered to the programs the route may accept, by the filters' own names."""
    directory = reverse("programs:program-list")
    extra = {"externship": "yes"} if route.min_externship_hours else {}
    accreditors = list(route.accreditors.all()) if route.training == Training.ACCREDITED_PROGRAM else []
    with_externship = " with an externship" if extra else ""
    if accreditors:
        return [
            (
                f"{accreditor.abbreviation}-accredited programs{with_externship} in the directory",
                f"{directory}?{urlencode({'accreditor': accreditor.slug, **extra})}",
            )
            for accreditor in accreditors
        ]
    query = f"?{urlencode(extra)}" if extra else ""
    unnamed = (
        f" (ask the {route.certification.body.abbreviation} which accreditation it accepts)"
        if route.training == Training.ACCREDITED_PROGRAM
        else ""
    )
    return [(f"Medical assisting programs{with_externship} in the directory{unnamed}", f"{directory}{query}")]


def _lower_first(text):
    return text[:1].lower() + text[1:]
