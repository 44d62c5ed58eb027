"""`dispute serve`: the case folder, `check`, `generate`, `track`/`status` and `batch` as pages on
127.0.0.1, for people who never open a terminal. The pages call the functions the CLI calls;
they decide nothing and word nothing of their own (see views.py). Needs the `web` extra."""
