"""Bench only: a headless Streamlit viewer, speaking Streamlit's own WebSocket protocol.

A browser that opens the app connects to `<base>/_stcore/stream`, sends a `rerun_script`
BackMsg and reads ForwardMsgs until the script has finished. Both benches that count server
cost per viewer (viewer_bench.py directly, load_bench.py through nginx) open pages this way;
the protobuf classes ship with Streamlit.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

#: A viewer whose page has not finished in this time counts as failed.
VIEWER_TIMEOUT = 300.0


class ViewerError(RuntimeError):
    """The page showed an exception or did not finish."""


@dataclass
class Page:
    """One first page as the server sent it."""

    seconds: float = 0.0
    bytes: int = 0
    messages: int = 0
    elements: int = 0


def rerun_message(page_url: str, query: str = "") -> bytes:
    """The BackMsg a browser sends when it opens `page_url` (no widget state yet)."""
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query
    state.page_script_hash = ""
    state.context_info.timezone = "Europe/Berlin"
    state.context_info.timezone_offset = -60
    state.context_info.locale = "de-DE"
    state.context_info.url = page_url + (f"?{query}" if query else "")
    state.context_info.is_embedded = "embed=true" in query
    return msg.SerializeToString()


def open_stream(
    origin: str, base_path: str = "", headers: dict[str, str] | None = None, tls: Any = None
) -> Any:
    """The WebSocket of the app at `origin` + `base_path` (an async context manager)."""
    ws_url = origin.replace("https://", "wss://").replace("http://", "ws://")
    return connect(
        f"{ws_url}{base_path}/_stcore/stream",
        subprotocols=["streamlit"],  # type: ignore[list-item]
        origin=origin,  # type: ignore[arg-type]
        additional_headers=headers or {},
        ssl=tls,
        max_size=None,
        compression="deflate",  # as browsers do (permessage-deflate)
        open_timeout=120,
    )


async def read_first_page(ws: ClientConnection, page_url: str, query: str = "") -> Page:
    """Ask for the page and read ForwardMsgs until its script has finished."""
    start = time.perf_counter()
    page = Page()
    await ws.send(rerun_message(page_url, query))
    while True:
        data = await asyncio.wait_for(ws.recv(), VIEWER_TIMEOUT)
        raw = data if isinstance(data, bytes) else data.encode()
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        page.messages += 1
        page.bytes += len(raw)
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            page.elements += 1
            element = msg.delta.new_element
            if element.WhichOneof("type") == "exception":
                raise ViewerError(element.exception.message)
        if kind == "page_not_found":
            raise ViewerError("page not found")
        if kind == "script_finished" and msg.script_finished in (
            ForwardMsg.FINISHED_SUCCESSFULLY,
            ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
        ):
            page.seconds = time.perf_counter() - start
            return page
