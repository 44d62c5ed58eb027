"""The `dispute` command line: the only package that prints or exits. `app` is the entry point
(pyproject.toml's [project.scripts]); commands.py defines the commands, batch.py and track.py the
larger ones, errors.py the one way an error reaches the user."""

from generator.cli.commands import app as app
