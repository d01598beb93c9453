"""``postlint schema [MODEL]``: the JSON Schema of the file formats."""

from __future__ import annotations

import argparse
import json

NAME = "schema"
HELP = "Print the JSON Schema of a model (post, account, roster, consents, config, violation)."

MODELS = {
    "post": ("postlint.models", "Post"),
    "account": ("postlint.models", "Account"),
    "roster": ("postlint.models", "Roster"),
    "consents": ("postlint.models", "ConsentRegister"),
    "config": ("postlint.config", "Config"),
    "violation": ("postlint.violation", "Violation"),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "model", nargs="?", choices=sorted(MODELS), help="one model (default: all, keyed by name)"
    )


def run(args: argparse.Namespace) -> int:
    import importlib

    def schema(name: str) -> object:
        module, cls = MODELS[name]
        return getattr(importlib.import_module(module), cls).model_json_schema()

    if args.model:
        out: object = schema(args.model)
    else:
        out = {name: schema(name) for name in sorted(MODELS)}
    print(json.dumps(out, indent=2, sort_keys=True))
    return 0
