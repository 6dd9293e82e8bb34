"""A peer set is called what its own metadata says it is; the region's rank conditions are judged only against the region's national zones."""

from __future__ import annotations

import csv
import json

import pytest

from conftest import EXAMPLES, ROOT, run_cli
from scorer.pipeline import run
from scorer.whatif.changes import load_scenarios
from scorer.whatif.scenario import compare

BUNDLED = ROOT / "indicators" / "peers" / "central-synthetic.csv"
BOTH = {"first_in_province": True, "land_use_2024": True}
RANK_CONDITIONS = ("bottom_n", "rank_share_max")


def provincial_copy(folder, name="全省园区.csv"):
    """The bundled table as a user would adapt it: real (synthetic false), zones renamed, no metadata."""
    rows = list(csv.reader(BUNDLED.open(encoding="utf-8-sig")))
    head = rows[0]
    for k, row in enumerate(rows[1:], 1):
        row[head.index("synthetic")], row[head.index("name_zh")] = "false", f"省级园区{k:02d}"
    path = folder / name
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


@pytest.fixture(scope="module")
def provincial(tmp_path_factory):
    return provincial_copy(tmp_path_factory.mktemp("peers"))


def conditions(r):
    return {c["id"]: c for c in r.readiness.as_dict()["conditions"]}


def test_the_bundled_set_says_from_its_metadata_it_is_the_central_regions_national_zones(sample_run):
    assert sample_run.peers.region == "central" and sample_run.peers.ranks_region
    assert sample_run.readiness.label_zh.startswith("估算排名：中部地区国家级经开区第")
    assert sample_run.readiness.as_dict()["rank"]["region"] == "central"
    assert all(conditions(sample_run)[c]["status"] != "not_judged" for c in RANK_CONDITIONS)


def test_a_user_table_without_metadata_is_called_by_its_file_name_and_not_the_region(provincial):
    r = run([EXAMPLES], peers_path=provincial, inputs=BOTH)
    label = r.readiness.label_zh
    assert "中部地区" not in label and "国家级经开区第" not in label and "全省园区.csv" in label
    assert "后5名线" not in label.split("；该对照")[0]  # no bottom-5 margin among provincial zones
    data = r.readiness.as_dict()
    assert data["rank"]["region"] is None and data["rank"]["regional"] is False
    assert data["margins"]["bottom_line"] is None
    for c in RANK_CONDITIONS:
        assert conditions(r)[c]["status"] == "not_judged" and "国家级经开区" in conditions(r)[c]["reason"]
    # With every analyst input given, the verdict still cannot be "ready": the rank conditions are not judged.
    assert r.verdict.ready is None and "待确认" in r.verdict.label_zh
    for o in compare(r, load_scenarios(sorted((EXAMPLES / "scenarios").glob("*.yaml")), r.framework)).outcomes:
        assert o.ready is None, o.name


def test_metadata_declaring_the_regions_national_zones_gets_them_judged(provincial, tmp_path):
    """The zone's own region's (the peer model's: central); another region's national zones are not judged
    (test_only_the_zones_own_regions_national_zones_judge_the_rank_conditions)."""
    table = provincial_copy(tmp_path, "central.csv")
    table.with_suffix(".yaml").write_text("region: central\nzone_level: national\nyear: 2023\nname_zh: 中部国家级经开区\n", encoding="utf-8")
    r = run([EXAMPLES], peers_path=table, inputs=BOTH)
    assert r.readiness.label_zh.startswith("估算排名：中部地区国家级经开区第")
    assert r.readiness.as_dict()["rank"]["region"] == "central"
    assert all(conditions(r)[c]["status"] in ("met", "not_met") for c in RANK_CONDITIONS)
    named = provincial_copy(tmp_path, "named.csv")
    named.with_suffix(".yaml").write_text("name_zh: 河南省级开发区\nzone_level: provincial\n", encoding="utf-8")
    r = run([EXAMPLES], peers_path=named)
    assert "河南省级开发区" in r.readiness.label_zh and "中部地区" not in r.readiness.label_zh
    assert all(conditions(r)[c]["status"] == "not_judged" for c in RANK_CONDITIONS)


