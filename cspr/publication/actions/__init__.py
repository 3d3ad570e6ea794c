"""Every change the publication part makes: one atomic function each, with its audit row."""
