"""One module per command of the command line (see ``postlint.cli``).

:data:`NAMES` lists them, so the command line imports only the command it runs (a
test checks that every module here is listed).
"""

#: Every command, ``check`` (the default) first; each is the module of that name.
NAMES = ("check", "baseline", "coverage", "docs", "explain", "password", "rules", "schema", "terms")
