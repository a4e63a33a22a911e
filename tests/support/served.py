"""The embedded app with a region loaded, served over a real socket for a browser.

uvicorn runs on its own event loop in a thread of its own, so a synchronous test (Playwright's
sync API) can drive the browser while the server answers. The runtime's relays and consumers do
not run in the background: `settle()` runs them until nothing moves, deterministically, as the
in-process tests do.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from services.harness import settle
from services.runtime import Runtime, create_app
from shared.devtools.ports import free_port
from tests.support.regions import region_app

Prepare = Callable[[Runtime, httpx.AsyncClient], Awaitable[None]]


@dataclass
class Served:
    base_url: str
    runtime: Runtime
    loop: asyncio.AbstractEventLoop

    def run(self, work: Callable[[], Awaitable[Any]]) -> Any:
        """Run a coroutine on the server's loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(work(), self.loop).result(timeout=120)

    def settle(self) -> None:
        self.run(lambda: settle(self.runtime))


@contextmanager
def serving_region(var: Path, region_file: Path, prepare: Prepare) -> Iterator[Served]:
    ready: Future[Served] = Future()
    stop = threading.Event()
    thread = threading.Thread(target=lambda: asyncio.run(_serve(var, region_file, prepare, ready, stop)),
                              name="served-region", daemon=True)
    thread.start()
    served = ready.result(timeout=180)
    try:
        yield served
    finally:
        stop.set()
        thread.join(timeout=30)


async def _serve(var: Path, region_file: Path, prepare: Prepare, ready: Future[Served],
                 stop: threading.Event) -> None:
    try:
        async with region_app(var, region_file) as (runtime, client):
            await prepare(runtime, client)
            port = free_port()
            server = uvicorn.Server(uvicorn.Config(create_app(runtime, manage_runtime=False), host="127.0.0.1",
                                                   port=port, log_level="warning", lifespan="off"))
            serving = asyncio.create_task(server.serve())
            while not server.started:  # uvicorn says it is listening by this flag alone
                if serving.done():
                    await serving
                await asyncio.sleep(0.01)
            ready.set_result(Served(f"http://127.0.0.1:{port}", runtime, asyncio.get_running_loop()))
            await asyncio.to_thread(stop.wait)
            server.should_exit = True
            await serving
    except BaseException as error:
        if not ready.done():
            ready.set_exception(error)
        raise
