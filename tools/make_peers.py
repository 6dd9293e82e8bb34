"""Generate the default peer set: SYNTHETIC central-region national ETDZs, for estimated ranks.

Why synthetic: zone-level figures of the central region's national zones are not public. What is
public (../shared/domain/README.md §2) are national totals and zone counts, so per-zone averages are
known; this script spreads plausible zones around them, so that an estimated rank is meaningful in
magnitude until the analysts load real peer figures (`scorer score --peers FILE`).

Assumptions, each stated here and in the metadata file written beside the CSV:
- 60 central-region zones (the regional count is not in the domain notes; of ~230 national zones,
  roughly a quarter are central).
- A central zone is on average 0.6 times the national per-zone average in size (the national mean is
  pulled up by large eastern zones).
- Sizes are log-normal with the coefficients of variation below and share a common "size" factor
  (correlation 0.6), so a big zone tends to be big on every size indicator.
- Rates, shares and intensities have no published distribution: normal (or log-normal for
  intensities) around plausible central values, clipped to their possible range.

Run: `.venv/bin/python tools/make_peers.py` (deterministic: fixed seed; writes indicators/peers/).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "indicators" / "peers"
SEED = 20231213  # release date of the 2022 national figures
N_ZONES = 60
CENTRAL_FACTOR = 0.6
SIZE_CORRELATION = 0.6

# National per-zone averages (confirmed totals ÷ zones, domain README §2, 2022 data unless noted).
NATIONAL = {
    "fdi_amount": 43.2e9 / 230 / 1e4,   # 万美元: US$43.2 bn = 43.2e9 美元, 230 zones
    "trade_amount": 10.3e4 / 230,        # 亿元: ¥10.3 trn
    "hightech_enterprises": 65000 / 230,
    "rd_institutions": 12000 / 230,
    "large_manufacturers": 1765 / 230,
    "listed_companies": 1041 / 229,      # 2023 data
}

# indicator: (kind, mean, spread, low, high, round_to_int, note)
#   lognormal: mean and coefficient of variation; normal: mean and standard deviation
SPEC = {
    "fdi_amount": ("size", None, 1.2, 0, None, False, "national per-zone average × 0.6"),
    "fdi_growth": ("normal", 8.0, 20.0, -60, 150, False, "assumed"),
    "fdi_city_share": ("normal", 35.0, 15.0, 1, 95, False, "assumed"),
    "trade_amount": ("size", None, 1.5, 0, None, False, "national per-zone average × 0.6"),
    "trade_growth": ("normal", 8.0, 20.0, -60, 150, False, "assumed"),
    "trade_city_share": ("normal", 35.0, 15.0, 1, 95, False, "assumed"),
    "hightech_trade_share": ("normal", 25.0, 12.0, 0, 90, False, "around the national 29%"),
    "rd_intensity": ("lognormal", 1.8, 0.4, 0.1, 8, False, "assumed; national 规上工业 about 1.4%"),
    "rd_institutions": ("size", None, 0.8, 0, None, True, "national per-zone average × 0.6"),
    "hightech_enterprises": ("size", None, 0.9, 0, None, True, "national per-zone average × 0.6"),
    "incubators": ("lognormal", 4.0, 0.7, 0, None, True, "national-level 683/230 ≈ 3, plus provincial"),
    "patents_per_10k": ("lognormal", 40.0, 0.7, 1, None, False, "assumed"),
    "hightech_va_share": ("normal", 40.0, 15.0, 2, 95, False, "assumed"),
    "energy_intensity": ("lognormal", 0.6, 0.5, 0.05, None, False, "assumed"),
    "co2_intensity": ("lognormal", 1.5, 0.5, 0.1, None, False, "assumed"),
    "co2_growth": ("normal", 3.0, 6.0, -30, 40, False, "assumed"),
    "water_intensity": ("lognormal", 10.0, 0.6, 0.5, None, False, "assumed; national 24 m³ per 万元"),
    "solid_waste_utilization": ("normal", 85.0, 10.0, 30, 100, False, "assumed"),
    "new_urban_jobs": ("lognormal", 6000.0, 0.6, 0, None, True, "assumed"),
    "joint_parks": ("lognormal", 3.0, 0.6, 0, None, True, "assumed"),
    "safety_env_incidents": ("poisson", 0.4, None, 0, None, True, "assumed"),
    "gdp_city_share": ("normal", 12.0, 6.0, 1, 60, False, "assumed"),
    "gdp_growth": ("normal", 6.0, 3.0, -10, 25, False, "national zones 2023: +5.6%"),
    "iva_growth": ("normal", 7.0, 4.0, -15, 30, False, "assumed"),
    "tax_per_mu": ("lognormal", 10.0, 0.7, 0.2, None, False, "assumed"),
    "output_per_km2": ("lognormal", 25.0, 0.8, 1, None, False, "assumed"),
    "tax_revenue": ("size-assumed", 29.0, 1.0, 0, None, False, "assumed: GDP per zone × 8% tax share × 0.6"),
    "large_manufacturers": ("size", None, 1.0, 0, None, True, "national per-zone average × 0.6"),
    "listed_companies": ("size", None, 1.2, 0, None, True, "national per-zone average (2023) × 0.6"),
    "fai_growth": ("normal", 6.0, 10.0, -40, 60, False, "assumed"),
}


def _lognormal(rng, z, mean, cv):
    sigma = np.sqrt(np.log(1 + cv**2))
    mu = np.log(mean) - sigma**2 / 2
    return np.exp(mu + sigma * z)


def generate() -> tuple[list[str], np.ndarray]:
    rng = np.random.default_rng(SEED)
    common = rng.standard_normal(N_ZONES)
    columns, data = [], []
    for ind, (kind, mean, spread, low, high, as_int, _) in SPEC.items():
        own = rng.standard_normal(N_ZONES)
        if kind in ("size", "size-assumed"):
            mean = NATIONAL[ind] * CENTRAL_FACTOR if kind == "size" else mean
            z = SIZE_CORRELATION * common + np.sqrt(1 - SIZE_CORRELATION**2) * own
            values = _lognormal(rng, z, mean, spread)
        elif kind == "lognormal":
            values = _lognormal(rng, own, mean, spread)
        elif kind == "poisson":
            values = rng.poisson(mean, N_ZONES).astype(float)
        else:
            values = mean + spread * own
        values = np.clip(values, low, high if high is not None else np.inf)
        values = np.round(values) if as_int else np.round(values, 3)
        columns.append(ind)
        data.append(values)
    return columns, np.column_stack(data)


def main() -> int:
    columns, data = generate()
    OUT.mkdir(parents=True, exist_ok=True)
    csv_path = OUT / "central-synthetic.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["id", "name_zh", "synthetic", *columns])
        for k, row in enumerate(data, 1):
            w.writerow([f"SYN-C{k:02d}", f"合成样本{k:02d}（中部）", "true",
                        *[f"{v:g}" for v in row]])
    meta = [
        "# 默认对照样本：合成数据（SYNTHETIC）。不是真实园区的数据。",
        "# Default peer set: SYNTHETIC central-region national ETDZs, generated by tools/make_peers.py.",
        "synthetic: true",
        "region: central",
        f"zones: {N_ZONES}",
        f"seed: {SEED}",
        "name_zh: 中部地区国家级经开区合成对照样本",
        "name_en: Synthetic central-region national ETDZ peer set",
        "description_zh: >-",
        "  依据商务部公布的全国国家级经开区总量与园区个数推算区均水平，按中部地区为全国区均0.6倍、",
        "  对数正态分布生成的合成样本，仅用于在获得真实对照数据前估算排名的量级。",
        "assumptions:",
        f"  - {N_ZONES} central-region zones (the regional count is not in the domain notes)",
        f"  - central zones average {CENTRAL_FACTOR} times the national per-zone average in size",
        f"  - sizes log-normal, sharing a common size factor (correlation {SIZE_CORRELATION})",
        "  - rates, shares and intensities: plausible central values, clipped (no published distribution)",
        "indicators:",
        *[f"  {ind}: \"{spec[-1]}\"" for ind, spec in SPEC.items()],
    ]
    (OUT / "central-synthetic.yaml").write_text("\n".join(meta) + "\n", encoding="utf-8")
    print(f"wrote {csv_path.relative_to(ROOT)} ({N_ZONES} synthetic zones × {len(columns)} indicators)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
