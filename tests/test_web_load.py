"""bench/web_load.py's clients: a time-out costs one request, never the client's later ones."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parents[1] / "bench" / "web_load.py"


def _web_load() -> Any:
    spec = importlib.util.spec_from_file_location("web_load", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


async def _hold_on_a_server_that_stalls_its_first_connection(web_load: Any) -> dict[str, Any]:
    connections = 0

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        stalls = connections == 1  # reads the request, never answers
        try:
            while (await reader.readuntil(b"\r\n\r\n")) and not stalls:
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                await writer.drain()
            await reader.read()  # until the client gives up and closes
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    out: dict[str, Any] = {"times": defaultdict(list), "errors": Counter(), "timeouts": Counter()}
    now = time.monotonic()
    mix = {kind: ["/"] for kind in web_load.KINDS}
    load = web_load.Load(f"http://127.0.0.1:{port}", mix, now, now + 1.5, 0.3, out)
    async with server:
        await web_load.client_loop(load, seed=0)
    return out


def test_a_client_goes_on_after_a_time_out() -> None:
    web_load = _web_load()
    with ThreadPoolExecutor(1) as thread:  # a loop of its own: a browser test may leave one running here
        out = thread.submit(asyncio.run, _hold_on_a_server_that_stalls_its_first_connection(web_load)).result()
    assert sum(out["timeouts"].values()) == 1
    assert sum(out["errors"].values()) == 0
    assert sum(len(t) for t in out["times"].values()) > 10  # answered, one after the other, on a new connection
