"""Domain services: the write path and the queries, shared by GraphQL, the CLI and the seeds."""
