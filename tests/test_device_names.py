"""A report name made from input text is never a Windows device name (bt16k F8: a title 「NUL.经开区…」 gave the report
NUL.经开区_2022Q4.pdf, which a Windows client of the share cannot open: the part before the first dot is a device)."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from conftest import EXAMPLES
from scorer.atomic import safe_name

DEVICES = ["CON", "PRN", "AUX", "NUL", "COM1", "COM9", "LPT1", "LPT9", "COM¹", "CONIN$", "CONOUT$"]


def _windows_device(name: str) -> bool:
    return name.split(".")[0].rstrip(" ").upper() in {d.upper() for d in DEVICES}


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("form", ["{d}", "{d}.经开区", "{d}.", "{d} .x", "{d}.a.b"])
def test_no_name_made_from_text_is_a_device_in_any_case(device, form):
    for text in (form.format(d=device), form.format(d=device.lower()), form.format(d=device.title())):
        name = safe_name(text)
        assert not _windows_device(name) and not _windows_device(f"{name}_2022Q4.pdf"), (text, name)


@pytest.mark.parametrize("text", ["NULL经开区", "Console", "经开区NUL", "COM10", "AUX经开区"])
def test_names_that_only_begin_like_a_device_are_kept(text):
    assert safe_name(text) == text


def test_watch_names_a_report_from_a_device_like_title_so_windows_can_open_it(tmp_path):
    from scorer.cli.watch import Watcher

    source = sorted(EXAMPLES.glob("*2022年1-12月.xlsx"))[0]
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    book = load_workbook(source)
    for sheet in book.worksheets[:2]:
        sheet["A1"].value = sheet["A1"].value.replace("周口", "NUL.周口")
    book.save(inbox / "w.xlsx")
    watcher = Watcher(inbox, out)
    watcher.poll()
    watcher.poll()
    reports = [p.name for p in out.glob("*.pdf")]
    assert len(reports) == 1 and not _windows_device(reports[0]) and "NUL.周口" in reports[0], reports
