"""A peer table's blank cells reach the zone's score and report, as score-table says them (bt11k F5: 8 peers without
进出口总额 were ranked beside the zone with no word in score, its JSON or the report)."""

from __future__ import annotations

import pandas as pd
import yaml

from scorer.score.peers import default_peers
from tests.conftest import EXAMPLES


def test_peers_without_a_figure_are_said_in_the_zone_s_run(tmp_path, sample_run):
    from scorer.pipeline import run

    assert not [p for p in sample_run.warnings if p.code == "peer_cells_blank"]  # the bundled table is whole
    t = pd.read_csv(default_peers(), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    rows = [3, 17, 40]
    t.loc[rows, "trade_amount"] = ""
    path = tmp_path / "peers.csv"
    t.to_csv(path, index=False, encoding="utf-8")
    doc = yaml.safe_load(default_peers().with_suffix(".yaml").read_text(encoding="utf-8"))
    doc.pop("indicators", None)  # the column means: the blanks move trade's mean off the model's claim
    path.with_suffix(".yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    r = run([EXAMPLES], peers_path=path)
    said = [p for p in r.warnings if p.code == "peer_cells_blank"]
    assert len(said) == 1 and "trade_amount" in said[0].message and "3 peers" in said[0].message
    assert all(t.loc[k, "id"] in said[0].message for k in rows)
    assert "进出口总额" in said[0].message_zh
