"""A stop signal is honoured even when its exception is swallowed on the way (bt16g F5): `scorer watch` lost a
SIGTERM that came in its first look and ran on (systemd would SIGKILL it mid-write); a sheet's reader said a
SIGTERM as "cannot read sheet"."""

from __future__ import annotations

import importlib
import os
import signal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorer.cli import main as cli_main
from tests.conftest import EXAMPLES


@pytest.fixture
def handlers():
    """scorer's own handlers of SIGINT and SIGTERM installed (as `main` installs them), the record empty; restored after."""
    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGINT, cli_main._interrupt)
    signal.signal(signal.SIGTERM, cli_main._terminate)
    cli_main._RECEIVED.clear()
    yield
    cli_main._RECEIVED.clear()
    for s, h in before.items():
        signal.signal(s, h)


def _swallowed(sig: int) -> None:
    """The signal delivered to this process, its exception caught and dropped (as a finaliser or a guard does)."""
    try:
        os.kill(os.getpid(), sig)
        for _ in range(1000):  # the handler runs at the next bytecode boundary
            pass
    except BaseException:
        pass


@pytest.mark.parametrize("sig, kind", [(signal.SIGTERM, cli_main.Terminated), (signal.SIGINT, KeyboardInterrupt)])
def test_a_swallowed_stop_is_raised_again(handlers, sig, kind):
    cli_main.honour_signals()  # nothing received: nothing raised
    _swallowed(sig)
    with pytest.raises(kind):
        cli_main.honour_signals()


def test_watch_stops_on_a_sigterm_its_look_swallowed(handlers, tmp_path, monkeypatch):
    from scorer.cli.app import COMMANDS, app
    from scorer.cli.watch import Watcher

    for module in sorted({m for m, _ in COMMANDS.values()}):
        importlib.import_module(module)
    looks = []

    def poll(self):
        looks.append(1)
        _swallowed(signal.SIGTERM)
        return []

    monkeypatch.setattr(Watcher, "poll", poll)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with pytest.raises(cli_main.Terminated):
        CliRunner().invoke(app, ["--lang", "en", "watch", str(inbox), "-o", str(tmp_path / "out"), "--interval", "0.01",
                                 "--max-polls", "3"], catch_exceptions=False)
    assert looks == [1], "the watcher went on looking after the SIGTERM"


def test_a_stop_while_a_sheet_is_read_is_no_unreadable_sheet(monkeypatch, tmp_path):
    """Any BaseException but calamine's panic goes through the reader (a Terminated was said "cannot read sheet")."""
    import python_calamine

    from scorer.read.files import load_sheets

    class Stop(BaseException):
        pass

    def stop(*args, **kwargs):
        raise Stop()

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", stop)
    book = sorted(EXAMPLES.glob("*.xlsx"))[0]
    with pytest.raises(Stop):
        load_sheets(Path(book), book.read_bytes())


class _StopsWhileMade:
    """A descriptor whose __set_name__ receives Ctrl-C: the handler's KeyboardInterrupt is raised while a class is
    made, which Python 3.11 re-raises as RuntimeError("Error calling __set_name__ …") (pydantic's classes, bt16k F3)."""

    def __init__(self, sig):
        self.sig = sig

    def __set_name__(self, owner, name):
        os.kill(os.getpid(), self.sig)


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_stop_while_a_class_is_made_is_the_stop_not_a_bug(monkeypatch, capsys, sig, code):
    import scorer.cli.app as app_module

    def made(standalone_mode=False):
        type("Made", (), {"field": _StopsWhileMade(sig)})

    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    monkeypatch.setattr(app_module, "app", made)
    monkeypatch.setattr("sys.argv", ["scorer", "score", "x", "--lang", "en"])
    cli_main._RECEIVED.clear()
    try:
        with pytest.raises(SystemExit) as stopped:
            cli_main.main()
    finally:
        cli_main._RECEIVED.clear()
        for s, h in before.items():
            signal.signal(s, h)
    err = capsys.readouterr().err
    assert stopped.value.code == code and "internal error" not in err and "bug" not in err, err
