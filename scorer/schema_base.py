"""The shared pieces of the `--json` models (scorer.schema): JSON-safe number types, the base model and the
problem object every output carries."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


def _plain(v: Any) -> Any:
    """numpy scalars → Python; NaN and ±inf → None (JSON has no NaN)."""
    if hasattr(v, "item") and type(v).__module__ == "numpy":
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v


Num = Annotated[Optional[float], BeforeValidator(_plain), Field(description="a finite number, or null when missing")]
Int = Annotated[Optional[int], BeforeValidator(_plain)]
Bool = Annotated[Optional[bool], BeforeValidator(_plain)]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


# ------------------------------------------------------------------------ shared objects
class Problem(_Out):
    """A problem of the run, flat (scorer.errors.Problem.as_dict): every key present, null when not applicable."""

    level: Literal["error", "warning", "doubtful", "note"] = Field(
        description="error: the input cannot be used; warning: used as read, worth a check; doubtful: a value "
                    "that failed a plausibility check and was NOT scored as read (left out or capped); note: told, "
                    "never blocking")
    code: str = Field(description="stable kind, e.g. unit_slip, above_bound, part_above_whole, implausible_jump, "
                                  "fdi_caliber, dropped_indicator, treatment_left_constant, zones_mixed; 'input' when none more specific")
    message_zh: str
    message_en: str
    file: Optional[str]
    sheet: Optional[str]
    cell: Optional[str] = Field(description='workbook cell, e.g. "C7"')
    line: Optional[int] = Field(description="YAML line, 1-based")
    hint: Optional[str] = Field(description="what to do, in English")
    hint_zh: Optional[str] = Field(description="what to do, in Chinese (the English where no translation exists)")
    field: Optional[str] = Field(description="the raw statistic concerned (fields.yaml id)")
    indicator: Optional[str] = Field(description="the indicator concerned (framework.yaml id)")
    period: Optional[str] = Field(description='the quarter concerned, e.g. "2022Q4"')
