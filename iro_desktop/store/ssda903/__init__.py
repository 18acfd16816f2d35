"""Reading the authority's SSDA903 extract from a folder of CSV files, and writing the return.

The one importer and the one exporter: the laptop's ``iro-desktop import 903`` and the
central store's ``central admin import 903`` both call ``importer.import_into``; both
exports call ``exporter``. The rules they apply live in ``domain.ssda903``.
"""
