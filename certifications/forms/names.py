"""The eligibility checker's query parameters: the names its form gives each answer, today's and older links'.

They are a contract (results are shared and bookmarked as URLs), so each is named here once; the
evaluator asks for an answer by what it is (results.Question), and `field_name` says which field holds it.
"""

from collections.abc import Iterable

from ..results import Asks, Question

TRAINING_FIELD = "training"
WORK_HOURS_FIELD = "work_hours"
WORK_MONTHS_FIELD = "work_months"
WEEKLY_HOURS_FIELD = "hours_per_week"
DIPLOMA_FIELD = "diploma"
# The step marker of the first step (training, work, diploma): its answers then ask only the questions they open.
# Not a field: the view declares it for the page cache.
STEP_FIELD, FOLLOW_UPS = "step", "follow-ups"
FIRST_STEP_WORK = (WORK_HOURS_FIELD, WORK_MONTHS_FIELD, WEEKLY_HOURS_FIELD)
# The values of the answers that are a choice.
IN_TRAINING, FINISHED = "in-training", "finished"
YES, NO = "yes", "no"
ALL_OF_IT, PART_OF_IT = "all", "part"


def _suffix(kind: str) -> str:
    return str(kind).replace("-", "_")


def status_field(kind: str) -> str:
    return f"status_{_suffix(kind)}"


def soon_field(kind: str, days: int) -> str:
    return f"finish_in_{days}_days_{_suffix(kind)}"


def since_field(kind: str) -> str:
    """How many months ago the training ended (people count it in months; links made before asked years)."""
    return f"months_since_{_suffix(kind)}"


def window_field(window: int | None) -> str:
    """The "all of it / part of it" answer for the work within the last `window` years."""
    return f"work_last_{window}"


def window_hours_field(window: int) -> str:
    return f"work_hours_last_{window}"


def window_months_field(window: int) -> str:
    return f"work_months_last_{window}"


def field_name(question: Question) -> str:
    """The form field that answers the question."""
    kind = question.kind or ""
    match question.asks:
        case Asks.TRAINING:
            return TRAINING_FIELD
        case Asks.STATUS:
            return status_field(kind)
        case Asks.FINISH_SOON:
            return soon_field(kind, question.days or 0)
        case Asks.MONTHS_SINCE:
            return since_field(kind)
        case Asks.WORK_HOURS:
            return WORK_HOURS_FIELD
        case Asks.WORK_WINDOW:
            return window_field(question.window)
        case Asks.DIPLOMA:
            return DIPLOMA_FIELD


# Links made before today's form: the view answers them with a permanent redirect to today's names.
# The one-training form: one `training`, with these for its timing, and the work in years.
OLD_STATUS, OLD_DAYS_TO_FINISH = "status", "days_to_finish"
OLD_YEARS_SINCE, OLD_WORK_YEARS = "years_since_training", "work_years"


def old_window_field(window: int) -> str:
    """The years of work within the last `window` years, in the one-training form."""
    return f"work_years_last_{window}"


def old_since_field(kind: str) -> str:
    """The time since the training ended, in years, as the form asked it before it asked months."""
    return f"years_since_{_suffix(kind)}"


def old_names(kinds: Iterable[str], windows: Iterable[int]) -> list[str]:
    """Every old name a link may hold, for the trainings and the windows of work the routes ask about."""
    return [
        OLD_STATUS,
        OLD_DAYS_TO_FINISH,
        OLD_YEARS_SINCE,
        OLD_WORK_YEARS,
        *(old_window_field(window) for window in windows),
        *(old_since_field(kind) for kind in kinds),
    ]
