"""Schemas compile one at a time, however many threads decode at once: libxml2 breaks on two
compiles at the same moment in a fresh process (the demo's first messages, decoded in worker
threads, met it)."""

from __future__ import annotations

import threading
import time

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
    schemas._compiled.cache_clear()
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
        schemas._compiled.cache_clear()  # the next test compiles with the real class again
    assert len(CODES) == 14 and most[0] == 1
