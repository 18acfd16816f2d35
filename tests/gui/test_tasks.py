"""The background helper: results on the main thread, and no garbage collection elsewhere."""

from __future__ import annotations

import gc
import threading

from iro_desktop.gui.tasks import MainThreadGC, TaskRunner


def test_results_and_errors_arrive_on_the_main_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    seen: list[tuple[str, object]] = []
    main = threading.get_ident()

    def work() -> int:
        assert threading.get_ident() != main
        return 42

    def fail() -> int:
        raise ValueError("bad")

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy):
        runner.submit(work, lambda r: seen.append(("done", (r, threading.get_ident()))))
        runner.submit(fail, lambda r: None, lambda e: seen.append(("error", type(e).__name__)))
    assert ("done", (42, main)) in seen
    assert ("error", "ValueError") in seen


def test_automatic_collection_is_off_while_the_collector_runs(qapp) -> None:  # type: ignore[no-untyped-def]
    collector = MainThreadGC()
    collector.start()
    try:
        assert not gc.isenabled()
        garbage = [[] for _ in range(gc.get_threshold()[0] + 10)]
        for item in garbage:
            item.append(item)  # cycles only the collector can free
        del garbage, item
        before = gc.get_count()[0]
        collector.check()
        assert gc.get_count()[0] < before
    finally:
        collector.stop()
    assert not gc.isenabled()  # the session's own collector is still in charge