def test_the_cli_with_a_provincial_table_neither_says_central_nor_judges_the_bottom_5(provincial):
    done = run_cli("score", EXAMPLES, "--peers", provincial, "--json")
    assert done.returncode == 0, done.stderr
    readiness = json.loads(done.stdout)["readiness"]
    assert readiness["rank"]["region"] is None and "中部" not in readiness["label_zh"]
    assert {c["id"]: c["status"] for c in readiness["conditions"]}["bottom_n"] == "not_judged"


# Every command that states the verdict says why a rank condition is open with a peer table of one's own:
# it cannot be judged against that table (as the report's page 2 says), never "not given" like an analyst's input.
WORDED = {"score": ([], []), "compare": ([EXAMPLES / "scenarios" / "外资增长两成.yaml"], []),
          "plan": ([], ["--verdict", "--lang", "zh"]), "uncertainty": ([], ["--draws", "100", "--seed", "1"])}


@pytest.mark.parametrize("command", sorted(WORDED))
def test_with_ones_own_peer_table_the_rank_conditions_read_as_not_judgeable_not_as_not_given(provincial, command):
    from scorer.score.rules import NOT_JUDGED_HERE_ZH

    files, options = WORDED[command]
    done = run_cli(command, EXAMPLES, *files, "--peers", provincial, "--first-in-province", "--land-use-2024", *options,
                   "--lang", "zh")
    assert done.returncode == 0, done.stderr
    text = done.stdout.replace("\n", "")
    assert NOT_JUDGED_HERE_ZH in text, text
    assert "未给出" not in text, text  # every analyst input is given: nothing reads as forgotten


@pytest.mark.parametrize("region", ["central", "eastern", "western", "northeast"])
def test_only_the_zones_own_regions_national_zones_judge_the_rank_conditions(tmp_path, region):
    """A table declared another region's national zones (eastern, for a central zone: zones a fifth the size) is not
    the zone's region: ranked among, never judged for the bottom-5 and middle conditions, and said at the sidecar's
    `region:` line. The zone's region is the peer model's (indicators/peers/model.yaml)."""
    from scorer.score.peer_model import default_model, model_region

    home = model_region(default_model())
    table = tmp_path / "peers.csv"
    table.write_bytes(BUNDLED.read_bytes())
    meta = BUNDLED.with_suffix(".yaml").read_text(encoding="utf-8")
    assert f"\nregion: {home}\n" in meta
    table.with_suffix(".yaml").write_text(meta.replace(f"\nregion: {home}\n", f"\nregion: {region}\n"), encoding="utf-8")
    line = next(k for k, text in enumerate(table.with_suffix(".yaml").read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("region:"))
    done = run_cli("score", EXAMPLES, "--peers", table, "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    status = {c["id"]: c["status"] for c in out["readiness"]["conditions"]}
    other = [p for p in out["problems"] if p["code"] == "peer_other_region"]
    if region == home:
        assert all(status[c] != "not_judged" for c in RANK_CONDITIONS) and not other
    else:
        assert all(status[c] == "not_judged" for c in RANK_CONDITIONS), status
        assert len(other) == 1 and other[0]["file"].endswith("peers.yaml") and other[0]["line"] == line, other


def test_a_region_written_in_other_words_is_refused_at_its_line(tmp_path):
    """`region: 中部` once read as no region at all (the table quietly not the region's zones): refused, with the choices."""
    table = tmp_path / "peers.csv"
    table.write_bytes(BUNDLED.read_bytes())
    meta = BUNDLED.with_suffix(".yaml").read_text(encoding="utf-8").replace("\nregion: central\n", "\nregion: 中部\n")
    table.with_suffix(".yaml").write_text(meta, encoding="utf-8")
    done = run_cli("score", EXAMPLES, "--peers", table, "--lang", "en")
    line = meta.splitlines().index("region: 中部") + 1  # the sidecar's own line of it (its header grew: bt12h F3)
    assert done.returncode == 1 and f"peers.yaml:{line}:" in done.stderr and "'central'" in done.stderr, done.stderr
