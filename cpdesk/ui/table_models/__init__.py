"""Qt table models over plain rows returned by services (never the database in data())."""
