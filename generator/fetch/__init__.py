"""Fetch stage: new papers from the arXiv API and Hugging Face daily papers, kept in JSON Lines under data/."""
