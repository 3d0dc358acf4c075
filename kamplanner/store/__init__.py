"""The only package that speaks SQL: ORM rows, migrations, the plan repository."""
