"""Ex-ante performance review (事前绩效评估) and monitoring."""
