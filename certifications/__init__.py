"""Credentials: certifying bodies, certifications and their eligibility routes."""
