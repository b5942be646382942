"""django-import-export's temporary storage, in the ImportPreview table instead of a cache or /tmp.

Named by IMPORT_EXPORT_TMP_STORAGE_CLASS: the file a preview read waits here, so the confirming request
may reach another worker or machine, and no cache eviction can lose it.
"""

from uuid import uuid4

from import_export.tmp_storages import BaseStorage

from .previews import ImportPreview


class PreviewGone(Exception):
    """The preview a confirm names has expired or was already used."""


class DatabasePreviewStorage(BaseStorage):
    """One previewed file, kept as an ImportPreview row; reading an expired or used one raises PreviewGone."""

    def save(self, data):
        if not self.name:
            self.name = uuid4().hex
        if isinstance(data, str):
            data = data.encode(self.encoding or "utf-8")
        ImportPreview.objects.update_or_create(name=self.name, defaults={"data": data})

    def read(self):
        preview = ImportPreview.objects.live().filter(name=self.name).first()
        if preview is None:
            raise PreviewGone(self.name)
        data = bytes(preview.data)
        if "b" in self.read_mode:
            return data
        return data.decode(self.encoding or "utf-8-sig")

    def remove(self):
        ImportPreview.objects.filter(name=self.name).delete()
