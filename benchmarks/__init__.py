"""accountcore's benchmarks: ``python -m benchmarks`` runs them all."""
