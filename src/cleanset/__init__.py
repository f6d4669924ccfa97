"""cleanset: turn scraped news articles into clean, validated, analysis-ready datasets."""

__version__ = "0.1.0"
