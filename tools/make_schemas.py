"""Write the JSON Schema of every command's `--json` output into schemas/, from the models in scorer/schema.py.

Run: `.venv/bin/python tools/make_schemas.py` after changing an output model (and raise
scorer.schema.SCHEMA_VERSION: the minor number for an added key, the major for a removed or changed
one). `--check` writes nothing and exits 1 when a file in schemas/ differs from what the models give
(tests/test_json_schema.py runs it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scorer.atomic import write_atomic  # noqa: E402
from scorer.schema import json_schemas  # noqa: E402

FOLDER = ROOT / "schemas"


def rendered() -> dict[Path, str]:
    """schemas/<command>.json → its text (sorted keys, two-space indent, UTF-8, final newline)."""
    return {FOLDER / f"{command}.json": json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            for command, schema in json_schemas().items()}


def main(argv: list[str]) -> int:
    want = rendered()
    stale = [p for p, text in want.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    extra = sorted(set(FOLDER.glob("*.json")) - set(want))
    if "--check" in argv:
        for p in stale:
            print(f"{p.relative_to(ROOT)} is stale: run tools/make_schemas.py")
        for p in extra:
            print(f"{p.relative_to(ROOT)} has no output model in scorer/schema.py")
        return 1 if stale or extra else 0
    for p in stale:
        write_atomic(p, want[p])
        print(f"wrote {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
