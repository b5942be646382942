"""The layers import one way: the site → apps; programs → certifications, career paths, shared; each app → shared.

Walks every module of careerpath/, programs/ and certifications/ (imports inside functions and under
TYPE_CHECKING too) and fails on an import the layer rule forbids, naming the file, line and module.
The layout is explained in the README's "Layout" section.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PACKAGES = ("careerpath", "programs", "certifications")

# May import (besides itself, Django and third-party packages).
ALLOWED = {
    "site": {"site", "careers", "programs", "certifications", "shared"},
    "programs": {"programs", "certifications", "careers", "shared"},
    "certifications": {"certifications", "shared"},
    "careers": {"careers", "shared"},
    "shared": {"shared"},
}


def layer_of(module):
    """The layer of a dotted module name, or None for anything outside our packages."""
    parts = module.split(".")
    if parts[0] in ("programs", "certifications"):
        return parts[0]
    if parts[0] != "careerpath":
        return None
    if len(parts) > 1 and parts[1] == "shared":
        return "shared"
    if len(parts) > 1 and parts[1] == "careers":
        return "careers"
    return "site"


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
            # "from careerpath import checks" is judged by its name; the bare package itself is not a layer.
            if target == "careerpath":
                continue
            found.append(f"{path.relative_to(root)}:{line} ({source_layer}) imports {target} ({target_layer})")
    return found


def test_no_module_imports_upward():
    files = list(our_modules())
    assert len(files) > 100, "the walk found too few modules to be checking anything"
    assert violations(files) == []


@pytest.mark.parametrize(
    ("module", "statement", "offence"),
    [
        ("careerpath/careers/models.py", "from programs.models import EducationPath", "careers"),
        ("careerpath/shared/models.py", "from careerpath.careers import figures", "shared"),
        ("certifications/views/comparison.py", "from careerpath.careers import selectors", "certifications"),
        ("certifications/eligibility.py", "    from programs.models import Accreditor", "certifications"),
        ("careerpath/shared/selectors.py", "from ..page_cache import bump_content_version", "shared"),
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
