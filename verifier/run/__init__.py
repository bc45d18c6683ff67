"""Running many claims: the runner, the fork pool and its executors (local, Dask), the cache, shards,
merging and baselines. A claim's verdict does not depend on how it was run.
"""
