"""GitHub-flavoured Markdown to HTML with cmark-gfm, the C library GitHub and PyPI render with:
linear in its input, nothing kept between texts, and nothing left behind in the worker.

cmarkgfm ships the library but its Python wrappers never free the document tree nor the
rendered HTML (a few megabytes a text for hostile input, kept until the worker restarts), so
the few C functions needed are called here directly, through ctypes, and both are freed.
"""

import ctypes
import html
import re

from cmarkgfm import _cmark
from cmarkgfm.cmark import Options

# Tables, ~~strikethrough~~ and bare links (www.example.org): what members write on GitHub.
EXTENSIONS = (b"table", b"strikethrough", b"autolink")
# No CMARK_OPT_UNSAFE: raw HTML in the text is left out (cmark writes a comment in its place)
# and javascript:/data: links are emptied, so only cmark's own well-formed tags come out. A block
# of raw HTML becomes a paragraph of its text instead (html_blocks_as_text).
OPTIONS = Options.CMARK_OPT_VALIDATE_UTF8

# Node types (cmark-gfm.h).
DOCUMENT, BLOCK_QUOTE, LIST, ITEM = 0x8001, 0x8002, 0x8003, 0x8004
HTML_BLOCK, PARAGRAPH, TEXT = 0x8006, 0x8008, 0xC001
CONTAINERS = {DOCUMENT, BLOCK_QUOTE, LIST, ITEM}


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
        "cmark_node_new": (pointer, [ctypes.c_int]),
        "cmark_node_first_child": (pointer, [pointer]),
        "cmark_node_next": (pointer, [pointer]),
        "cmark_node_get_type": (ctypes.c_int, [pointer]),
        "cmark_node_get_literal": (ctypes.c_char_p, [pointer]),
        "cmark_node_set_literal": (ctypes.c_int, [pointer, ctypes.c_char_p]),
        "cmark_node_append_child": (ctypes.c_int, [pointer, pointer]),
        "cmark_node_insert_before": (ctypes.c_int, [pointer, pointer]),
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
            if b"<" in encoded:
                html_blocks_as_text(document)
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


def html_blocks_as_text(document):
    """Replace each block of raw HTML in `document` with a paragraph of its text, so what a
    member wrapped in <div> or <p> still shows. Only block containers are walked (a block of HTML
    is never inside a paragraph), and nodes are replaced once the walk is over."""
    blocks, containers = [], [document]
    while containers:
        child = _lib.cmark_node_first_child(containers.pop())
        while child:
            kind = _lib.cmark_node_get_type(child)
            if kind == HTML_BLOCK:
                blocks.append(child)
            elif kind in CONTAINERS:
                containers.append(child)
            child = _lib.cmark_node_next(child)
    for block in blocks:
        text = text_of_html(_lib.cmark_node_get_literal(block).decode("utf-8", "replace"))
        if text:
            paragraph, node = _lib.cmark_node_new(PARAGRAPH), _lib.cmark_node_new(TEXT)
            _lib.cmark_node_set_literal(node, text.encode("utf-8"))
            _lib.cmark_node_append_child(paragraph, node)
            _lib.cmark_node_insert_before(block, paragraph)
        _lib.cmark_node_free(block)


_HIDDEN = re.compile(r"<(script|style)\b", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^<>]*>")


def text_of_html(fragment):
    """The text a browser would show of an HTML fragment, roughly: scripts and styles left out,
    tags removed, entities decoded; in one pass, whatever the fragment."""
    kept, position, lowered = [], 0, fragment.lower()
    while found := _HIDDEN.search(fragment, position):
        kept.append(fragment[position : found.start()])
        end = lowered.find(f"</{found.group(1).lower()}", found.end())
        close = lowered.find(">", end) if end >= 0 else -1
        position = close + 1 if close >= 0 else len(fragment)
    kept.append(fragment[position:])
    return html.unescape(_ANY_TAG.sub("", "".join(kept))).strip()
