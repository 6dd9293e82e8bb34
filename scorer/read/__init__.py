"""Reading (stage 1): statistics workbooks in → observations (value, unit, period, basis, source cell) and problems out."""
