"""The GraphQL API: strawberry types over the services, served by Starlette."""
