"""Programs made for tests: a few named ones, or many at once with bulk_create for the query budgets."""

import datetime

from programs.models import Accreditor, EducationPath, Program

VERIFIED = datetime.date(2026, 11, 1)


def make_program(slug, *, accreditor=None, save=True, **fields):
    """A program with sensible defaults; `accreditor` is a slug (caahep, abhes) or None."""
    values = {
        "institution": "Example Test College",
        "name": f"Example Program {slug}",
        "slug": slug,
        "city": "Exampleville",
        "state": "OH",
        "delivery_format": Program.Format.IN_PERSON,
        "path": EducationPath.objects.get(slug="certificate-or-diploma"),
        "accreditor": Accreditor.objects.get(slug=accreditor) if accreditor else None,
        "total_cost": 10000,
        "months": 10,
        "has_externship": True,
        "has_placement_help": True,
        "last_verified": VERIFIED,
        "is_example": True,
    }
    values.update(fields)
    program = Program(**values)
    if save:
        program.save()
    return program


def make_many(count, *, prefix="bulk"):
    """`count` programs in one bulk insert, varied so every filter and sort has something to do."""
    paths = list(EducationPath.objects.compared())
    accreditors = [None, *Accreditor.objects.all()]
    formats = Program.Format.values
    states = ["OH", "TX", "CA", "NY"]
    Program.objects.bulk_create(
        [
            Program(
                institution=f"Example College {n}",
                name=f"Example Program {n:05d}",
                slug=f"{prefix}-{n}",
                city="Exampleville",
                state=states[n % len(states)],
                delivery_format=formats[n % len(formats)],
                path=paths[n % len(paths)],
                accreditor=accreditors[n % len(accreditors)],
                total_cost=None if n % 10 == 0 else 3000 + (n * 37) % 20000,
                months=9 + n % 16,
                has_externship=n % 3 != 0,
                has_placement_help=n % 2 == 0,
                last_verified=VERIFIED,
                is_example=True,
            )
            for n in range(count)
        ],
        batch_size=1000,
    )
