"""The journal's storage (the store moves here from workshop/progress in the re-cut): for now, encryption."""
