"""Schemas compile one at a time, however many threads decode at once: libxml2 breaks on two
compiles at the same moment in a fresh process (the demo's first messages, decoded in worker
threads, met it)."""

from __future__ import annotations

import threading
import time

from services.runtime import embedded
from shared.ijw import schemas

CODES = sorted(p.name[2:5] for p in schemas.BUNDLED_SCHEMA_DIR.iterdir() if p.name.lower().startswith("jw"))


def test_threads_asking_for_schemas_at_once_never_compile_two_at_the_same_time(monkeypatch):
    compile_schema, inside, most = schemas.etree.XMLSchema, [0], [0]
    counting = threading.Lock()

    def watched(tree):  # type: ignore[no-untyped-def]
        with counting:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        time.sleep(0.01)  # long enough for another thread to come in if nothing stops it
        try:
            return compile_schema(tree)
        finally:
            with counting:
                inside[0] -= 1

    monkeypatch.setattr(schemas.etree, "XMLSchema", watched)
    forget_compiled()
    start = threading.Barrier(6)

    def ask(offset: int) -> None:
        start.wait()
        for code in CODES[offset:] + CODES[:offset]:
            schemas.schema_for(code)

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(6)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        forget_compiled()  # the next test compiles with the real class again
    assert len(CODES) == 14 and most[0] == 1


def forget_compiled() -> None:
    schemas._compiled.cache_clear()
    schemas._compile_folder.cache_clear()


def test_after_a_start_compiled_every_schema_reading_messages_compiles_nothing(monkeypatch):
    """A compile while another thread validates broke libxml2 under load (a valid JW301 was
    refused with "does not compile"), so the start compiles every XSD before any message comes."""
    forget_compiled()
    try:
        schemas.compile_schemas()

        def no_compiling(tree):  # type: ignore[no-untyped-def]
            raise AssertionError("a schema was compiled while messages were being read")

        monkeypatch.setattr(schemas.etree, "XMLSchema", no_compiling)
        assert all(schemas.schema_for(code) is not None for code in CODES)
    finally:
        monkeypatch.undo()
        forget_compiled()


async def test_the_embedded_runtime_compiles_every_schema_when_it_opens(tmp_path):
    forget_compiled()
    runtime = embedded(tmp_path)
    try:
        await runtime.open()
        assert schemas._compiled.cache_info().currsize == len(CODES)
    finally:
        await runtime.stop()

