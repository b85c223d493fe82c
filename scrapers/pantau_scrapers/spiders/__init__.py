"""One spider per platform; the outlet is a spider argument (``-a outlet=<id>``)."""
