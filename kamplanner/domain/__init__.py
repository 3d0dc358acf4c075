"""The plan, its template, rules and cycle: plain Python, no Qt, SQL or PDF."""
