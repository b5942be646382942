"""The eligibility checker's form: it asks only what the stored routes need to be weighed.

`training` may repeat (accredited, other-program, apprenticeship, military, none); each training has
its own timing fields, named with the kind as a suffix (`status_military`, `months_since_military`…).
Older links are read onto them: `years_since_<kind>` (the time since the training ended, in years), and,
from the one-training form before that, one `training` with `status`, `days_to_finish`,
`years_since_training`, `work_years` and `work_years_last_N`.
"""

from decimal import Decimal, InvalidOperation

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.http import QueryDict
from django.utils.text import capfirst

from . import eligibility
from .eligibility import ALL_OF_IT, FULFILS, PART_OF_IT, Candidate, TrainingAnswer, TrainingKind
from .models import EligibilityRoute

Training = EligibilityRoute.Training
IN_TRAINING, FINISHED = "in-training", "finished"
YES, NO = "yes", "no"
MAX_HOURS = 200_000
MAX_MONTHS = 840
# The old one-value form asked for years of full-time work; a full-time week is taken as 40 hours.
LEGACY_FULL_TIME_WEEK = "40"

# Each training as the one-line summary of the answers names it.
SHORT_NAMES = {
    TrainingKind.ACCREDITED: "an accredited medical assisting program",
    TrainingKind.OTHER_PROGRAM: "another medical assisting program",
    TrainingKind.APPRENTICESHIP: "a medical assisting apprenticeship",
    TrainingKind.MILITARY: "military medical training",
}

TITLES = {
    TrainingKind.ACCREDITED: "Your accredited program",
    TrainingKind.OTHER_PROGRAM: "Your other medical assisting program",
    TrainingKind.APPRENTICESHIP: "Your apprenticeship",
    TrainingKind.MILITARY: "Your military training",
}


class TrainingField(forms.MultipleChoiceField):
    """Ticked boxes; a blank value (an empty old-style link) is no answer rather than a wrong one."""

    def to_python(self, value):
        return [item for item in super().to_python(value) if item.strip()]


def _decimal_field(label, help_text="", *, least=0, most, digits=5):
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=least,
        max_value=most,
        max_digits=digits,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
    )


def _whole_field(label, help_text="", *, most):
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=0,
        max_value=most,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _radio(label, choices):
    return forms.ChoiceField(label=label, choices=choices, required=False, widget=forms.RadioSelect)


