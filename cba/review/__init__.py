"""Ex-ante performance review (事前绩效评估): indicator systems, scoring, panels, gates."""
