"""Education: paths, topics, accreditors, selection factors and the program directory."""
