"""Credentials: accreditors, certifying bodies, certifications and their eligibility routes, and the checker.

Accreditors live here because both programs (the program's accreditor) and routes (those accepted) need them.
"""
