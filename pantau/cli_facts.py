"""`pantau extract` and `pantau score` (placeholder until the facts module lands)."""
