"""Benchmarks, `python -m study.bench WHAT`: one module per benchmark, shared timing in `timing`.

Every benchmark compares fairly: the same precomputation for every contender, interleaved
rounds, cold and warm both, medians with the slowest round, and the ratio to the baseline."""