class EligibilityForm(forms.Form):
    """Questions built from the routes: a route that needs no diploma never makes the form ask for one."""

    def __init__(self, data=None, *args, routes, **kwargs):
        routes = [r for r in routes if r.training != Training.NOT_CHECKED]
        trained = [r for r in routes if r.training != Training.NONE]
        self.windows = sorted({r.experience_window_years for r in routes if r.experience_window_years})
        self.accreditors = {}
        for route in routes:
            for accreditor in route.accreditors.all():
                self.accreditors.setdefault(accreditor.pk, accreditor)
        self.kinds = {}
        for kind in eligibility.TRAINED_KINDS:
            relevant = [r for r in trained if self._may_open(kind, r)]
            if relevant:
                self.kinds[kind] = relevant
        super().__init__(self._read_old_link(data), *args, **kwargs)

        sections = []
        if self.kinds:
            named = " or ".join(a.abbreviation for a in self.accreditors.values())
            labels = dict(TrainingKind.choices)
            if named:
                labels[TrainingKind.ACCREDITED] = f"A medical assisting program accredited by {named}"
                labels[TrainingKind.OTHER_PROGRAM] = f"Another medical assisting program (not accredited by {named})"
            self.fields[eligibility.TRAINING_FIELD] = TrainingField(
                label="What medical assisting training do you have?",
                help_text="Tick every kind you have; each then gets its own questions below.",
                choices=[(kind, labels[kind]) for kind in [*self.kinds, TrainingKind.NONE]],
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            sections.append(Fieldset("Your training", eligibility.TRAINING_FIELD))
        for kind, relevant in self.kinds.items():
            names = self._timing_fields(kind, relevant)
            if names:
                sections.append(Fieldset(f"{TITLES[kind]}, if you ticked it", *names))
        if any(r.hours_needed for r in routes):
            sections.append(Fieldset("Your work as a medical assistant", *self._work_fields()))
        if any(r.requires_diploma for r in routes):
            self.fields[eligibility.DIPLOMA_FIELD] = _radio(
                "Do you have a high-school diploma or GED?", [(YES, "Yes"), (NO, "No")]
            )
            sections.append(Fieldset("Your schooling", eligibility.DIPLOMA_FIELD))

        # The old link's names are fields too, never shown: the page cache passes on only a form's own names.
        for name in self._old_names():
            self.fields[name] = forms.CharField(required=False, widget=forms.HiddenInput)

        self.work_counted = []
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_id = "eligibility-form"
        self.helper.attrs = {"aria-labelledby": "your-answers"}
        self.helper.layout = Layout(
            *sections, StrictButton("Check my eligibility", type="submit", css_class="btn-primary")
        )

    def _may_open(self, kind, route):
        if route.training not in FULFILS[kind]:
            return False
        # Another program is by definition not accredited by the accreditors the routes name.
        return not (
            kind == TrainingKind.OTHER_PROGRAM
            and route.training == Training.ACCREDITED_PROGRAM
            and route.accreditors.all()
        )

    def _days(self, relevant):
        return sorted({r.days_before_completion for r in relevant if r.days_before_completion is not None})

    def _timing_fields(self, kind, relevant):
        title = TITLES[kind]
        names = []
        dated = [
            r for r in relevant if r.min_years_since_training is not None or r.max_years_since_training is not None
        ]
        if dated or any(r.stage != EligibilityRoute.Stage.EITHER or r.days_before_completion for r in relevant):
            name = eligibility.status_field(kind)
            self.fields[name] = _radio(
                f"{title}: is it finished?", [(IN_TRAINING, "No, I am still in it"), (FINISHED, "Yes, it is finished")]
            )
            names.append(name)
        for days in self._days(relevant):
            name = eligibility.soon_field(kind, days)
            self.fields[name] = _radio(
                f"{title}: if you are still in it, will you finish within the next {days} days{_about_months(days)}?",
                [(YES, "Yes"), (NO, "No")],
            )
            names.append(name)
        if dated:
            name = eligibility.since_field(kind)
            self.fields[name] = _decimal_field(
                f"{title}: if it is finished, how many months ago did it end?",
                "In months: 0 if it ended this month, 12 for a year ago.",
                most=MAX_MONTHS,
                digits=4,
            )
            names.append(name)
        return names

    def _work_fields(self):
        self.fields[eligibility.WORK_HOURS_FIELD] = _whole_field(
            "How many hours of medical assisting work have you done, in total?",
            "0 if none. If you do not know your hours, leave this blank and give months and hours a week instead.",
            most=MAX_HOURS,
        )
        self.fields[eligibility.WORK_MONTHS_FIELD] = _decimal_field(
            "Or: for how many months have you worked as a medical assistant?", most=MAX_MONTHS
        )
        self.fields[eligibility.WEEKLY_HOURS_FIELD] = _decimal_field(
            "How many hours a week did you usually work?",
            "We count 52 weeks in 12 months and show you the sum.",
            least=1,
            most=100,
            digits=4,
        )
        names = [eligibility.WORK_HOURS_FIELD, eligibility.WORK_MONTHS_FIELD, eligibility.WEEKLY_HOURS_FIELD]
        for window in self.windows:
            self.fields[eligibility.window_field(window)] = _radio(
                f"How much of that work was in the last {window} years?",
                [(ALL_OF_IT, "All of it"), (PART_OF_IT, "Only part of it")],
            )
            self.fields[eligibility.window_hours_field(window)] = _whole_field(
                f"If only part: how many hours were in the last {window} years?", most=MAX_HOURS
            )
            self.fields[eligibility.window_months_field(window)] = _decimal_field(
                f"Or how many months in the last {window} years, at the hours a week above?", most=window * 12
            )
            names += [
                eligibility.window_field(window),
                eligibility.window_hours_field(window),
                eligibility.window_months_field(window),
            ]
        return names

    def _old_names(self):
        return (
            ["status", "days_to_finish", "years_since_training", "work_years"]
            + [f"work_years_last_{window}" for window in self.windows]
            + [eligibility.old_since_field(kind) for kind in self.kinds]
        )

    def _read_old_link(self, data):
        """A link in the old one-training form, read onto the new fields (new fields win)."""
        old = self._old_names()
        if data is None or not any(key in data for key in old):
            return data
        data = data.copy() if isinstance(data, QueryDict) else _as_querydict(data)

        def put(name, value):
            if name not in data and value not in (None, ""):
                data[name] = value

        kinds = [kind for kind in data.getlist(eligibility.TRAINING_FIELD) if kind in self.kinds]
        if len(kinds) == 1:
            kind = kinds[0]
            put(eligibility.status_field(kind), data.get("status"))
            put(eligibility.since_field(kind), _months_from_years(data.get("years_since_training")))
            days = str(data.get("days_to_finish") or "").strip()
            for limit in self._days(self.kinds[kind]):
                if days.isdigit():
                    put(eligibility.soon_field(kind, limit), YES if int(days) <= limit else NO)
                else:
                    put(eligibility.soon_field(kind, limit), days)  # an invalid answer stays an error
        for kind in self.kinds:
            put(eligibility.since_field(kind), _months_from_years(data.get(eligibility.old_since_field(kind))))
        years = _months_from_years(data.get("work_years"))
        if years is not None:
            put(eligibility.WORK_MONTHS_FIELD, years)
            put(eligibility.WEEKLY_HOURS_FIELD, LEGACY_FULL_TIME_WEEK)
        for window in self.windows:
            months = _months_from_years(data.get(f"work_years_last_{window}"))
            if months is not None:
                put(eligibility.window_field(window), PART_OF_IT)
                put(eligibility.window_months_field(window), months)
                put(eligibility.WEEKLY_HOURS_FIELD, LEGACY_FULL_TIME_WEEK)
        for key in old:
            data.pop(key, None)
        return data

    def has_answers(self):
        """Whether the visitor answered anything at all (a blank submit is not an answer)."""
        return self.is_bound and any(str(value).strip() for name in self.fields for value in self._raw(name))

    def _raw(self, name):
        return self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data.get(name, "")]

    def clean(self):
        cleaned = super().clean()
        kinds = cleaned.get(eligibility.TRAINING_FIELD) or []
        if TrainingKind.NONE in kinds and len(kinds) > 1:
            self.add_error(eligibility.TRAINING_FIELD, "“None yet” cannot be ticked together with a kind of training.")
        if eligibility.WORK_HOURS_FIELD in self.fields:
            self._clean_work(cleaned)
        return cleaned

    def _clean_work(self, cleaned):
        self.work_hours, self.work_months, self.all_within, self.work_counted = {}, {}, set(), []
        per_week = cleaned.get(eligibility.WEEKLY_HOURS_FIELD)
        total = self._hours(cleaned, eligibility.WORK_HOURS_FIELD, eligibility.WORK_MONTHS_FIELD, per_week, "In total")
        if total is not None:
            self.work_hours[None] = total
        wider = None  # (window, hours) of the next wider window, checked from the widest down
        for window in reversed(self.windows):
            choice = cleaned.get(eligibility.window_field(window))
            hours_name, months_name = eligibility.window_hours_field(window), eligibility.window_months_field(window)
            given = any(cleaned.get(name) is not None for name in (hours_name, months_name))
            if choice == ALL_OF_IT:
                if given:
                    self.add_error(hours_name, "You chose “all of it”: leave this blank, or choose “only part of it”.")
                self.all_within.add(window)
                if total is not None:
                    wider = (window, total)
                continue
            hours = self._hours(cleaned, hours_name, months_name, per_week, f"In the last {window} years")
            if hours is None:
                continue
            if total is not None and hours > total:
                self.add_error(hours_name, "This cannot be more than your total hours of work.")
            elif wider is not None and hours > wider[1]:
                self.add_error(hours_name, f"This cannot be more than your hours in the last {wider[0]} years.")
            else:
                self.work_hours[window] = hours
                wider = (window, hours)

    def _hours(self, cleaned, hours_name, months_name, per_week, what):
        """Hours given directly, or months at the weekly hours (recorded with its arithmetic)."""
        hours, months = cleaned.get(hours_name), cleaned.get(months_name)
        if hours is not None and months is not None:
            self.add_error(months_name, "Give hours or months, not both.")
            return None
        if hours is not None:
            return Decimal(hours)
        if months is None:
            return None
        if per_week is None:
            if eligibility.WEEKLY_HOURS_FIELD not in self.errors:
                self.add_error(
                    eligibility.WEEKLY_HOURS_FIELD, "Give your usual hours a week too, or give hours instead of months."
                )
            return None
        window = None if months_name == eligibility.WORK_MONTHS_FIELD else int(months_name.rsplit("_", 1)[1])
        self.work_months[window] = months
        self.work_counted.append(f"{what}: {eligibility.arithmetic(months, per_week)}")
        return eligibility.hours_from_months(months, per_week)

    def candidate(self):
        """The candidate the valid answers describe; an invalid or missing answer stays unknown."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        kinds = data.get(eligibility.TRAINING_FIELD) or []
        if eligibility.TRAINING_FIELD in self.errors:
            kinds = []
        trainings = None
        if kinds:
            trainings = tuple(self._training(kind, data) for kind in kinds if kind != TrainingKind.NONE)
        return Candidate(
            trainings=trainings,
            work_hours=getattr(self, "work_hours", {}),
            work_months=getattr(self, "work_months", {}),
            all_within=frozenset(getattr(self, "all_within", ())),
            has_diploma={YES: True, NO: False}.get(data.get(eligibility.DIPLOMA_FIELD)),
        )

    def answers_summary(self):
        """The valid answers in one line: “An accredited program, finished 6 months ago; 0 hours of work; …”."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        parts = []
        kinds = [] if eligibility.TRAINING_FIELD in self.errors else data.get(eligibility.TRAINING_FIELD) or []
        for kind in kinds:
            if kind == TrainingKind.NONE:
                parts.append("no medical assisting training yet")
                continue
            status = data.get(eligibility.status_field(kind))
            months = data.get(eligibility.since_field(kind))
            if status == IN_TRAINING:
                timing = "still in it"
            elif months is not None:
                timing = "finished this month" if not months else f"finished {_number(months)} months ago"
            else:
                timing = "finished" if status == FINISHED else ""
            parts.append(SHORT_NAMES[kind] + (f", {timing}" if timing else ""))
        hours = getattr(self, "work_hours", {}).get(None)
        if hours is not None:
            months = getattr(self, "work_months", {}).get(None)
            per_week = data.get(eligibility.WEEKLY_HOURS_FIELD)
            if months is not None and per_week is not None:
                parts.append(f"{_number(months)} months of medical assisting work at {_number(per_week)} hours a week")
            else:
                parts.append(f"{hours:,.0f} hours of medical assisting work")
        diploma = data.get(eligibility.DIPLOMA_FIELD)
        if diploma:
            parts.append("a high-school diploma or GED" if diploma == YES else "no high-school diploma or GED yet")
        line = "; ".join(parts) or "none of the answers could be read"
        return f"{capfirst(line)}."

    def _training(self, kind, data):
        status = data.get(eligibility.status_field(kind)) or None
        months = data.get(eligibility.since_field(kind))
        since = None if months is None else months / 12  # the routes state years
        soon = {}
        for days in self._days(self.kinds.get(kind, [])):
            answer = data.get(eligibility.soon_field(kind, days))
            if answer in (YES, NO):
                soon[days] = answer == YES
        finished = {IN_TRAINING: False, FINISHED: True}.get(status)
        if finished is None:
            # A time since it ended says it is over; an answer about finishing soon says it is not.
            finished = True if since is not None else (False if soon else None)
        listed = frozenset(self.accreditors)
        return TrainingAnswer(
            kind=kind,
            finished=finished,
            finishes_within=soon if finished is False else {},
            years_since=since if finished else None,
            accredited_by=listed if kind == TrainingKind.ACCREDITED and listed else None,
            not_accredited_by=listed if kind == TrainingKind.OTHER_PROGRAM else frozenset(),
        )


def _as_querydict(data):
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, value if isinstance(value, list | tuple) else [value])
    return query


def _months_from_years(value):
    """Years of an old link as months for the new fields; a value that is no number is passed on to fail there."""
    text = str(value or "").strip()
    if not text:
        return None
    try:
        years = Decimal(text)
    except InvalidOperation:
        return text
    if not years.is_finite() or years.adjusted() > 4:
        # Fails there as a number too large; multiplied here, 1e999999999 would overflow the decimal context.
        return text
    return f"{(years * 12).normalize():f}"


def _about_months(days):
    """“ (about a month)” beside a number of days, for people who count in months."""
    months = round(days / 30)
    if days < 28 or not months:
        return ""
    return " (about a month)" if months == 1 else f" (about {months} months)"


def _number(value):
    """12 for Decimal("12.0"), 0.5 for Decimal("0.50"): no trailing zeros, never an exponent."""
    return f"{Decimal(value).normalize():f}"
