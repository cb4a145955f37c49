"""Compiled reads: queries answered by one SQL statement that builds the JSON answer.

PostGraphile-style: when every field a query asks for has an SQL translation (declared
beside the field: declare.py; read off the schema: sources.py), the compiler
(compiler.py) writes one statement for it and the executor (executor.py) runs it instead
of the resolvers; below a field that does not compile (a search), each object whose
selection has a list, a connection or a chain is compiled at its place. Anything else,
and every error, goes through the resolvers; tests compare both paths' answers byte for
byte (tests/api/compiled). PROVENANCE_COMPILED_READS=false turns it off.
"""
