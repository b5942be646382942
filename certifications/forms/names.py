"""The eligibility checker's query parameters: the names its form gives each answer, today's and older links'.

They are a contract (results are shared and bookmarked as URLs), so each is named here once; the
evaluator asks for an answer by what it is (results.Question), and `field_name` says which field holds it.
"""

from ..results import Asks, Question

TRAINING_FIELD = "training"
WORK_HOURS_FIELD = "work_hours"
WORK_MONTHS_FIELD = "work_months"
WEEKLY_HOURS_FIELD = "hours_per_week"
DIPLOMA_FIELD = "diploma"
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


def old_since_field(kind: str) -> str:
    """The name the time since the training ended had in years, still read from links made before."""
    return f"years_since_{_suffix(kind)}"
