"""GraphQL object types, one module per domain concept; built from ORM rows."""
