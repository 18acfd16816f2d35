"""The SSDA903 return: the tables the authority's case management system produces each year
for the Department for Education, read into IRO Desktop and the Reviews table written back.

Pure rules only (code lists per collection year, row checks, periods of care, the return's
own checks); reading files and writing rows live in ``store.ssda903``.
"""
