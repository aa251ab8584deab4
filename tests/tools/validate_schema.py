#!/usr/bin/python3
# Validates TOML data files against the JSON Schema `oitgen schema` printed, with an independent
# validator (Debian's python3-jsonschema). TOML dates become ISO strings, as editors see them.
# usage: validate_schema.py SCHEMA.json FILE.toml...   exit 0 when every file is valid
import datetime, json, sys, tomllib

import jsonschema


def plain(value):
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
bad = 0
for path in sys.argv[2:]:
    with open(path, "rb") as f:
        data = plain(tomllib.load(f))
    for error in validator.iter_errors(data):
        bad += 1
        print(f"{path}: {'/'.join(str(p) for p in error.absolute_path)}: {error.message}")
sys.exit(1 if bad else 0)
