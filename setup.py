"""Packaging that pyproject.toml cannot say on its own: ship the top-level ``resources/``
folder inside the wheel, as ``iro_desktop/bundled_resources``.

``resources/`` stays where people edit it (beside the package, not inside it); the wheel
carries a copy, so an installed program finds its fonts, wording and question sets without
``IRO_DESKTOP_RESOURCES`` (see ``iro_desktop/resources.py``). Its files are listed as
package data in pyproject.toml, which takes precedence over this file for that key.
"""

from setuptools import find_namespace_packages, setup

BUNDLED = "iro_desktop.bundled_resources"

setup(
    # Namespace packages too (store/ops has no __init__.py), as pyproject's find did.
    packages=[
        *find_namespace_packages(include=["iro_desktop*"], exclude=["*__pycache__"]),
        BUNDLED,
    ],
    package_dir={BUNDLED: "resources"},
)
