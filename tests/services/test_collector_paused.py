"""collector_paused (services.alerts): the cyclic garbage collector is held off for a bulk read,
nested and across threads, and put back as it was, even when the read fails."""

from __future__ import annotations

import gc
import threading

import pytest

from cpdesk.services.alerts import collector_paused


def test_paused_inside_and_restored_after_nesting_and_errors() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer read is still running
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("the read failed")
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_resumes_only_when_the_last_thread_is_done() -> None:
    inside, release = threading.Event(), threading.Event()

    def other_read() -> None:
        with collector_paused():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other_read)
    with collector_paused():
        thread.start()
        assert inside.wait(5)
    assert not gc.isenabled()  # the other thread's read is still running
    release.set()
    thread.join(5)
    assert gc.isenabled()
