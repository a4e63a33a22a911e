"""The embedded runtime for tests (the harness lives with the runtime, for the demo and benches)."""

from services.harness import embedded_app, settle

__all__ = ["embedded_app", "settle"]
