"""The layers point one way: the site → the apps → content; programs → certifications and careers.

Three views of the same rule, each failing with what crossed it:
- imports: every module of our packages (imports inside functions and under TYPE_CHECKING too), by
  file, line and module;
- the schema: every foreign key and many-to-many field, by model and field;
- the migrations: every dependency between our apps' migrations.
The layout is explained in the README's "Layout" section.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.migrations.loader import MigrationLoader
from django.test.utils import isolate_apps

ROOT = Path(settings.BASE_DIR)

# Each package (and app label: they are the same) may use these (besides itself, Django and third parties).
ALLOWED = {
    "careerpath": {"careerpath", "accounts", "programs", "certifications", "careers", "content"},
    "accounts": {"accounts", "content"},
    "programs": {"programs", "certifications", "careers", "content"},
    "certifications": {"certifications", "content"},
    "careers": {"careers", "content"},
    "content": {"content"},
}
PACKAGES = tuple(ALLOWED)


def layer_of(module):
    """The layer of a dotted module name (or app label), or None for anything outside our packages."""
    top = module.split(".")[0]
    return top if top in ALLOWED else None


def module_name(path, root=ROOT):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path, root=ROOT):
    """(line, module) for every import in the file, relative imports resolved against its package."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            # `from careerpath import pay` imports careerpath.pay: judge each imported name too.
            yield node.lineno, target
            for alias in node.names:
                yield node.lineno, f"{target}.{alias.name}"


def our_modules():
    for package in PACKAGES:
        yield from sorted((ROOT / package).rglob("*.py"))


def violations(files, root=ROOT):
    found = []
    for path in files:
        source_layer = layer_of(module_name(path, root))
        for line, target in imported_modules(path, root):
            target_layer = layer_of(target)
            if target_layer is None or target_layer in ALLOWED[source_layer]:
                continue
            # "from content import memo" is judged by its name; a bare package itself is judged by its layer.
            if target in ALLOWED and target_layer in ALLOWED[source_layer]:
                continue
            found.append(f"{path.relative_to(root)}:{line} ({source_layer}) imports {target} ({target_layer})")
    return found


def test_no_module_imports_upward():
    files = list(our_modules())
    assert len(files) > 120, "the walk found too few modules to be checking anything"
    assert violations(files) == []


@pytest.mark.parametrize(
    ("module", "statement", "offence"),
    [
        ("careers/models.py", "from programs.models import EducationPath", "careers"),
        ("content/models.py", "from careers import figures", "content"),
        ("certifications/views/comparison.py", "from careers import selectors", "certifications"),
        ("certifications/eligibility.py", "    from programs.models import Program", "certifications"),
        ("content/selectors.py", "from careerpath.page_cache import bump_content_version", "content"),
        ("accounts/signin.py", "from careerpath import page_cache", "accounts"),
    ],
)
def test_the_walk_catches_an_upward_import(tmp_path, module, statement, offence):
    """The rule is checked, not assumed: an upward import added to a copy of a real module is reported."""
    original = ROOT / module
    copy = tmp_path / "tree" / module
    copy.parent.mkdir(parents=True)
    body = original.read_text(encoding="utf-8")
    if statement.startswith(" "):  # inside a function, as a lazy import
        body += f"\n\ndef _lazy():\n{statement}\n"
    else:
        body = f"{statement}\n{body}"
    copy.write_text(body, encoding="utf-8")
    assert violations([original]) == []
    found = violations([copy], root=tmp_path / "tree")
    assert len(found) >= 1
    assert all(f"({offence}) imports" in line for line in found)


def schema_violations(models):
    """Each foreign key or many-to-many field of our models whose target's app the layer rule forbids."""
    found = []
    for model in models:
        source = model._meta.app_label
        for field in model._meta.get_fields(include_hidden=True):
            if not field.is_relation or field.auto_created or field.remote_field is None:
                continue
            target = field.remote_field.model
            label = target if isinstance(target, str) else target._meta.label
            target_layer = layer_of(label)
            if target_layer is not None and target_layer not in ALLOWED[source]:
                found.append(f"{model._meta.label}.{field.name} ({source}) points at {label} ({target_layer})")
    return found


def migration_violations(nodes):
    """Each (migration, dependency) pair, among our apps', that runs from a lower layer to a higher one."""
    found = []
    for (app, name), parents in nodes:
        for parent_app, parent_name in parents:
            if layer_of(parent_app) is not None and parent_app not in ALLOWED[app]:
                found.append(f"{app}.{name} depends on {parent_app}.{parent_name}")
    return found


def our_models():
    return [model for model in apps.get_models() if model._meta.app_label in ALLOWED]


def our_migrations():
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    return [(key, [parent.key for parent in graph.node_map[key].parents]) for key in graph.nodes if key[0] in ALLOWED]


def test_every_foreign_key_points_down():
    models = our_models()
    assert len(models) > 15, "too few of our models were found to be checking anything"
    assert schema_violations(models) == []


def test_every_migration_dependency_points_down():
    nodes = our_migrations()
    assert {app for (app, _), _ in nodes} >= {"content", "careers", "programs", "certifications", "accounts"}
    assert migration_violations(nodes) == []


@isolate_apps("content")
def test_the_schema_check_catches_a_foreign_key_pointing_up():
    class Planted(models.Model):
        program = models.ForeignKey("programs.Program", on_delete=models.CASCADE)

        class Meta:
            app_label = "content"

        def __str__(self):
            return "planted"

    assert schema_violations([Planted]) == ["content.Planted.program (content) points at programs.Program (programs)"]


def test_the_migration_check_catches_a_dependency_pointing_up():
    nodes = our_migrations()
    content_first = next(key for key, parents in nodes if key[0] == "content")
    planted = [*nodes, (("content", "0099_planted"), [content_first, ("careers", "0001_initial")])]
    assert migration_violations(planted) == ["content.0099_planted depends on careers.0001_initial"]
