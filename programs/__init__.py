"""Education: paths into the job, topics, selection factors, programs, the directory, compare and checklist.

Programs name their accreditor from certifications and their pay comparisons from careers.
"""
