"""Steps run in a forked child beside the build, and their failures reach the build."""

import os

import pytest

from warta_common.background import Background, BackgroundFailed
from warta_common.problems import ContentErrors, Problem

FORKING = {"WARTA_BACKGROUND_WORK": True}


def test_a_step_runs_in_another_process_and_is_done_when_waited_for(tmp_path):
    target = tmp_path / "pid"
    running = Background(lambda: target.write_text(str(os.getpid())), FORKING)
    running.wait()
    assert int(target.read_text()) != os.getpid()


def test_content_errors_in_the_child_stop_the_build_with_their_problems():
    problem = Problem("content/artikel/a.md", "Title", "missing")

    def step():
        raise ContentErrors([problem])

    running = Background(step, FORKING)
    with pytest.raises(ContentErrors) as raised:
        running.wait()
    assert [str(p) for p in raised.value.problems] == [str(problem)]


def test_any_other_failure_names_what_went_wrong():
    def step():
        raise OSError("disk full")

    with pytest.raises(BackgroundFailed, match="OSError: disk full"):
        Background(step, FORKING).wait()


def test_without_background_work_the_step_runs_in_the_build_when_waited_for(tmp_path):
    target = tmp_path / "pid"
    running = Background(lambda: target.write_text(str(os.getpid())), {"WARTA_BACKGROUND_WORK": False})
    assert not target.exists()
    running.wait()
    assert int(target.read_text()) == os.getpid()
