"""The tests' forked commands (tests/forked_cli.py) report the command's own exit code."""

from forked_cli import _exit_code, run_scorer

from conftest import ROOT


def test_a_status_the_forkserver_lost_is_read_from_the_childs_own_file(tmp_path):
    status = tmp_path / "status"
    status.write_text("1")
    assert _exit_code(255, str(status)) == 1  # CPython issue 140867: the forkserver's 255 for a lost status
    assert _exit_code(0, str(status)) == 0  # a status it did report stands
    assert _exit_code(-15, str(status)) == -15  # a signal that ended the child too
    assert _exit_code(255, str(tmp_path / "absent")) == 255  # the child never wrote it (killed before it exited)


def test_a_forked_command_exits_with_its_own_code(tmp_path):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    result = run_scorer(["ingest", str(empty)], ROOT, None, 120)
    assert result.returncode == 1, result.stderr
    assert run_scorer(["--version"], ROOT, None, 120).returncode == 0
