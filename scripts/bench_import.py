"""make bench's measure of the editors' import preview: the admin's preview of the largest file it accepts."""

from __future__ import annotations

import json
import os
import statistics

from scratch_site import PYTHON, run

# The editors' import preview of the largest file the admin accepts (MAX_IMPORT_ROWS rows of new programs),
# timed in one process, the upload to the rendered preview; the goal is the limit a unit test used to assert.
IMPORT_ROWS = 5000
IMPORT_RUNS = int(os.environ.get("BENCH_IMPORT_RUNS", "3"))
IMPORT_GOAL_SECONDS = 10


def import_preview_seconds(env, rows=IMPORT_ROWS, runs=IMPORT_RUNS):
    """Seconds each of `runs` previews of a `rows`-row program CSV took in the admin, signed in as an editor."""
    code = f"""
import json, time
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from certifications.models import Accreditor
from content.csv_imports.previews import ImportPreview
from programs.models import EducationPath

path, accreditor = EducationPath.objects.order_by("pk").first().slug, Accreditor.objects.order_by("pk").first().slug
header = ("institution,name,slug,city,state,delivery_format,path,accreditor,total_cost,months,"
          "has_externship,has_placement_help,website,last_verified,is_example")
rows = [f"Example Bench College,Example MA Certificate {{n}},bench-import-{{n}},Exampleville,OH,hybrid,{{path}},"
        f"{{accreditor}},12500,10,1,0,https://example.org/{{n}},2026-11-01,1" for n in range({rows})]
data = "\\n".join([header, *rows]).encode()
editor = get_user_model().objects.create_superuser("bench-editor", "bench@example.org", None)
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(editor)
seconds = []
for _ in range({runs}):
    upload = SimpleUploadedFile("programs.csv", data, content_type="text/csv")
    start = time.perf_counter()
    form = {{"format": "0", "resource": "0", "import_file": upload}}
    response = client.post(reverse("admin:programs_program_import"), form)
    html = response.content.decode()
    seconds.append(time.perf_counter() - start)
    assert response.status_code == 200 and "Confirm import" in html, response.status_code
    assert html.count('class="new"') == {rows}, html.count('class="new"')
ImportPreview.objects.all().delete()
editor.delete()
print(json.dumps(seconds))
"""
    out = run([PYTHON, "manage.py", "shell", "--no-imports", "-c", code], env, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def import_preview_lines(seconds, rows=IMPORT_ROWS):
    """The report's section on the import preview, in the format of the rest of docs/benchmarks.md."""
    median, slowest = statistics.median(seconds), max(seconds)
    verdict = "met" if slowest < IMPORT_GOAL_SECONDS else "NOT met"
    return [
        "",
        "## Import preview",
        "",
        f"An editor's preview of a program CSV of {rows:,} new rows (the most one file may hold) in the admin, "
        f"from the upload to the rendered page, in one process on the same database, uploaded {len(seconds)} "
        "times; nothing is saved.",
        "",
        "| import | rows | median s | slowest s |",
        "|---|---:|---:|---:|",
        f"| programs, preview | {rows:,} | {median:.1f} | {slowest:.1f} |",
        "",
        f"Goal: every preview under {IMPORT_GOAL_SECONDS} s; slowest here: {slowest:.1f} s — {verdict}.",
    ]
