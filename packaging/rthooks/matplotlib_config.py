# Run-time hook (packaging/iro-desktop.spec): matplotlib's settings and font cache folder.
#
# In place of PyInstaller's own hook, which makes a new temporary folder at every start
# (and removes it at exit), so matplotlib built its font cache again in each run that drew
# a chart. This folder is the program's own and lasts: a user's matplotlibrc is still not
# read, and nothing is done at start but setting one variable.
import os
import sys

if "MPLCONFIGDIR" not in os.environ:
    if sys.platform == "win32":
        _base = os.environ.get("LOCALAPPDATA") or os.path.expanduser(r"~\AppData\Local")
    else:
        _base = os.environ.get("XDG_CACHE_HOME", "")
        if not os.path.isabs(_base):
            _base = os.path.expanduser("~/.cache")
    os.environ["MPLCONFIGDIR"] = os.path.join(_base, "iro-desktop", "matplotlib")
    del _base
