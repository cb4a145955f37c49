"""Compiled reads: a query whose fields all have SQL translations is answered by one statement.

PostGraphile-style: the statement builds the whole JSON answer, so no resolver runs and
no per-field GraphQL work is done. Anything else (connections, searches, fields with
arguments, mutations) goes through the resolvers, and both paths must answer alike
(tests/api/compiled). PROVENANCE_COMPILED_READS=false turns the compiled path off.
"""
