"""Rules about processes: the rule catalogue, schema checks, phase, relation and reference checks."""
