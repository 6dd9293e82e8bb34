"""The framework (stage 0): YAML files in → validated definitions of fields, indicators, methods and formulas out."""
