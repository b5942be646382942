"""Editors' CSV imports and exports in the admin: what a file may hold, how a preview waits, how a confirm is refused.

resources.py   the all-or-nothing resource every imported model's resource builds on, and its key widget
checks.py      what a file and its rows must satisfy before anything is saved, and the limits on a file
forms.py       the bounded upload form
previews.py    the ImportPreview model: a previewed file waiting for its confirm
storage.py     django-import-export's temporary storage, in that model
admin.py       the admin mixin, with its refusals in plain words
spreadsheet.py the formula rule shared with the public CSV downloads

Nothing here is imported by the package itself: content.models imports the model from previews.py.
"""
