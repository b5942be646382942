"""A program's cost in months of a typical medical assistant's pay, and the state median beside the national one.

Months of pay = cost ÷ (median annual wage ÷ 12), to one decimal: the median of the program's state
(the 50 states and DC), the national median where the state is not known, and no figure for a place
outside the 50 states and DC, whose wages the state figures do not cover. An online program is priced
where the reader lives, on a page where the reader chooses their state (its own page, the checklist):
the school's state says nothing of where its student will work. Until the reader chooses, the national
median is used and the page says to choose. It is a rough guide, before
taxes and living costs: a typical worker's pay, new and experienced alike.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.text import capfirst

from . import figures
from .areas import STATE_NAMES, TERRITORY_NAMES, place_name
from .states import state_pay

MONTHS_IN_YEAR = 12
ONE_DECIMAL = Decimal("0.1")
CENTS = Decimal("0.01")
CAVEAT = "a rough guide, before taxes and living costs"


def monthly(annual):
    """A whole-dollar annual wage as pay a month, in cents: 48,050 → 4,004.17."""
    return (Decimal(annual) / MONTHS_IN_YEAR).quantize(CENTS, rounding=ROUND_HALF_UP)


def months_of(cost, annual):
    """`cost` in months of `annual` ÷ 12, to one decimal: $15,000 at $48,050 a year → 3.7.

    Computed from the exact monthly pay, so it matches the shown arithmetic ($15,000 ÷ $4,004.17) to one decimal.
    """
    return (Decimal(cost) * MONTHS_IN_YEAR / Decimal(annual)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Medians:
    """The site's occupation's current state medians by code, and the national median of the same year."""

    states: dict  # code → WageFigure
    national: object  # WageFigure or None

    def for_place(self, code, *, whose="The program's"):
        return StateMedian.of(code, self, whose=whose)


@dataclass(frozen=True)
class StateMedian:
    """What a page says about a place's median: the state's figure, or why there is none, and the nation's."""

    code: str
    name: str
    wage: object  # the state's WageFigure, or None
    national: object  # WageFigure or None
    why_none: str  # "" when a state figure is shown

    @classmethod
    def of(cls, code, medians, *, whose="The program's"):
        code = (code or "").strip().upper()
        name = place_name(code)
        wage = medians.states.get(code) if code in STATE_NAMES else None
        if wage is not None:
            why = ""
        elif code in TERRITORY_NAMES:
            why = (
                f"{capfirst(name)} is outside the 50 states and DC: the state wage figures here "
                "cover only those, so no figure is shown for it."
            )
        elif code in STATE_NAMES:
            why = f"No current median is stored for {name}, so the national median is used."
        else:
            why = f"{whose} state is not known, so the national median is used."
        return cls(code=code, name=name, wage=wage, national=medians.national, why_none=why)

    @property
    def outside_states(self):
        return self.code in TERRITORY_NAMES

    @property
    def used(self):
        """The median months of pay are counted in: the state's, else the nation's; None outside the states."""
        if self.outside_states:
            return None
        return self.wage or self.national


@dataclass(frozen=True)
class MonthsOfPay:
    """A cost as months of a typical medical assistant's pay, with every step of the arithmetic."""

    cost: int
    median: StateMedian

    @property
    def wage(self):
        return self.median.used

    @property
    def available(self):
        return self.wage is not None

    @property
    def is_state(self):
        return self.available and self.wage is self.median.wage

    @property
    def where(self):
        return self.median.name if self.is_state else "the United States"

    @property
    def monthly_pay(self):
        return monthly(self.wage.median_annual_wage)

    @property
    def months(self):
        return months_of(self.cost, self.wage.median_annual_wage)

    @property
    def months_text(self):
        return f"{self.months:.1f}"

    @property
    def arithmetic(self):
        """ "$15,000 ÷ ($48,050 ÷ 12 = $4,004.17 a month) = 3.7 months"."""
        return (
            f"${self.cost:,} ÷ (${self.wage.median_annual_wage:,} ÷ {MONTHS_IN_YEAR} = ${self.monthly_pay:,} a month)"
            f" = {self.months_text} months"
        )


def months_of_pay(cost, median):
    """The cost in months of pay, or None where the cost is not known."""
    if cost is None:
        return None
    return MonthsOfPay(cost=cost, median=median)


def current_medians():
    """Medical assistants' current state medians and the national one of the same year.

    Taken from the state table's rows (kept per content version, see state_pay): no query, but one when
    no complete state year exists and the current national median is read instead.
    """
    pay = state_pay()
    national, states = pay.national, {row.code: row.wage for row in pay.rows}
    if national is None:
        # No complete state year (or no national row in it): the current national median still prices a cost.
        national = figures.current_national_median()
    return Medians(states=states, national=national)


@dataclass(frozen=True)
class ProgramPay:
    """For one program (or checklist candidate): its place's median beside the nation's, and its cost in months."""

    label: str  # the program's name, for a column or a list
    median: StateMedian
    months: MonthsOfPay | None


def online_median(medians, reader_state, *, pick):
    """Where an online program is priced: the reader's state, else the nation's, saying to choose (`pick`)."""
    if reader_state:
        return medians.for_place(reader_state, whose="Your")
    return StateMedian(
        code="",
        name="",
        wage=None,
        national=medians.national,
        why_none=f"This program is online, so what counts is pay where you live and would work, not in the "
        f"school's state: {pick} Until you do, the national median is used.",
    )


def is_online(program):
    """Whether a program (or anything with a `delivery_format`) is taught online; blank (not known) is not."""
    return getattr(program, "delivery_format", "") == "online"


def for_program(program, medians, *, reader_state=None, pick=""):
    """A program's pay at its own state; an online one's at `reader_state` when the page lets the reader choose
    (`reader_state` not None: "" when they have not chosen yet, and `pick` says how to)."""
    if reader_state is not None and is_online(program):
        median = online_median(medians, reader_state, pick=pick)
    else:
        median = medians.for_place(program.state)
    return ProgramPay(label=program.name, median=median, months=months_of_pay(program.total_cost, median))


class PayItems(list):
    """ProgramPay items in page order; `any_cost` says whether a months-of-pay paragraph has anything to say."""

    @property
    def any_cost(self):
        return any(item.months is not None for item in self)


def for_programs(programs, *, reader_state=None, pick=""):
    """Each directory program's state median beside the nation's, and its cost in months of pay.

    Where the page lets the reader choose their state, pass it as `reader_state` ("" when not chosen yet, with
    `pick` saying how to choose): an online program is then priced there (see for_program)."""
    programs = list(programs)
    if not programs:
        return PayItems()
    medians = current_medians()
    return PayItems(for_program(program, medians, reader_state=reader_state, pick=pick) for program in programs)


def for_checklist(results, *, visitor_state=""):
    """For each checklist result: a directory program's own state, else the visitor's, else the nation's median.

    An online directory program is priced at the visitor's state, not its school's (the nation's until given)."""
    if not results:
        return PayItems()
    medians = current_medians()
    items = []
    for result in results:
        program, candidate = result.get("program"), result["candidate"]
        if program is not None and is_online(program):
            median = online_median(medians, visitor_state, pick="choose your state under “You”.")
        elif program is not None:
            median = medians.for_place(program.state)
        elif visitor_state:
            median = medians.for_place(visitor_state, whose="Your")
        else:
            median = StateMedian(
                code="",
                name="",
                wage=None,
                national=medians.national,
                why_none="No usable state was given (choose yours under “You”), so the national median is used.",
            )
        items.append(ProgramPay(label=candidate.name, median=median, months=months_of_pay(candidate.cost, median)))
    return PayItems(items)
