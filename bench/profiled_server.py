"""Bench only: `streamlit ...` with every script run profiled by cProfile.

    EQUALITY_MAP_BENCH_PROFILE=DIR python bench/profiled_server.py run app.py [options]

Each script run (app.py and its page, in Streamlit's script thread) is profiled on its own and
written to DIR/run-<n>.prof; bench/viewer_bench.py --profile merges the runs of its round. The
app itself has no profiling code.
"""

from __future__ import annotations

import cProfile
import itertools
import os
import sys
import time
from pathlib import Path
from typing import Any

from streamlit.runtime.scriptrunner import script_runner
from streamlit.web import cli

OUT = Path(os.environ["EQUALITY_MAP_BENCH_PROFILE"])
_runs = itertools.count()
_original = script_runner.ScriptRunner._run_script


def _profiled_run(self: Any, rerun_data: Any) -> None:
    # CPU time of this thread: wall time would count the waits of concurrent runs for the GIL.
    profile = cProfile.Profile(timer=time.thread_time)
    profile.enable()
    try:
        _original(self, rerun_data)
    finally:
        profile.disable()
        profile.dump_stats(OUT / f"run-{next(_runs)}.prof")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    script_runner.ScriptRunner._run_script = _profiled_run  # type: ignore[method-assign]
    sys.argv[0] = "streamlit"
    sys.exit(cli.main())
