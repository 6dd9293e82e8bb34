"""Hostile input that exhausts memory (issue 16, break test 08:35): a zip bomb posing as a workbook, a
"billion laughs" YAML. Each is refused with a message naming the file before anything inflates it, also
in a process whose address space is capped (where the old code died with MemoryError, exit 70)."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, run_cli
from scorer import archives
from scorer.errors import ScorerError

LIMIT_GB = 1  # the sample zone is scored in well under 800 MB of address space


def _limited(*args: str | Path, limit_gb: int = LIMIT_GB) -> subprocess.CompletedProcess:
    """`scorer ARGS` in a process whose address space is capped at `limit_gb` GB (resource.setrlimit)."""
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (%d << 30, %d << 30)); "
            "from scorer.cli.main import main; sys.argv = ['scorer', *sys.argv[1:]]; main()" % (limit_gb, limit_gb))
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)


def _bomb(path: Path, megabytes: int, part: str = "xl/worksheets/sheet1.xml", base: Path | None = None) -> Path:
    """A copy of the workbook `base` (the sample's first quarter) whose `part` is padded with `megabytes`
    MB of blanks before its closing tag: XML any reader must inflate in full, packed about 200:1."""
    base = base or sorted(EXAMPLES.glob("*.xlsx"))[0]
    with zipfile.ZipFile(base) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    head, _, tail = parts[part].rpartition(b"</")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, data in parts.items():
            if name != part:
                z.writestr(name, data)
        with z.open(part, "w") as f:
            f.write(head)
            blanks = b" " * (1 << 20)
            for _ in range(megabytes):
                f.write(blanks)
            f.write(b"</" + tail)
    return path


def _ods_bomb(path: Path, megabytes: int) -> Path:
    blanks = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.spreadsheet")
        with z.open("content.xml", "w") as f:
            f.write(b'<?xml version="1.0"?><office:document-content xmlns:office='
                    b'"urn:oasis:names:tc:opendocument:xmlns:office:1.0">')
            for _ in range(megabytes):
                f.write(blanks)
            f.write(b"</office:document-content>")
    return path


def test_a_workbook_inflating_beyond_the_limit_is_refused_under_a_memory_limit(tmp_path):
    """400 MB of sheet XML in a 2 MB file: refused at the file (exit 1), not read until memory runs out."""
    bomb = _bomb(tmp_path / "周口经开区主要统计指标_2022年1-3月.xlsx", 400)
    assert bomb.stat().st_size < 4 << 20
    done = _limited("score", bomb, "--lang", "en")
    assert done.returncode == 1, done.stderr[-2000:]
    assert str(bomb) in done.stderr and "zip bomb" in done.stderr and "sheet1.xml" in done.stderr, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr


def test_a_part_packed_far_tighter_than_any_workbook_is_refused(tmp_path):
    """64 MB of blanks (under the total limit) in one part packed ~200:1: the ratio refuses it."""
    bomb = _bomb(tmp_path / "w.xlsx", 64)
    done = run_cli("score", bomb, "--lang", "zh")
    assert done.returncode == 1 and str(bomb) in done.stderr and "sheet1.xml" in done.stderr, done.stderr
    assert "倍" in done.stderr and "internal error" not in done.stderr


def test_an_ods_bomb_is_refused(tmp_path):
    bomb = _ods_bomb(tmp_path / "w.ods", 300)
    with pytest.raises(ScorerError) as caught:
        archives.check_inflation(bomb.read_bytes(), bomb)
    problem = caught.value.problems[0]
    assert problem.location.file == bomb and "content.xml" in problem.message
    done = run_cli("score", bomb, "--lang", "en")
    assert done.returncode == 1 and str(bomb) in done.stderr and "content.xml" in done.stderr, done.stderr


def test_a_part_whose_header_understates_its_size_is_measured_as_it_inflates(tmp_path):
    """The sizes a zip declares are the writer's word: a bomb declaring 1 KB parts is still measured."""
    bomb = _bomb(tmp_path / "w.xlsx", 300)
    data = bytearray(bomb.read_bytes())
    # Rewrite the sheet's declared uncompressed size to 1 000 bytes in its local header and in the central
    # directory (APPNOTE 4.3.7 and 4.3.12: the 4-byte size at offsets 22 and 24).
    name = b"xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(bomb) as z:
        local = z.getinfo(name.decode()).header_offset
    data[local + 22:local + 26] = struct.pack("<I", 1000)
    central = 0
    while (central := data.find(b"PK\x01\x02", central + 1)) != -1:
        length = struct.unpack("<H", data[central + 28:central + 30])[0]
        if data[central + 46:central + 46 + length] == name:
            data[central + 24:central + 28] = struct.pack("<I", 1000)
    liar = tmp_path / "liar.xlsx"
    liar.write_bytes(bytes(data))
    with zipfile.ZipFile(liar) as z:
        assert sum(i.file_size for i in z.infolist()) < 1 << 20  # the declared sizes say it is small
    with pytest.raises(ScorerError) as caught:
        archives.check_inflation(liar.read_bytes(), liar)
    assert "sheet1.xml" in caught.value.problems[0].message


def test_the_sample_workbooks_are_well_within_the_limits():
    for path in EXAMPLES.glob("*.xlsx"):
        archives.check_inflation(path.read_bytes(), path)  # raises if not


def test_a_bomb_as_peer_table_or_coinr_table_is_refused(tmp_path):
    bomb = _bomb(tmp_path / "peers.xlsx", 64)
    done = run_cli("score", EXAMPLES, "--peers", bomb, "--lang", "en")
    assert done.returncode == 1 and str(bomb) in done.stderr and "zip bomb" in done.stderr, done.stderr
    done = run_cli("import-coinr", bomb, bomb, "-o", tmp_path / "out", "--lang", "en")
    assert done.returncode == 1 and str(bomb) in done.stderr and "zip bomb" in done.stderr, done.stderr
    assert not (tmp_path / "out").exists()


def test_a_bomb_dropped_in_the_watched_folder_gets_an_error_file_and_the_watcher_goes_on(tmp_path):
    from scorer.cli.watch import Watcher, error_file

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    bomb = _bomb(inbox / "周口经开区主要统计指标_2022年1-3月.xlsx", 64)
    watcher = Watcher(inbox, out)
    watcher.poll()  # seen
    events = watcher.poll()  # settled: taken
    assert error_file(bomb).exists() and "sheet1.xml" in error_file(bomb).read_text(encoding="utf-8")
    assert any(bomb.name in line for line in events), events
    good = inbox / "good_2022年1-6月.xlsx"
    shutil.copy(sorted(EXAMPLES.glob("*2022年1-6月.xlsx"))[0], good)
    watcher.poll()
    watcher.poll()
    assert list(out.glob("*.pdf")), "the watcher went on to report from the good workbook"


# ---------------------------------------------------------------------------------------------- YAML

def _laughs(path: Path, under: str) -> Path:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    path.write_text("\n".join(lines) + f"\n{under}: *i\nfields:\n  fdi_actual: +1%\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("under", ["name", "description", "fields_extra"])
def test_a_billion_laughs_scenario_is_a_located_error_under_a_memory_limit(tmp_path, under):
    """9 aliases of 9 aliases nine deep (387 million strings) load as shared references in microseconds,
    then exhausted memory wherever they were first walked (a pydantic message: exit 70 MemoryError)."""
    laughs = _laughs(tmp_path / "laughs.yaml", under)
    done = _limited("compare", EXAMPLES, laughs, "--lang", "en")
    assert done.returncode == 1, done.stderr[-2000:]
    assert f"{laughs}:" in done.stderr and "aliases" in done.stderr, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("text, line", [
    ("name: &a [*a]\ndescription: x\nfields: {}\n", 1),  # a list holding itself
    ("name: x\ndescription: &d [*d]\nfields: {}\n", 2),
    ("name: x\nfields: &f {a: *f}\n", 2),  # a mapping holding itself
    ("name: x\nfields: &f\n  a:\n    - 1\n    - {b: [*f]}\n", 5),  # three levels down
    ("name: x\ndescription: [&a [&b [*a]]]\nfields: {}\n", 2),  # through another anchor
])
def test_a_yaml_that_holds_itself_is_a_located_error_not_a_hang(tmp_path, text, line):
    """An alias inside the value its anchor names expands without end: compare and validate grew to 2 GB and
    never returned (bt16g F4). Refused at the line of the list or mapping that holds the alias, under a memory
    limit, with no traceback."""
    scenario = tmp_path / "self.yaml"
    scenario.write_text(text, encoding="utf-8")
    done = _limited("compare", EXAMPLES, scenario, "--lang", "en")
    assert done.returncode == 1, done.stderr[-2000:]
    assert f"{scenario}:{line}:" in done.stderr and "alias" in done.stderr, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr


def test_a_framework_file_that_holds_itself_is_refused_by_validate(tmp_path):
    from scorer.resources import indicators_dir

    fw = tmp_path / "fw"
    shutil.copytree(indicators_dir(), fw)
    rules = fw / "rules.yaml"
    lines = rules.read_text(encoding="utf-8").count("\n")
    with rules.open("a", encoding="utf-8") as fh:
        fh.write("x: &r [*r]\n")
    done = _limited("validate", fw / "framework.yaml", "--lang", "en")
    assert done.returncode == 1 and f"{rules}:{lines + 1}:" in done.stderr, done.stderr[-2000:]


def test_aliases_within_bounds_still_load(tmp_path):
    from scorer.yamlio import load_yaml

    path = tmp_path / "ok.yaml"
    path.write_text("base: &b {x: 1, y: [1, 2, 3]}\none: *b\ntwo: [*b, *b]\n", encoding="utf-8")
    doc = load_yaml(path)
    assert doc["one"] == {"x": 1, "y": [1, 2, 3]} and doc["two"] == [doc["base"]] * 2


def _rezip(path: Path, out: Path, method_of=lambda name: zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts:
            z.writestr(name, data, method_of(name))
    return out


@pytest.mark.parametrize("method, word", [(zipfile.ZIP_LZMA, "LZMA"), (zipfile.ZIP_BZIP2, "bzip2")])
def test_a_part_compressed_with_a_method_no_spreadsheet_program_writes_is_refused_before_inflating(tmp_path, method, word):
    """zipfile inflates a bzip2 or LZMA part in one call, whatever its declared size (11 KB → 2.1 GB in the
    break test): such a part is refused by its method, naming it, before anything inflates it."""
    sample = sorted(EXAMPLES.glob("*.xlsx"))[0]
    odd = _rezip(sample, tmp_path / "w.xlsx", lambda n: method if n.endswith("sheet1.xml") else zipfile.ZIP_DEFLATED)
    with pytest.raises(ScorerError) as caught:
        archives.check_inflation(odd.read_bytes(), odd)
    problem = caught.value.problems[0]
    assert word in problem.message and "xl/worksheets/sheet1.xml" in problem.message and problem.location.file == odd


def test_a_workbook_of_stored_parts_is_read_and_a_stored_part_is_checked_like_a_deflated_one(tmp_path):
    """Stored (uncompressed) parts are a workbook's too: read as such; their length and CRC-32 are checked."""
    sample = sorted(EXAMPLES.glob("*.xlsx"))[0]
    stored = _rezip(sample, tmp_path / sample.name, lambda n: zipfile.ZIP_STORED)
    assert archives.check_inflation(stored.read_bytes(), stored, lambda n: True)  # the parts, inflated once
    done = run_cli("ingest", stored, "--json")
    assert done.returncode == 0, done.stderr
    data = bytearray(stored.read_bytes())
    info = zipfile.ZipFile(stored).getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 100] ^= 0x01  # one bit of the stored XML: only the CRC-32 can tell
    with pytest.raises(ScorerError) as caught:
        archives.check_inflation(bytes(data), stored)
    assert caught.value.problems[0].code == archives.DAMAGED_ARCHIVE
    assert "sheet1.xml" in caught.value.problems[0].message and "CRC-32" in caught.value.problems[0].message


def test_an_encrypted_part_and_a_part_cut_short_are_refused_naming_the_part(tmp_path):
    sample = sorted(EXAMPLES.glob("*.xlsx"))[0]
    data = bytearray(sample.read_bytes())
    info = zipfile.ZipFile(sample).getinfo("xl/worksheets/sheet1.xml")
    flagged = bytearray(data)
    for at in [info.header_offset] + [c for c in range(len(data)) if data[c:c + 4] == b"PK\x01\x02"
                                      and data[c + 46:c + 46 + 24] == b"xl/worksheets/sheet1.xml"]:
        flagged[at + (6 if at == info.header_offset else 8)] |= 0x01  # general purpose flag bit 0: encrypted
    with pytest.raises(ScorerError) as caught:
        archives.check_inflation(bytes(flagged), sample)
    assert "encrypted" in caught.value.problems[0].message and "sheet1.xml" in caught.value.problems[0].message
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    cut = bytearray(data)
    cut[start + info.compress_size // 2:start + info.compress_size] = b"\x00" * (info.compress_size - info.compress_size // 2)
    with pytest.raises(ScorerError) as caught:
        archives.check_inflation(bytes(cut), sample)
    assert caught.value.problems[0].code == archives.DAMAGED_ARCHIVE and "sheet1.xml" in caught.value.problems[0].message


@pytest.mark.parametrize("name", ["big.xlsx", "big.xls"])
def test_a_huge_file_that_is_no_workbook_is_refused_by_its_first_bytes(tmp_path, name):
    """A sparse file larger than the memory allowed, dropped with a workbook's name: refused from its first bytes,
    never read in full (bt16g F7c: 10 GB read for 51 s, blocking the watcher, before being refused)."""
    big = tmp_path / name
    with big.open("wb") as fh:
        fh.write(b"not a workbook\n")
        fh.truncate((LIMIT_GB + 2) << 30)  # sparse: no disk used
    done = _limited("ingest", big, "--lang", "en")
    assert done.returncode == 1, done.stderr[-2000:]
    assert f"{big}" in done.stderr and "neither an Excel workbook nor a zip archive" in done.stderr, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr


def test_a_workbook_is_read_whole_through_the_first_bytes_check(tmp_path, monkeypatch):
    from scorer.read import files
    from scorer.read.ingest import read_workbook

    monkeypatch.setattr(files, "SNIFF_ABOVE", 0)  # every file is looked at by its first bytes first
    book = sorted(EXAMPLES.glob("*.xlsx"))[0]
    from scorer.framework.model import load_framework

    fw = load_framework(None)
    assert read_workbook(book, fw.fields).observations == read_workbook(book, fw.fields, follow_links=False).observations
    assert read_workbook(book, fw.fields).observations
