"""Reports: what the workshop writes for people to read, print or share, such as the cohort report."""
