"""Map speed: the naive way vs equality-map's client-built layer, 20,000 demo entries.

Builds both in Python (payload bytes, build time), then drives both Streamlit apps with
Playwright in Debian chromium: time to first view (markers/clusters visible) and time from a
filter change to the updated markers. Prints figures and ratios side by side.

    PYTHONPATH=src python bench/map_bench.py [--rows 20000]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

import xstatic.pkg.jquery  # noqa: E402
from naive import naive_map  # noqa: E402 - bench/naive.py, shared with naive_app.py

from equality_map import mapping, privacy  # noqa: E402
from equality_map.demo import make_demo_frame  # noqa: E402
from equality_map.store import save_facilities  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_app  # noqa: E402

OUT = ROOT / "bench" / "out"
TIMEOUT_MS = 600_000


def naive_html(frame) -> tuple[int, float]:
    start = time.perf_counter()
    m = naive_map(privacy.public_frame(frame))
    size = len(m.get_root().render().encode("utf-8"))
    return size, time.perf_counter() - start


def our_html(frame) -> tuple[int, float, float, int]:
    start = time.perf_counter()
    specs = mapping.marker_specs(privacy.public_frame(frame), "de")
    chunks = mapping.details_chunks(specs)
    prepare = time.perf_counter() - start
    start = time.perf_counter()
    m = mapping.base_map()
    mapping.entries_layer(specs, keys=range(len(specs)), details_url="/x/").add_to(m)
    size = len(m.get_root().render().encode("utf-8"))
    return size, prepare, time.perf_counter() - start, max(len(c) for c in chunks)


def _map_frame(page, predicate: str):
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate(predicate):
                    return frame
            except Exception:  # noqa: BLE001, S112 - frames come and go while Streamlit renders
                continue
        page.wait_for_timeout(50)
    raise TimeoutError(predicate)


def _ours_rerun(page, frame, label: str, visible: str) -> float:
    rev = frame.evaluate("document.body.getAttribute('data-em-rev')")
    start = time.perf_counter()
    page.get_by_text(label).click()
    # Our map frame is not remounted on a filter change: wait inside it, checked on every
    # animation frame (polling all frames from Python added ~0.3 s of measuring overhead).
    # data-em-rev changes once every cluster layer of the new selection is complete.
    frame.wait_for_function(
        f"document.body.getAttribute('data-em-rev') !== '{rev}' && {visible}",
        polling="raf",
        timeout=TIMEOUT_MS,
    )
    return time.perf_counter() - start


def _naive_rerun(page, frame, visible: str) -> float:
    frame.evaluate("window.__old_view = true")
    start = time.perf_counter()
    page.get_by_text("wheelchair").click()
    _map_frame(page, f"window.__old_view === undefined && window.map !== undefined && {visible}")
    return time.perf_counter() - start


def browse(url: str, ours: bool, browser) -> tuple[float, list[float], int]:
    """(first view s, [tick s, untick s], bytes received) in a fresh context.

    Tick narrows the map to the wheelchair-accessible entries; untick goes back to all.
    """
    # Markers or clusters drawn in Leaflet's marker pane (our legend also shows marker symbols).
    visible = (
        "document.querySelector('.leaflet-marker-pane .marker-cluster, "
        ".leaflet-marker-pane .em-marker, .leaflet-marker-pane .leaflet-marker-icon') !== null"
    )
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    received = {"bytes": 0}

    def on_ws(ws):
        ws.on(
            "framereceived",
            lambda payload: received.__setitem__("bytes", received["bytes"] + len(payload)),
        )

    page.on("websocket", on_ws)
    page.on(
        "response",
        lambda r: received.__setitem__(
            "bytes", received["bytes"] + int(r.headers.get("content-length", 0) or 0)
        ),
    )
    start = time.perf_counter()
    page.goto(url, timeout=TIMEOUT_MS)
    frame = _map_frame(
        page, visible + (" && document.body.hasAttribute('data-em-rev')" if ours else "")
    )
    first = time.perf_counter() - start
    first_bytes = received["bytes"]
    reruns = []
    for _ in ("tick", "untick"):
        if ours:
            reruns.append(_ours_rerun(page, frame, "Nur rollstuhlgerecht", visible))
        else:
            # The naive map is remounted on every rerun: find the current one.
            frame = _map_frame(page, f"window.map !== undefined && {visible}")
            reruns.append(_naive_rerun(page, frame, visible))
    uncached = None
    if ours:
        # Back to all entries without their layers kept from before: open the page already
        # filtered, then untick (the worst case of a widening filter change).
        page.goto(url + "?wheelchair=1", timeout=TIMEOUT_MS)
        frame = _map_frame(page, visible + " && document.body.getAttribute('data-em-rev') === '1'")
        uncached = _ours_rerun(page, frame, "Nur rollstuhlgerecht", visible)
    context.close()
    return first, [*reruns, uncached], first_bytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    # Streamlit serves static/ next to the main script: let bench/naive_app.py see ours.
    link = ROOT / "bench" / "static"
    if not link.exists():
        link.symlink_to(ROOT / "static", target_is_directory=True)
    jquery = ROOT / "static" / "vendor" / "jquery" / "jquery.min.js"
    jquery.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(xstatic.pkg.jquery.BASE_DIR) / "jquery.min.js", jquery)
    data = OUT / f"demo-{args.rows}.csv"
    frame = make_demo_frame(args.rows, seed=1)
    save_facilities(frame, data)

    naive_size, naive_build = naive_html(frame)
    our_size, prepare, our_build, chunk = our_html(frame)
    rows = [
        ("map HTML payload (bytes)", naive_size, our_size),
        ("Python build + render (s)", naive_build, our_build),
    ]
    print(
        f"entries: {args.rows}; ours also: prepare specs + popup chunks once per data file "
        f"{prepare:.2f} s (cached), largest popup chunk {chunk} bytes (fetched on click)"
    )
    if not args.no_browser:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            results = {}
            for name, script in (("ours", "app.py"), ("naive", "bench/naive_app.py")):
                with start_app(data, script=script) as server:
                    cold = browse(server.url, name == "ours", browser)  # fills the data cache
                    results[name] = (cold, browse(server.url, name == "ours", browser))
            browser.close()
        (n_cold, n_warm), (o_cold, o_warm) = results["naive"], results["ours"]
        rows += [
            ("first view, cold server (s)", n_cold[0], o_cold[0]),
            ("first view, warm server (s)", n_warm[0], o_warm[0]),
            ("filter rerun: tick (s)", n_warm[1][0], o_warm[1][0]),
            ("filter rerun: untick (s)", n_warm[1][1], o_warm[1][1]),
            ("untick, ours without kept layers", n_warm[1][1], o_warm[1][2]),
            ("bytes received for first view", n_warm[2], o_warm[2]),
        ]
    print(f"{'figure':34} {'naive':>14} {'ours':>14} {'ratio':>8}")
    for label, naive, ours in rows:
        ratio = ours / naive if naive else float("nan")
        fmt = "{:>14,.0f}" if isinstance(naive, int) else "{:>14.2f}"
        print(f"{label:34} {fmt.format(naive)} {fmt.format(ours)} {ratio:>8.3f}")


if __name__ == "__main__":
    main()
