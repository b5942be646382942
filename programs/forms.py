"""The program-selection checklist's form: up to three candidate programs and the visitor's budget and timeline."""

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout
from django import forms
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.html import format_html

from careers.areas import POSTAL_PLACES
from content.limits import MAX_DOLLARS, MAX_PROGRAM_MONTHS

from . import checklist
from .models import is_program_slug

MAX_TIMELINE = 120

# The first candidate's parameters carry no suffix (name, cost…), the second's end in _2, the third's in _3.
SUFFIXES = ["", "_2", "_3"]
CANDIDATE_FIELDS = [
    "program",
    "name",
    "accreditor",
    "clinical",
    "administrative",
    "externship",
    "placement",
    "cost",
    "months",
]
SHARED_FIELDS = ["budget", "timeline", "state"]

NOT_ANSWERED = ("", "Not answered")
YES_NO_CHOICES = [
    NOT_ANSWERED,
    (checklist.YES, "Yes"),
    (checklist.NO, "No"),
    (checklist.UNKNOWN, "I don't know"),
]


class DollarsField(forms.IntegerField):
    """Whole US dollars; a visitor may type $12,500 as well as 12500."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", "").removeprefix("$").strip()
        return super().to_python(value)


class StateField(forms.ChoiceField):
    """A two-letter postal code, in either case: a state, DC or a territory (which the page says has no figure)."""

    def to_python(self, value):
        return super().to_python(value).strip().upper()


def ordinal(index):
    return ["first", "second", "third"][index]


class ChecklistForm(forms.Form):
    """Every answer is a GET parameter, so a result is a URL that can be bookmarked or shared.

    Parameters: `name`, `accreditor` (caahep, abhes, other, none, unknown), `clinical`,
    `administrative`, `externship`, `placement` (yes, no, unknown), `cost` (whole dollars), `months`,
    and `program=<slug>` to pre-fill from the directory, for the first program; the same names ending
    in `_2` and `_3` for the second and third (`name_2`, `cost_3`…). `budget` and `timeline` are the
    visitor's own and weigh every program; `state` (two letters, e.g. OH) is the visitor's own too, and
    prices a program not from the directory, or an online one from it, in months of pay there.
    """

    budget = DollarsField(
        label="Your budget for the whole program (US dollars)",
        help_text="The most you can spend, every fee included, in whole dollars (a $ sign and commas are fine).",
        required=False,
        min_value=0,
        max_value=MAX_DOLLARS,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    timeline = forms.IntegerField(
        label="Your timeline (months)",
        help_text=f"The most months you can spend training, in whole months from 1 to {MAX_TIMELINE}.",
        required=False,
        min_value=1,
        max_value=MAX_TIMELINE,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    state = StateField(
        label="Your state",
        help_text="Where you would work, as its two-letter code: the result shows each cost in months of a typical "
        "medical assistant's pay there. A program picked from the directory uses its own state, unless it is "
        "online: an online one uses yours.",
        required=False,
        choices=[NOT_ANSWERED, *POSTAL_PLACES],
        error_messages={
            "invalid_choice": "Choose a state by its two-letter postal code, e.g. OH (or DC, or a territory, e.g. PR)."
        },
    )

    def __init__(self, data=None, *, programs=None, **kwargs):
        self.programs = programs or {}
        self.prefilled = {}
        if data is not None:
            data = self._with_program_data(data)
        super().__init__(data, **kwargs)
        # Every accreditor an editor added is a choice, with the recognised flag the verdict reads.
        self.accreditors = checklist.accreditors_by_slug()
        choices = checklist.accreditor_choices(self.accreditors)
        for suffix in SUFFIXES:
            self.fields[f"accreditor{suffix}"].choices = choices

    @cached_property
    def helper(self):
        """The crispy-forms layout, built only when the form is shown (a result page shows none)."""
        return self._helper()

    @staticmethod
    def _candidate_fields(suffix):
        return {
            f"program{suffix}": forms.CharField(required=False, max_length=200, widget=forms.HiddenInput),
            f"name{suffix}": forms.CharField(
                label="Program and school",
                required=False,
                max_length=200,
                help_text="Any name that helps you tell it apart.",
            ),
            # Its choices are every accreditor an editor added: set by __init__, from the database.
            f"accreditor{suffix}": forms.ChoiceField(label="Who accredits the program?", required=False),
            f"clinical{suffix}": forms.ChoiceField(
                label="Does it teach clinical skills?", choices=YES_NO_CHOICES, required=False
            ),
            f"administrative{suffix}": forms.ChoiceField(
                label="Does it teach administrative skills?", choices=YES_NO_CHOICES, required=False
            ),
            f"externship{suffix}": forms.ChoiceField(
                label="Does it include an externship or internship?", choices=YES_NO_CHOICES, required=False
            ),
            f"placement{suffix}": forms.ChoiceField(
                label="Does it offer job placement help?", choices=YES_NO_CHOICES, required=False
            ),
            f"cost{suffix}": DollarsField(
                label="Total cost (US dollars)",
                help_text="Tuition and every fee for the whole program, in whole dollars, as the school states it.",
                required=False,
                min_value=0,
                max_value=MAX_DOLLARS,
                widget=forms.TextInput(attrs={"inputmode": "numeric"}),
            ),
            f"months{suffix}": forms.IntegerField(
                label="Length (months)",
                help_text=f"From start to finish, 1 to {MAX_PROGRAM_MONTHS}.",
                required=False,
                min_value=1,
                max_value=MAX_PROGRAM_MONTHS,
                widget=forms.TextInput(attrs={"inputmode": "numeric"}),
            ),
        }

    @staticmethod
    def program_slugs(data):
        """The well-formed program slugs a query names, for the view to look up in one query."""
        slugs = (str(data.get(f"program{suffix}", "")).strip() for suffix in SUFFIXES)
        return [slug for slug in slugs if is_program_slug(slug)]

    def _with_program_data(self, data):
        """The answers, with a directory program's data filling what the visitor left blank."""
        merged = {key: data.get(key) for key in data}
        for suffix in SUFFIXES:
            program = self.programs.get(str(merged.get(f"program{suffix}") or "").strip())
            if program is None:
                continue
            self.prefilled[suffix] = program
            candidate = checklist.candidate_from_program(program)
            values = {
                "name": candidate.name,
                "accreditor": candidate.accreditor,
                "externship": candidate.externship,
                "placement": candidate.placement,
                "cost": candidate.cost,
                "months": candidate.months,
            }
            for field, value in values.items():
                if value is not None and not str(merged.get(f"{field}{suffix}") or "").strip():
                    merged[f"{field}{suffix}"] = str(value)
        return merged

    def _helper(self):
        self.prefill_notes = [
            self._prefill_note(self.prefilled[suffix]) if suffix in self.prefilled else "" for suffix in SUFFIXES
        ]
        helper = FormHelper()
        helper.form_method = "get"
        helper.form_id = "checklist-form"
        helper.attrs = {"aria-labelledby": "checklist-form-heading"}
        parts = [
            HTML(
                '<p class="small">The address of your result carries every answer, so you can bookmark or '
                "share it; nothing is stored on our server.</p>"
            ),
            Fieldset("You", *SHARED_FIELDS),
        ]
        for index, suffix in enumerate(SUFFIXES):
            fieldset = Fieldset(f"The {ordinal(index)} program", *[f"{name}{suffix}" for name in CANDIDATE_FIELDS])
            if suffix in self.prefilled:
                # Through a variable: crispy renders HTML() as a template, and a school's name is not one.
                fieldset.fields.insert(1, HTML(f"{{{{ form.prefill_notes.{index} }}}}"))
            if index == 0:
                parts.append(fieldset)
                continue
            opened = " open" if self.has_candidate(suffix) else ""
            parts += [
                HTML(
                    f'<details class="checklist-more"{opened}><summary>Add a {ordinal(index)} program to weigh '
                    "side by side</summary>"
                ),
                fieldset,
                HTML("</details>"),
            ]
        parts.append(StrictButton("Check these programs", type="submit", css_class="btn-primary"))
        helper.layout = Layout(*parts)
        return helper

    @staticmethod
    def _prefill_note(program):
        badge = format_html(" {}", render_to_string("includes/example_badge.html")) if program.is_example else ""
        return format_html(
            '<p class="small checklist-prefill">Filled in from the directory: <a href="{}">{}, {}</a>{}. '
            "Change any answer that you know better.</p>",
            program.get_absolute_url(),
            program.name,
            program.institution,
            badge,
        )

    def clean(self):
        cleaned = super().clean()
        for suffix in SUFFIXES:
            slug = str(self.data.get(f"program{suffix}") or "").strip()
            if slug and suffix not in self.prefilled:
                # Hidden, so the error is attached to the visible name field next to it.
                self.add_error(f"name{suffix}", "The directory has no program at the address this link gave.")
        return cleaned

    def has_answers(self):
        """Whether the visitor answered anything at all (an empty submit is not an answer)."""
        return self.is_bound and any(str(self.data.get(name) or "").strip() for name in self.fields)

    def has_candidate(self, suffix):
        if not self.is_bound:
            return False
        return any(str(self.data.get(f"{name}{suffix}") or "").strip() for name in CANDIDATE_FIELDS)

    def _value(self, name):
        return self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None

    def candidates(self):
        """The programs to weigh: the first always, the second and third when any of their answers is given.

        An invalid answer counts as not given, so the rest still decides what it can.
        """
        chosen = []
        for index, suffix in enumerate(SUFFIXES):
            if index and not self.has_candidate(suffix):
                continue
            program = self.prefilled.get(suffix)
            name = self._value(f"name{suffix}") or ""
            chosen.append(
                {
                    "number": index + 1,
                    "suffix": suffix,
                    "program": program,
                    "candidate": checklist.Candidate(
                        name=name or f"Program {index + 1}",
                        accreditor=self._value(f"accreditor{suffix}") or None,
                        accreditors=self.accreditors,
                        clinical=self._value(f"clinical{suffix}") or None,
                        administrative=self._value(f"administrative{suffix}") or None,
                        externship=self._value(f"externship{suffix}") or None,
                        placement=self._value(f"placement{suffix}") or None,
                        cost=self._value(f"cost{suffix}"),
                        months=self._value(f"months{suffix}"),
                        is_example=bool(program and program.is_example),
                    ),
                }
            )
        return chosen

    def visitor_state(self):
        """The visitor's own state code, or "" if not given or not valid."""
        return self._value("state") or ""

    def budget_and_timeline(self):
        return self._value("budget"), self._value("timeline")

    def labelled_errors(self):
        """Each field in error with a label that says which program it belongs to, for the summary."""
        errors = []
        for name in self.fields:
            if name not in self.errors:
                continue
            label = self.fields[name].label or name
            for index, suffix in enumerate(SUFFIXES):
                if suffix and name.endswith(suffix) or not suffix and name in CANDIDATE_FIELDS:
                    label = f"The {ordinal(index)} program: {label}"
                    break
            errors.append((name, label, self.errors[name]))
        return errors


# The candidates' 24 fields are made once, here, rather than for every request: each form deep-copies them
# (the accreditor choices are set per form, from the accreditors an editor may have added).
for _suffix in SUFFIXES:
    ChecklistForm.base_fields.update(ChecklistForm._candidate_fields(_suffix))
del _suffix
