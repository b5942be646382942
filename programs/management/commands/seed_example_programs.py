"""Create clearly fictional example programs for trying the directory and for benchmarks; never real schools."""

import datetime
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from certifications.models import Accreditor
from content.limits import MAX_PROGRAM_MONTHS
from programs.models import EducationPath, Program

PLACES = [
    "Exampleville",
    "Example City",
    "Example Falls",
    "Example Heights",
    "Example Harbor",
    "Port Example",
    "Lake Example",
    "Example Grove",
    "Example Springs",
    "North Exampleton",
]
SCHOOL_WORDS = ["Lakeside", "Valley", "Summit", "Riverbend", "Northfield", "Harbor", "Prairie", "Maple", "Cedar", "Bay"]
SCHOOL_KINDS = ["College", "Community College", "Technical College", "Institute of Health Careers", "Career College"]
PROGRAM_NAMES = {
    False: ["Example Medical Assistant Certificate", "Example Medical Assisting Diploma"],
    True: ["Example Medical Assisting Associate Degree", "Example Associate of Applied Science in Medical Assisting"],
}
STATES = ["AZ", "CA", "CO", "FL", "GA", "IL", "MI", "MN", "NC", "NY", "OH", "OR", "PA", "TN", "TX", "VA", "WA", "WI"]


class Command(BaseCommand):
    help = (
        "Create N fictional example programs (named “Example …”, flagged as examples, no website) for trying "
        "the directory. A fixed --seed makes the same programs each time, so running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=24, help="How many example programs to create (default 24).")
        parser.add_argument(
            "--seed", type=int, default=None, help="Random seed; the same seed makes the same programs."
        )
        parser.add_argument("--clear", action="store_true", help="Delete every existing example program first.")

    def handle(self, *args, count, seed, clear, **options):
        if count < 0:
            raise CommandError("--count cannot be negative.")
        paths = list(EducationPath.objects.compared().order_by("order", "pk"))
        if not paths:
            raise CommandError("No education path is stored: run `manage.py load_content` first.")
        accreditors = list(Accreditor.objects.order_by("abbreviation"))
        if seed is None:
            seed = random.SystemRandom().randrange(1_000_000)
        programs = build_examples(count=count, seed=seed, paths=paths, accreditors=accreditors)
        with transaction.atomic():
            deleted = Program.objects.examples().delete()[0] if clear else 0
            # Same seed, same slugs: a second run updates the same rows instead of adding new ones.
            Program.objects.bulk_create(
                programs,
                batch_size=500,
                update_conflicts=True,
                unique_fields=["slug"],
                update_fields=[f.name for f in Program._meta.concrete_fields if f.name not in ("id", "slug")],
            )
        if options["verbosity"]:
            cleared = f" (deleted {deleted} first)" if clear else ""
            self.stdout.write(f"Created {len(programs)} example programs with seed {seed}{cleared}.")


def build_examples(*, count, seed, paths, accreditors):
    """`count` unsaved, fictional programs: plausible random costs and lengths, made up and flagged."""
    rng = random.Random(seed)
    today = datetime.date.today()
    programs = []
    for number in range(1, count + 1):
        path = rng.choice(paths)
        degree = path.includes_general_education
        months = rng.randint(path.min_months, min(path.max_months + (0 if degree else 3), MAX_PROGRAM_MONTHS))
        cost_range = (8_000, 30_000) if degree else (2_500, 16_000)
        cost = None if rng.random() < 0.1 else rng.randrange(cost_range[0], cost_range[1], 50)
        roll = rng.random()
        accreditor = None
        if accreditors and roll < 0.7:
            accreditor = accreditors[0] if roll < 0.4 or len(accreditors) == 1 else rng.choice(accreditors[1:])
        institution = f"Example {rng.choice(SCHOOL_WORDS)} {rng.choice(SCHOOL_KINDS)}"
        programs.append(
            Program(
                name=rng.choice(PROGRAM_NAMES[degree]),
                institution=institution,
                slug=f"example-{seed}-{number}",
                city=rng.choice(PLACES),
                state=rng.choice(STATES),
                delivery_format=rng.choice(Program.Format.values),
                path=path,
                accreditor=accreditor,
                total_cost=cost,
                months=months,
                has_externship=rng.random() < 0.8,
                has_placement_help=rng.random() < 0.6,
                website="",
                last_verified=today,
                is_example=True,
            )
        )
    return programs
