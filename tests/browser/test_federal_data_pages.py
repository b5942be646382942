"""Pages showing imported-shaped programs (unknowns, completions, earnings, debt) meet no WCAG barrier either."""

import pytest

from .harness import axe_violations, describe_violations, screenshot, visit

pytestmark = pytest.mark.browser

# generated-0 has completions, earnings and debt and no cost (so its debt reads in months of pay);
# generated-5 (award level 21) has neither earnings nor debt. See programs/generated.py.
PAGES = [
    ("federal-directory", "/programs/?format=online&earnings=yes&sort=-earnings"),
    ("federal-directory-all", "/programs/?path=certificate-or-diploma"),
    ("federal-program", "/programs/generated-0/"),
    ("federal-compare", "/programs/compare/?p=generated-0&p=generated-5&p=generated-3"),
    ("federal-checklist", "/programs/checklist/?program=generated-0&budget=15000"),
]


@pytest.fixture
def imported_shaped(committed_site):
    from programs.generated import imported_shaped_programs
    from programs.models import Program

    Program.objects.bulk_create(imported_shaped_programs(12))
    return committed_site


@pytest.mark.usefixtures("imported_shaped")
@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_the_federal_data_and_its_unknowns_meet_no_wcag_barrier(desktop, name, path):
    visit(desktop, name, path)
    screenshot(desktop, name, "desktop")
    assert "not in the federal data — ask the school" in desktop.content()
    violations = axe_violations(desktop)
    assert not violations, f"axe-core found WCAG A/AA violations on {path}:\n{describe_violations(violations)}"
