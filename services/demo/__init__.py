"""The traffic generator: a realistic month (or months) of iJw traffic for a region, as the
providers and the access teams would send it, with the matcher's expected outcome per line.

    build_scenario(region, options) -> Scenario     pure and seeded: no clock, no I/O
    write_files(scenario, directory) -> manifest    one XML file per message + manifest.json

Used by `happyflow generate`, the demo, the end-to-end test and the benchmarks.
"""
