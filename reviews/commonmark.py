"""GitHub-flavoured Markdown to HTML with cmark-gfm, the C library GitHub and PyPI render with:
linear in its input, nothing kept between texts, and nothing left behind in the worker.

cmarkgfm ships the library but its Python wrappers never free the document tree nor the
rendered HTML (a few megabytes a text for hostile input, kept until the worker restarts), so
the few C functions needed are called here directly, through ctypes, and both are freed.
"""

import ctypes

from cmarkgfm import _cmark
from cmarkgfm.cmark import Options

# Tables, ~~strikethrough~~ and bare links (www.example.org): what members write on GitHub.
EXTENSIONS = (b"table", b"strikethrough", b"autolink")
# No CMARK_OPT_UNSAFE: raw HTML in the text is left out (cmark writes a comment in its place)
# and javascript:/data: links are emptied, so only cmark's own well-formed tags come out.
OPTIONS = Options.CMARK_OPT_VALIDATE_UTF8


class _Allocator(ctypes.Structure):
    _fields_ = [
        ("calloc", ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t)),
        ("realloc", ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t)),
        ("free", ctypes.CFUNCTYPE(None, ctypes.c_void_p)),
    ]


def _bind():
    lib = ctypes.CDLL(_cmark.__file__)
    pointer = ctypes.c_void_p
    signatures = {
        "cmark_gfm_core_extensions_ensure_registered": (None, []),
        "cmark_find_syntax_extension": (pointer, [ctypes.c_char_p]),
        "cmark_parser_new": (pointer, [ctypes.c_int]),
        "cmark_parser_attach_syntax_extension": (ctypes.c_int, [pointer, pointer]),
        "cmark_parser_feed": (None, [pointer, ctypes.c_char_p, ctypes.c_size_t]),
        "cmark_parser_finish": (pointer, [pointer]),
        "cmark_parser_get_syntax_extensions": (pointer, [pointer]),
        "cmark_render_html": (pointer, [pointer, ctypes.c_int, pointer]),
        "cmark_node_free": (None, [pointer]),
        "cmark_parser_free": (None, [pointer]),
        "cmark_get_default_mem_allocator": (ctypes.POINTER(_Allocator), []),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype, function.argtypes = restype, argtypes
    lib.cmark_gfm_core_extensions_ensure_registered()
    return lib


_lib = _bind()
_extensions = [_lib.cmark_find_syntax_extension(name) for name in EXTENSIONS]
if not all(_extensions):
    raise ImportError(f"cmark-gfm lacks one of the extensions {EXTENSIONS}")
_free = _lib.cmark_get_default_mem_allocator().contents.free


def markdown_to_html(text):
    """`text` (GitHub-flavoured Markdown) as HTML, not yet sanitised."""
    encoded = text.encode("utf-8", "replace")
    parser = _lib.cmark_parser_new(OPTIONS)
    try:
        for extension in _extensions:
            _lib.cmark_parser_attach_syntax_extension(parser, extension)
        _lib.cmark_parser_feed(parser, encoded, len(encoded))
        document = _lib.cmark_parser_finish(parser)
        try:
            extensions = _lib.cmark_parser_get_syntax_extensions(parser)
            html = _lib.cmark_render_html(document, OPTIONS, extensions)
            try:
                return ctypes.string_at(html).decode("utf-8")
            finally:
                _free(html)
        finally:
            _lib.cmark_node_free(document)
    finally:
        _lib.cmark_parser_free(parser)
