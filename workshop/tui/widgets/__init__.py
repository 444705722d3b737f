"""Widgets of the self-paced workshop: one per step kind, and a few shared pieces."""
