"""The bundle's entry point: the ``iro-desktop`` command, frozen by PyInstaller.

``IRO_DESKTOP_BENCH_PROBE`` (``bare`` or ``ours``) makes the bundle run one of the fixed
start-up probes of ``iro-desktop bench`` (``iro_desktop/devtools/gui_bench.py``) instead of a
command, so the bench times the frozen program exactly as it times the installed one. It
runs only those two shipped scripts; it takes no code from outside.
"""

import os
import sys

if __name__ == "__main__":
    # ``central serve --workers N`` starts worker processes: in a frozen program each one
    # is this executable started again, which must then run the worker, not the command.
    # Only such a start loads multiprocessing (packaging/rthooks/multiprocessing_child.py):
    # every other start is spared it.
    if sys.argv[1:2] == ["--multiprocessing-fork"]:
        import multiprocessing

        multiprocessing.freeze_support()
    probe = os.environ.pop("IRO_DESKTOP_BENCH_PROBE", "")
    if probe:
        from iro_desktop.devtools import gui_bench

        exec(compile({"bare": gui_bench.BARE, "ours": gui_bench.OURS}[probe], probe, "exec"))
        sys.exit(0)
    from iro_desktop.cli.main import main

    sys.exit(main())
