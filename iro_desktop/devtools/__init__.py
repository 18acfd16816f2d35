"""Tools for the people who build IRO Desktop, not for IROs: the tour (a picture of every
screen, ``iro-desktop tour``) and every section of ``iro-desktop bench`` (``*_bench.py``,
filling the report in ``bench.py``).

They drive the real program from outside, so they sit above ``gui/`` in the layers and
may read the store directly to set a screen up.
"""
